package io.taskshard.server;

/**
 * A token bucket: {@code burst} tokens at most, refilled at {@code ratePerSecond}. Pure
 * arithmetic on the time it is given (nanoseconds from any fixed origin); not thread-safe, so
 * each connection owns one and calls it from its own message handler.
 */
final class TokenBucket {
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final int ratePerSecond;
    private final int burst;
    private double tokens;
    private long lastNanos;

    TokenBucket(int ratePerSecond, int burst, long nowNanos) {
        this.ratePerSecond = ratePerSecond;
        this.burst = burst;
        this.tokens = burst;
        this.lastNanos = nowNanos;
    }

    /** Takes one token if there is one; false when the caller is over its rate. */
    boolean tryTake(long nowNanos) {
        long elapsed = Math.max(0, nowNanos - lastNanos);
        lastNanos = Math.max(lastNanos, nowNanos);
        tokens = Math.min(burst, tokens + (double) elapsed * ratePerSecond / NANOS_PER_SECOND);
        if (tokens < 1) {
            return false;
        }
        tokens -= 1;
        return true;
    }
}
