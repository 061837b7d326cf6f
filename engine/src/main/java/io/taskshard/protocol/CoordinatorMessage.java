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

    /** {@code outcome}: success, failure or cancelled. */
    record JobComplete(long job, String outcome, List<String> failed) implements CoordinatorMessage {
    }

    record Error(String code, String message, boolean fatal) implements CoordinatorMessage {
    }
}
