package io.taskshard.runners.spi;

/**
 * Runs attempts of tasks: a shell command, a Bazel target, a simulated sleep, or whatever a
 * plug-in does. One instance serves every slot of a peer, so {@link #start} may be called from
 * several threads and several attempts may run at once.
 *
 * <p>Contract of {@link #start}:
 * <ul>
 *   <li>it returns at once; the attempt runs on the runner's own thread(s);</li>
 *   <li>it never throws for a bad task or a failure to launch: the handle's result then has
 *       outcome {@code error} and a log saying why (only {@code null} arguments throw);</li>
 *   <li>the runner enforces {@link TaskRun#timeoutMs()} itself: when it passes, the attempt is
 *       stopped and ends with outcome {@code failure} and a log line "timed out after …";</li>
 *   <li>{@link RunListener#onStarted()} is called at most once, before any
 *       {@link RunListener#onLog}, and the {@link RunHandle#result() result} completes exactly once,
 *       after the last listener call.</li>
 * </ul>
 */
public interface Runner {

    /** The name it is found by, e.g. {@code shell}; the same as its provider's name. */
    String name();

    /**
     * Starts one attempt.
     *
     * @param run      what to run and where
     * @param listener told when the attempt begins and of each chunk of output; called from the
     *                 runner's threads (or from this call, before it returns), so it must be
     *                 thread-safe and return quickly
     * @return the handle to cancel the attempt, read its log tail and wait for its result
     */
    RunHandle start(TaskRun run, RunListener listener);
}
