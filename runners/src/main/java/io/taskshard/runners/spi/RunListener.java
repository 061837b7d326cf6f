package io.taskshard.runners.spi;

/**
 * What a runner tells about an attempt while it runs, so the peer client can send
 * {@code started} and {@code progress}. Calls come from the runner's threads, one at a time per
 * attempt; an implementation must be thread-safe across attempts and return quickly (queue the
 * work, do not send on the network inside the call). An exception thrown here is logged and
 * does not disturb the attempt.
 */
public interface RunListener {

    /** A listener that ignores everything. */
    RunListener NONE = new RunListener() {
    };

    /**
     * The attempt really began (e.g. the process was launched). Called at most once, possibly on
     * the thread calling {@link Runner#start} before it returns.
     */
    default void onStarted() {
    }

    /**
     * A new chunk of output, in order; chunks are arbitrary slices, not necessarily whole lines.
     * The bounded tail of everything so far is {@link RunHandle#tail()}. Only called after
     * {@link #onStarted()}: what is logged before (e.g. why the attempt could not start) is in
     * the result's log only.
     */
    default void onLog(String chunk) {
    }
}
