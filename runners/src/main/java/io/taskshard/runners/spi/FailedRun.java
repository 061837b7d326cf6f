package io.taskshard.runners.spi;

import io.taskshard.protocol.Outcome;
import java.time.Clock;

/**
 * A handle for an attempt that could not even start (a bad task field, a missing setting): its
 * result is already there, outcome {@code error}, with a log line saying why.
 */
public final class FailedRun extends BaseRunHandle {

    private FailedRun(String runnerName, TaskRun run) {
        super(runnerName, run, RunListener.NONE, Clock.systemUTC(), LogTail.DEFAULT_MAX_BYTES);
    }

    /**
     * @param why       the log line, e.g. "task 'x' has no target"
     * @param retryable false when the task itself is wrong (every peer would fail the same way),
     *                  null when another peer may do better (e.g. it has the setting this one lacks)
     */
    public static RunHandle of(String runnerName, TaskRun run, String why, Boolean retryable) {
        FailedRun handle = new FailedRun(runnerName, run);
        handle.note(why);
        handle.finish(Outcome.ERROR, null, retryable);
        return handle;
    }

    @Override
    protected void onStop(Stop stop) {
        // Nothing runs: the result is complete before anyone can cancel.
    }
}
