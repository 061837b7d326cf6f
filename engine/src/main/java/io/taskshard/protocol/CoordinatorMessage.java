package io.taskshard.protocol;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;
import java.util.Map;

/** Frames the coordinator sends to a peer (PROTOCOL.md "Coordinator → peer"). */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = CoordinatorMessage.Welcome.class, name = "welcome"),
    @JsonSubTypes.Type(value = CoordinatorMessage.Assign.class, name = "assign"),
    @JsonSubTypes.Type(value = CoordinatorMessage.Ack.class, name = "ack"),
    @JsonSubTypes.Type(value = CoordinatorMessage.Cancel.class, name = "cancel"),
    @JsonSubTypes.Type(value = CoordinatorMessage.TaskDone.class, name = "task-done"),
    @JsonSubTypes.Type(value = CoordinatorMessage.JobComplete.class, name = "job-complete"),
    @JsonSubTypes.Type(value = CoordinatorMessage.Error.class, name = "error"),
})
public sealed interface CoordinatorMessage {

    record Welcome(String peer, JobInfo job, long heartbeatMs) implements CoordinatorMessage {
    }

    /** {@code tasks} and {@code done} are counts. {@code job} is null for a worker between jobs. */
    record JobInfo(long id, String name, int tasks, int done) {
    }

    /** {@code task} is the task's id plus the schema's fields for it. */
    record Assign(long lease, Map<String, Object> task, int attempt, long timeoutMs) implements CoordinatorMessage {
    }

    record Ack(long lease) implements CoordinatorMessage {
    }

    record Cancel(long lease, String reason) implements CoordinatorMessage {
    }

    record TaskDone(List<DoneTask> tasks) implements CoordinatorMessage {
    }

    /** {@code outcome}: success, failure or cancelled. {@code by}: the peer whose attempt ended it. */
    record DoneTask(String task, String outcome, String by) {
    }

    /**
     * {@code outcome}: success, failure or cancelled. {@code cancelled}: the first
     * {@link #DEFAULT_CANCELLED_LISTED} tasks that ended cancelled (they never completed: an
     * operator cancelled them, or a failure or job cancel made them pointless);
     * {@code cancelledCount}: how many there are in all. A {@code success} with cancelled tasks
     * means every task ran successfully except those an operator cancelled (docs/protocol.md).
     */
    record JobComplete(long job, String outcome, List<String> failed, List<String> cancelled, int cancelledCount)
            implements CoordinatorMessage {
        /** A frame lists at most this many cancelled tasks (a cancelled job of 1,000,000 tasks stays small). */
        public static final int DEFAULT_CANCELLED_LISTED = 100;

        public JobComplete {
            failed = failed == null ? List.of() : List.copyOf(failed);
            cancelled = cancelled == null ? List.of() : List.copyOf(cancelled);
            cancelledCount = Math.max(cancelledCount, cancelled.size());
        }

        /** Nothing was cancelled. */
        public JobComplete(long job, String outcome, List<String> failed) {
            this(job, outcome, failed, List.of(), 0);
        }
    }

    record Error(String code, String message, boolean fatal) implements CoordinatorMessage {
    }
}
