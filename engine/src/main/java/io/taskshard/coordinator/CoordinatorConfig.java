package io.taskshard.coordinator;

/**
 * Settings of the coordinator loop.
 *
 * @param maxBatch most events handled (and committed in one transaction) per loop turn
 * @param tickMs   a {@code Tick} event is injected when no event arrived for this long, and at
 *                 least this often under load (grace periods, heartbeats and coalescing run on it)
 */
public record CoordinatorConfig(int maxBatch, long tickMs) {
    public static final int DEFAULT_MAX_BATCH = 1024;
    public static final long DEFAULT_TICK_MS = 50;

    public CoordinatorConfig {
        if (maxBatch < 1) {
            throw new IllegalArgumentException("maxBatch must be at least 1, got " + maxBatch);
        }
        if (tickMs < 1) {
            throw new IllegalArgumentException("tickMs must be at least 1, got " + tickMs);
        }
    }

    public static CoordinatorConfig defaults() {
        return new CoordinatorConfig(DEFAULT_MAX_BATCH, DEFAULT_TICK_MS);
    }
}
