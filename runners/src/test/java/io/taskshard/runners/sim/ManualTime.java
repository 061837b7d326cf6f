package io.taskshard.runners.sim;

import io.taskshard.runners.testing.TestClock;
import java.time.Duration;

/** A virtual clock whose {@link #sleep} returns at once after moving time forward. */
final class ManualTime extends TestClock implements Sleeper {
    @Override
    public void sleep(long ms) throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException("cancelled before the virtual sleep");
        }
        advance(Duration.ofMillis(ms));
    }
}
