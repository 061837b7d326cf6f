package io.taskshard.client;

import io.taskshard.model.TaskRecord;
import io.taskshard.model.TaskSpec;
import java.util.Objects;

/**
 * One task as the operator API shows it: its changing state and its spec. The API sends both
 * in one JSON object; this client splits it back into the model records the rest of the
 * engine (and {@code io.taskshard.analysis}) uses.
 *
 * <p>Mapping: {@code uid, jobId, state, priority, attemptsUsed, currentLease, preferredPeer,
 * readySince} and {@code id} (as {@code taskId}) go to {@link TaskRecord};
 * {@code id, target, command, timeoutMs, needs, resources, labels, extra}, {@code maxAttempts}
 * (as {@code attempts}) and {@code priority} go to {@link TaskSpec}. The spec's priority is
 * therefore the <em>current</em> priority: the API does not send the schema's original one.
 *
 * @param task the changing part
 * @param spec what the schema says; null when the server did not know it (it then leaves the
 *             spec fields out and sends {@code maxAttempts} 0)
 */
public record TaskInfo(TaskRecord task, TaskSpec spec) {
    public TaskInfo {
        Objects.requireNonNull(task, "task");
    }

    public long uid() {
        return task.uid();
    }

    public long jobId() {
        return task.jobId();
    }

    /** The task's id in the schema. */
    public String id() {
        return task.taskId();
    }
}
