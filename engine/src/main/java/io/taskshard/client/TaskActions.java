package io.taskshard.client;

import io.taskshard.model.JobRecord;
import io.taskshard.model.JobState;
import io.taskshard.model.TaskRecord;
import io.taskshard.model.TaskState;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * Which operator actions the coordinator would accept for a task right now, from the job and
 * task as the UI sees them (pure: no I/O). Both dashboards offer only these, and explain the
 * others with {@link #whyNot} in the same words the server's refusal would use.
 *
 * <p>What it cannot see: peers (a reassign to a given peer may still be refused: the peer may
 * not fit the task), and a job cancel under way (a retry is then refused).
 */
public final class TaskActions {

    /** The operator actions on one task. */
    public enum TaskAction {
        /**
         * Run it again: a running task restarts (needs confirmation); a failed or cancelled one runs
         * again with its full attempts, and in a failing job with all the failed work. A task of an
         * ended job re-opens the job, which re-runs just the work that did not succeed.
         */
        RETRY,
        /** Pin it to one peer (a running attempt restarts there; needs confirmation). */
        REASSIGN,
        /** End a waiting or running task as cancelled. */
        CANCEL,
        /** Change its place in the ready order. */
        PRIORITY
    }

    private TaskActions() {
    }

    /** The actions the server would accept for {@code task} of {@code job} now. */
    public static Set<TaskAction> allowed(JobRecord job, TaskRecord task) {
        Set<TaskAction> out = EnumSet.noneOf(TaskAction.class);
        for (TaskAction a : TaskAction.values()) {
            if (whyNot(job, task, a) == null) {
                out.add(a);
            }
        }
        return out;
    }

    /**
     * Why the server would refuse {@code action} on {@code task} now, in the words it would
     * answer with; null when it would accept it.
     */
    public static String whyNot(JobRecord job, TaskRecord task, TaskAction action) {
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(action, "action");
        String name = "task '" + task.taskId() + "'";
        TaskState state = task.state();
        return switch (action) {
            case RETRY -> {
                // The same rules and words as the coordinator's (scheduler.Retries.whyNot).
                if (job.state() != JobState.RUNNING) { // re-opens the job
                    yield state == TaskState.SUCCEEDED ? name + " succeeded; there is nothing to retry" : null;
                }
                yield switch (state) {
                    case FAILED, CANCELLED -> null;
                    case RUNNING -> job.counts().failed() > 0
                            ? "job " + job.id() + " is failing: retry a failed task (that re-runs all the failed work)"
                            : null;
                    case SUCCEEDED -> name + " succeeded; there is nothing to retry";
                    case BLOCKED, READY -> name + " is waiting to run already (" + state.wire() + ")";
                };
            }
            case REASSIGN -> {
                if (job.state() != JobState.RUNNING) {
                    yield "job " + job.id() + " has ended (" + job.state().wire() + ")";
                }
                if (job.counts().failed() > 0) {
                    yield "job " + job.id() + " is failing: nothing new starts in it";
                }
                yield state.isEnd() ? name + " already ended (" + state.wire() + ")" : null;
            }
            case CANCEL, PRIORITY -> state.isEnd() ? name + " already ended (" + state.wire() + ")" : null;
        };
    }
}
