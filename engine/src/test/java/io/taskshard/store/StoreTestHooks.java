package io.taskshard.store;

/** Lets tests in other packages reach {@link SqliteStore}'s package-private fault hooks. */
public final class StoreTestHooks {
    private StoreTestHooks() {
    }

    /** Caps the database at {@code maxPages} pages, as a full disk would; returns the cap in force. */
    public static long limitPages(Store store, long maxPages) {
        return ((SqliteStore) store).limitPages(maxPages);
    }
}
