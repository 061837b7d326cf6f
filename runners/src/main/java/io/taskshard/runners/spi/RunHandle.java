package io.taskshard.runners.spi;

import java.util.concurrent.CompletableFuture;

/** One running (or finished) attempt, as {@link Runner#start} returns it. Thread-safe. */
public interface RunHandle {

    /** What this attempt runs. */
    TaskRun run();

    /**
     * Stops the attempt: a process runner kills the whole process tree (SIGTERM, then SIGKILL
     * after a grace period). The result then has outcome {@code error}, and its log ends with
     * "cancelled: {@code reason}". Does nothing once the attempt has ended; calling it again
     * does nothing more.
     */
    void cancel(String reason);

    /**
     * Completes exactly once with the attempt's result, never exceptionally: whatever goes wrong
     * becomes outcome {@code error} with a log saying why. Cancelling the returned future does
     * not stop the attempt; use {@link #cancel(String)}.
     */
    CompletableFuture<RunResult> result();

    /** The bounded tail of the output so far (what {@code progress.log} carries). */
    String tail();
}
