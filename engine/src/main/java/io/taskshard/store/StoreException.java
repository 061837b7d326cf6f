package io.taskshard.store;

/**
 * The store could not do what was asked; the message says what and why. {@link #isTransient()}
 * tells a failure that may pass on its own or once an operator acts (disk full, read-only, I/O,
 * locked) from one that will not (closed store, a batch the schema refuses).
 */
public class StoreException extends RuntimeException {
    private final boolean transientFailure;

    public StoreException(String message, Throwable cause) {
        this(message, cause, false);
    }

    public StoreException(String message, Throwable cause, boolean transientFailure) {
        super(message, cause);
        this.transientFailure = transientFailure;
    }

    public StoreException(String message) {
        super(message);
        this.transientFailure = false;
    }

    /** True when the same operation may succeed later unchanged (e.g. once disk space is freed). */
    public boolean isTransient() {
        return transientFailure;
    }
}
