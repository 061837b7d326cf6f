package io.taskshard.model;

/**
 * How many tasks of a job are in each state, as the scheduler (or, for a job read back from the
 * store, the tasks table) counts them. The dashboards show these; they never derive one count
 * from others (a cancelled task is not "done minus failed").
 */
public record TaskCounts(int blocked, int ready, int running, int succeeded, int failed, int cancelled) {
    public static final TaskCounts NONE = new TaskCounts(0, 0, 0, 0, 0, 0);

    public TaskCounts {
        if (blocked < 0 || ready < 0 || running < 0 || succeeded < 0 || failed < 0 || cancelled < 0) {
            throw new IllegalArgumentException("negative task count: " + blocked + "/" + ready + "/" + running + "/"
                    + succeeded + "/" + failed + "/" + cancelled);
        }
    }

    /** Counts indexed by {@link TaskState#ordinal()}. */
    public static TaskCounts of(int[] byState) {
        return new TaskCounts(byState[TaskState.BLOCKED.ordinal()], byState[TaskState.READY.ordinal()],
                byState[TaskState.RUNNING.ordinal()], byState[TaskState.SUCCEEDED.ordinal()],
                byState[TaskState.FAILED.ordinal()], byState[TaskState.CANCELLED.ordinal()]);
    }

    public int of(TaskState state) {
        return switch (state) {
            case BLOCKED -> blocked;
            case READY -> ready;
            case RUNNING -> running;
            case SUCCEEDED -> succeeded;
            case FAILED -> failed;
            case CANCELLED -> cancelled;
        };
    }

    /** Blocked and ready: what the dashboards call waiting. */
    public int waiting() {
        return blocked + ready;
    }

    /** Tasks in an end state. */
    public int ended() {
        return succeeded + failed + cancelled;
    }

    public int total() {
        return blocked + ready + running + succeeded + failed + cancelled;
    }
}
