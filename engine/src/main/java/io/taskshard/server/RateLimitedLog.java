package io.taskshard.server;

import java.util.function.LongSupplier;
import org.slf4j.Logger;

/**
 * At most {@code perWindow} lines in each window, then one line saying how many were left out:
 * a flood of aborted or refused requests must not fill the disk with log. Thread-safe.
 */
final class RateLimitedLog {
    /** Enough to see what is going on; a flood of 3,000/s is then 1 line in 150. */
    static final int DEFAULT_LINES_PER_WINDOW = 20;
    static final long DEFAULT_WINDOW_MS = 1_000;

    private final Logger log;
    private final int perWindow;
    private final long windowMs;
    private final LongSupplier clockMs;
    private long windowStart;
    private int logged;
    private long suppressed;

    RateLimitedLog(Logger log, int perWindow, long windowMs, LongSupplier clockMs) {
        this.log = log;
        this.perWindow = perWindow;
        this.windowMs = windowMs;
        this.clockMs = clockMs;
        this.windowStart = clockMs.getAsLong();
    }

    RateLimitedLog(Logger log) {
        this(log, DEFAULT_LINES_PER_WINDOW, DEFAULT_WINDOW_MS, System::currentTimeMillis);
    }

    /** Logs {@code format} at info, unless this window's lines are used up. */
    void info(String format, Object... args) {
        long left;
        synchronized (this) {
            long now = clockMs.getAsLong();
            left = 0;
            if (now - windowStart >= windowMs) {
                left = suppressed;
                suppressed = 0;
                logged = 0;
                windowStart = now;
            }
            if (logged >= perWindow) {
                suppressed++;
                return;
            }
            logged++;
        }
        if (left > 0) {
            log.info("{} similar lines were left out in the last {} ms (at most {} per {} ms)", left, windowMs,
                    perWindow, windowMs);
        }
        log.info(format, args);
    }
}
