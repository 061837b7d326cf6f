package io.taskshard.runners.peer;

import java.util.List;
import java.util.Objects;

/**
 * How a peer's run ended.
 *
 * @param status      what happened
 * @param message     one line for a human: why it ended this way
 * @param jobId       the coordinator's job id; 0 when the peer never joined one
 * @param failedTasks ids of the job's failed tasks (from {@code job-complete}, or the local run)
 * @param tasksRun    attempts this peer finished (whatever their outcome)
 * @param connected   true when the peer was ever welcomed by the coordinator
 * @param cancelledTasks the first cancelled tasks of the job (from {@code job-complete})
 * @param cancelledCount how many tasks of the job ended cancelled in all
 */
public record PeerResult(Status status, String message, long jobId, List<String> failedTasks, int tasksRun,
                         boolean connected, List<String> cancelledTasks, int cancelledCount) {

    /** PROTOCOL.md: 0 when the job completed with success. */
    public static final int EXIT_SUCCESS = 0;
    /** PROTOCOL.md: 1 when the job failed (also: cancelled, stopped, a runtime error). */
    public static final int EXIT_FAILURE = 1;
    /** PROTOCOL.md: 2 for usage or configuration errors (refused token, bad schema, wrong protocol). */
    public static final int EXIT_USAGE = 2;
    /** PROTOCOL.md: 3 when the coordinator could not be reached and no fallback was asked for. */
    public static final int EXIT_UNREACHABLE = 3;

    /** How a peer's run ended. */
    public enum Status {
        /** The job completed with success. */
        SUCCESS,
        /** The job completed with failed tasks. */
        FAILURE,
        /** The job was cancelled (by an operator). */
        CANCELLED,
        /** The coordinator could not be reached, or was lost for longer than the reconnect limit. */
        UNREACHABLE,
        /** The coordinator refused this peer for good: token, protocol version, invalid schema. */
        REJECTED,
        /** Some other fatal problem (e.g. another process took over this peer id). */
        ERROR,
        /** {@link PeerClient#shutdown()} was called: the peer said goodbye before the job ended. */
        STOPPED
    }

    public PeerResult {
        Objects.requireNonNull(status, "status");
        message = message == null ? "" : message;
        failedTasks = List.copyOf(failedTasks == null ? List.of() : failedTasks);
        cancelledTasks = List.copyOf(cancelledTasks == null ? List.of() : cancelledTasks);
        cancelledCount = Math.max(cancelledCount, cancelledTasks.size());
    }

    /** A result of a run in which nothing was cancelled. */
    public PeerResult(Status status, String message, long jobId, List<String> failedTasks, int tasksRun,
                      boolean connected) {
        this(status, message, jobId, failedTasks, tasksRun, connected, List.of(), 0);
    }

    /**
     * The exit code when cancelled tasks count as a failure ({@code --fail-on-cancelled}): a job
     * that succeeded except for tasks an operator cancelled then exits 1, so CI notices.
     */
    public int exitCode(boolean failOnCancelled) {
        return failOnCancelled && status == Status.SUCCESS && cancelledCount > 0 ? EXIT_FAILURE : exitCode();
    }

    /** The peer CLI's exit code for this result (PROTOCOL.md). */
    public int exitCode() {
        return switch (status) {
            case SUCCESS -> EXIT_SUCCESS;
            case FAILURE, CANCELLED, ERROR, STOPPED -> EXIT_FAILURE;
            case REJECTED -> EXIT_USAGE;
            case UNREACHABLE -> EXIT_UNREACHABLE;
        };
    }
}
