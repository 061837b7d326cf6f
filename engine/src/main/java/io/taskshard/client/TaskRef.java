package io.taskshard.client;

import java.util.Objects;

/**
 * Names a task in {@code /api/v1/tasks/{id}} URLs: by coordinator-wide {@link #uid}, or by its
 * {@link #id id in the schema} (optionally within one job, needed when several running jobs
 * have a task with that id: the server then answers 409 {@code ambiguous-task}).
 *
 * <p>The server reads an all-digits id as a uid first, and with a job as a schema id first; see
 * docs/operator-api.md, "Naming tasks in URLs".
 *
 * @param pathId the uid (digits) or the schema id, not yet URL-encoded
 * @param jobId  the job to look in; null = let the server search
 */
public record TaskRef(String pathId, Long jobId) {
    public TaskRef {
        Objects.requireNonNull(pathId, "pathId");
        if (pathId.isEmpty()) {
            throw new IllegalArgumentException("a task reference needs a uid or an id");
        }
    }

    /** The task with this uid (field {@code uid}). */
    public static TaskRef uid(long uid) {
        return new TaskRef(Long.toString(uid), null);
    }

    /** The task with this id in its schema (field {@code id}), in whichever job has it. */
    public static TaskRef id(String taskId) {
        return new TaskRef(taskId, null);
    }

    /** The task with this schema id in one job. */
    public static TaskRef id(String taskId, long jobId) {
        return new TaskRef(taskId, jobId);
    }

    /** {@code /tasks/<encoded id>} plus {@code suffix} plus {@code ?job=N} when a job is given. */
    String path(String suffix) {
        return "/tasks/" + OperatorClient.segment(pathId) + suffix + (jobId == null ? "" : "?job=" + jobId);
    }

    @Override
    public String toString() {
        return jobId == null ? "task " + pathId : "task " + pathId + " of job " + jobId;
    }
}
