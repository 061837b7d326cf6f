package io.taskshard.store;

import java.time.Duration;
import java.util.Objects;

/**
 * How {@link SqliteStore} opens its database.
 *
 * @param synchronous  how hard SQLite syncs a commit to disk; see {@link Synchronous}
 * @param busyTimeout  how long a statement waits for a lock held by another connection before
 *                     failing with "database is locked"
 * @param cacheSizeMb  page cache per connection; memory is only taken as pages are used
 */
public record StoreOptions(Synchronous synchronous, Duration busyTimeout, int cacheSizeMb) {

    /** Survives a crash of the process; the last commits may be lost on power loss. */
    public static final Synchronous DEFAULT_SYNCHRONOUS = Synchronous.NORMAL;
    public static final Duration DEFAULT_BUSY_TIMEOUT = Duration.ofSeconds(5);
    /** Big enough to keep the task and attempt indexes of a 100k-task job in memory. */
    public static final int DEFAULT_CACHE_SIZE_MB = 64;

    public static final StoreOptions DEFAULTS =
            new StoreOptions(DEFAULT_SYNCHRONOUS, DEFAULT_BUSY_TIMEOUT, DEFAULT_CACHE_SIZE_MB);

    /** SQLite's {@code PRAGMA synchronous} levels that make sense in WAL mode. */
    public enum Synchronous {
        /** WAL is synced at checkpoints only: durable across process crashes, fast. */
        NORMAL,
        /** WAL is synced at every commit: durable across power loss too, slower. */
        FULL
    }

    public StoreOptions {
        Objects.requireNonNull(synchronous, "synchronous");
        Objects.requireNonNull(busyTimeout, "busyTimeout");
        if (busyTimeout.isNegative() || busyTimeout.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("busy timeout must be between 0 and "
                    + Integer.MAX_VALUE + " ms, got " + busyTimeout);
        }
        if (cacheSizeMb < 1) {
            throw new IllegalArgumentException("cache size must be at least 1 MB, got " + cacheSizeMb);
        }
    }

    public StoreOptions withSynchronous(Synchronous newSynchronous) {
        return new StoreOptions(newSynchronous, busyTimeout, cacheSizeMb);
    }

    public StoreOptions withBusyTimeout(Duration newBusyTimeout) {
        return new StoreOptions(synchronous, newBusyTimeout, cacheSizeMb);
    }
}
