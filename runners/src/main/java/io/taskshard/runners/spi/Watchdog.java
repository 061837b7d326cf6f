package io.taskshard.runners.spi;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/** The one timer thread that fires attempt timeouts for every runner in this JVM. */
final class Watchdog {
    private static final ScheduledThreadPoolExecutor TIMER = new ScheduledThreadPoolExecutor(1, r -> {
        Thread t = new Thread(r, "taskshard-run-timeouts");
        t.setDaemon(true);
        return t;
    });

    static {
        // Finished attempts cancel their timeout; drop it from the queue at once rather than
        // keeping it (and its attempt) until it would have fired hours later.
        TIMER.setRemoveOnCancelPolicy(true);
    }

    private Watchdog() {
    }

    static ScheduledFuture<?> after(long millis, Runnable action) {
        return TIMER.schedule(action, millis, TimeUnit.MILLISECONDS);
    }
}
