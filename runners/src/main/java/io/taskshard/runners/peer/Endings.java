package io.taskshard.runners.peer;

import io.taskshard.protocol.CoordinatorMessage;
import io.taskshard.protocol.ErrorCode;
import io.taskshard.runners.peer.PeerResult.Status;
import java.util.List;
import java.util.Set;

/** What {@code job-complete} and {@code error} frames mean for a peer's run. Pure. */
final class Endings {
    /** {@code job-complete} names at most this many failed tasks in the message. */
    static final int DEFAULT_FAILED_NAMED = 10;
    /** Fatal error codes that mean "this peer's setup is wrong": exit 2, no retry. */
    private static final Set<String> REFUSALS = Set.of(ErrorCode.PROTOCOL_VERSION, ErrorCode.UNAUTHORIZED,
            ErrorCode.INVALID_SCHEMA, ErrorCode.NOT_HELLO, ErrorCode.BAD_JSON, ErrorCode.BAD_MESSAGE,
            ErrorCode.UNKNOWN_TYPE, ErrorCode.TOO_LARGE);
    /** Fatal error codes after which coming back later can work. */
    private static final Set<String> RETRYABLE = Set.of(ErrorCode.UNAVAILABLE, ErrorCode.HELLO_TIMEOUT);

    private Endings() {
    }

    /** How a run ends: its status and a line for a human. */
    record Ending(Status status, String message) {
    }

    /** What to do about an {@code error} frame. */
    enum Action {
        /** Normal now and then (stale-lease after a cancel crossed our finished): debug log only. */
        QUIET,
        /** Worth telling the user; the run goes on. */
        TELL,
        /** The coordinator closes the connection next; reconnect as after any lost connection. */
        RECONNECT,
        /** The run is over. */
        END
    }

    /** @param status only for {@link Action#END} */
    record Verdict(Action action, Status status, String message) {
    }

    static Ending jobComplete(CoordinatorMessage.JobComplete done, String jobName) {
        List<String> failed = done.failed() == null ? List.of() : done.failed();
        String name = "job " + done.job() + " '" + jobName + "'";
        return switch (done.outcome() == null ? "" : done.outcome()) {
            case "success" -> new Ending(Status.SUCCESS, name + " succeeded" + cancelledWords(done));
            case "cancelled" -> new Ending(Status.CANCELLED, name + " was cancelled");
            default -> new Ending(Status.FAILURE, name + " failed: " + failed.size() + " task(s) failed"
                    + (failed.isEmpty() ? "" : ": " + String.join(", ",
                    failed.subList(0, Math.min(DEFAULT_FAILED_NAMED, failed.size())))
                    + (failed.size() > DEFAULT_FAILED_NAMED ? ", …" : "")));
        };
    }

    /**
     * ", but 2 task(s) were cancelled and never completed: //a:b, //c:d": in a job that succeeded,
     * only an operator cancels a task, or a task it needs (a failure would have failed the job).
     */
    private static String cancelledWords(CoordinatorMessage.JobComplete done) {
        if (done.cancelledCount() == 0) {
            return "";
        }
        List<String> named = done.cancelled().subList(0, Math.min(DEFAULT_FAILED_NAMED, done.cancelled().size()));
        return ", but " + done.cancelledCount() + " task(s) were cancelled (by an operator) and never completed"
                + (named.isEmpty() ? "" : ": " + String.join(", ", named)
                + (done.cancelledCount() > named.size() ? ", …" : ""));
    }

    static Verdict error(CoordinatorMessage.Error error, String peerId) {
        String text = error.code() + ": " + error.message();
        if (!error.fatal()) {
            return ErrorCode.STALE_LEASE.equals(error.code())
                    ? new Verdict(Action.QUIET, null, text)
                    : new Verdict(Action.TELL, null, "the coordinator says " + text);
        }
        if (RETRYABLE.contains(error.code())) {
            return new Verdict(Action.RECONNECT, null, "the coordinator says " + text);
        }
        if (REFUSALS.contains(error.code())) {
            return new Verdict(Action.END, Status.REJECTED, "the coordinator refused this peer: " + text);
        }
        if (ErrorCode.REPLACED.equals(error.code())) {
            return new Verdict(Action.END, Status.ERROR, "another connection took over peer id '" + peerId
                    + "'; give every peer its own --id (" + text + ")");
        }
        return new Verdict(Action.END, Status.ERROR, "the coordinator ended the connection: " + text);
    }
}
