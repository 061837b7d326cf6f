package io.taskshard.client;

import io.taskshard.model.AttemptRecord;
import java.util.List;
import java.util.Objects;

/**
 * A task with every attempt it had: the answer of {@code GET /api/v1/tasks/{id}} and of the
 * task commands (state after the command).
 *
 * @param task     the task
 * @param attempts its attempts, by lease
 */
public record TaskDetail(TaskInfo task, List<AttemptRecord> attempts) {
    public TaskDetail {
        Objects.requireNonNull(task, "task");
        attempts = List.copyOf(attempts);
    }
}
