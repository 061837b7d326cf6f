package io.taskshard.runners.spi;

import io.taskshard.protocol.CoordinatorMessage;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One attempt to run: what the coordinator's {@code assign} says, plus where the peer runs it.
 * Runner-specific settings (command template, Bazel flags, …) are not here: they are given once
 * when the runner is created ({@link Runners#byName}), so a bad setting fails at peer start.
 *
 * @param lease     the attempt's lease from {@code assign} (unique, increasing)
 * @param attempt   1 for the first attempt of the task, 2 for the first retry, …
 * @param taskId    the task's {@code id}
 * @param task      the task's wire fields as {@code assign.task} carries them: {@code id},
 *                  {@code target}, {@code command}, … and any extra schema field
 *                  ({@code simulate}, {@code env}, {@code bazel}, …), unchanged
 * @param timeoutMs cap on this attempt in milliseconds, enforced by the runner; 0 = none
 * @param workDir   the directory to run in (for Bazel, the workspace)
 * @param env       environment variables the peer adds for every task (e.g. from its command
 *                  line); a task's own {@code env} field is applied on top by the runner
 */
public record TaskRun(
        long lease,
        int attempt,
        String taskId,
        Map<String, Object> task,
        long timeoutMs,
        Path workDir,
        Map<String, String> env) {

    public TaskRun {
        Objects.requireNonNull(taskId, "taskId");
        Objects.requireNonNull(workDir, "workDir");
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt must be at least 1, got " + attempt);
        }
        if (timeoutMs < 0) {
            throw new IllegalArgumentException("timeoutMs must not be negative, got " + timeoutMs);
        }
        // Wire maps may hold null values, which Map.copyOf refuses; keep them, read-only.
        task = Collections.unmodifiableMap(new LinkedHashMap<>(task == null ? Map.of() : task));
        env = Map.copyOf(env == null ? Map.of() : env);
    }

    /**
     * The run an {@code assign} frame asks for.
     *
     * @throws IllegalArgumentException when the frame's task has no string {@code id}
     */
    public static TaskRun of(CoordinatorMessage.Assign assign, Path workDir, Map<String, String> env) {
        Map<String, Object> task = assign.task() == null ? Map.of() : assign.task();
        if (!(task.get("id") instanceof String id) || id.isBlank()) {
            throw new IllegalArgumentException("assign for lease " + assign.lease() + " has a task without a string 'id'");
        }
        return new TaskRun(assign.lease(), assign.attempt(), id, task, assign.timeoutMs(), workDir, env);
    }

    /** Typed, checked access to {@link #task()}. */
    public TaskFields fields() {
        return new TaskFields(taskId, task);
    }

    /** The task's {@code target}, or null. */
    public String target() {
        return fields().string("target");
    }

    /** The task's {@code command}, or null. */
    public String command() {
        return fields().string("command");
    }
}
