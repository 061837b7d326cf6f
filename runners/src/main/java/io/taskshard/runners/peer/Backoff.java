package io.taskshard.runners.peer;

import java.time.Duration;

/**
 * Reconnect delays: exponential backoff with full jitter. Attempt {@code n} (0 for the first
 * retry) waits a uniformly random time in {@code [0, min(max, min × 2^n)]}, at least 1 ms.
 * Full jitter spreads the reconnects of many peers whose coordinator restarted, so they do not
 * all knock at the same instant. Pure: the random number is passed in.
 *
 * @param min the cap of the first retry's delay
 * @param max the largest delay ever
 */
public record Backoff(Duration min, Duration max) {

    public Backoff {
        if (min.isNegative() || min.isZero()) {
            throw new IllegalArgumentException("backoff minimum must be positive, got " + min);
        }
        if (max.compareTo(min) < 0) {
            throw new IllegalArgumentException("backoff maximum " + max + " is below the minimum " + min);
        }
    }

    /** The cap of attempt {@code attempt}'s delay: {@code min(max, min × 2^attempt)}. */
    public long capMillis(int attempt) {
        long minMs = min.toMillis();
        long maxMs = max.toMillis();
        int shift = Math.clamp(attempt, 0, 30);
        long cap = minMs << shift;
        return cap <= 0 || cap > maxMs ? maxMs : cap; // <= 0: shifted past the sign bit
    }

    /**
     * The delay before retry {@code attempt}.
     *
     * @param random uniform in {@code [0, 1)}
     */
    public long delayMillis(int attempt, double random) {
        if (random < 0 || random >= 1) {
            throw new IllegalArgumentException("random must be in [0, 1), got " + random);
        }
        return Math.max(1, (long) (random * (capMillis(attempt) + 1)));
    }
}
