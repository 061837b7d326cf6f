package io.taskshard.scheduler;

import io.taskshard.model.JobTemplate;
import io.taskshard.model.MisfirePolicy;
import io.taskshard.model.Resources;
import io.taskshard.model.Schema;
import java.util.List;

/** What an operator can ask of the scheduler. Tasks are named by their coordinator-wide uid. */
public sealed interface OperatorCommand {

    /**
     * Move a waiting or running task to {@code peer}. A running attempt is cancelled first, only
     * when {@code confirmRunning} (the operator saw it running and confirmed); else a running task
     * is refused with 409 {@code conflict}, so a task that started meanwhile is not silently restarted.
     */
    record Reassign(long taskUid, String peer, boolean confirmRunning) implements OperatorCommand {
    }

    /**
     * Run a task of a running job again: a cancelled one gets a fresh attempt budget; a running one
     * restarts, only when {@code confirmRunning}, else 409 {@code conflict}.
     */
    record Retry(long taskUid, boolean confirmRunning) implements OperatorCommand {
    }

    record CancelTask(long taskUid) implements OperatorCommand {
    }

    record CancelJob(long jobId) implements OperatorCommand {
    }

    /** Drain: finish what it runs, take nothing new. {@code drain=false} undoes it. */
    record Drain(String peer, boolean drain) implements OperatorCommand {
    }

    record SetPriority(long taskUid, int priority) implements OperatorCommand {
    }

    /** Queue a job for workers. Options override every task's own values when set (non-null). */
    record Submit(Schema schema, Integer priority, List<String> labels, Resources resources, Integer attempts,
                  Long execCapMs, Long delayToleranceMs) implements OperatorCommand {
        public Submit(Schema schema, Integer priority, List<String> labels, Resources resources, Integer attempts,
                      Long execCapMs) {
            this(schema, priority, labels, resources, attempts, execCapMs, null);
        }

        public static Submit of(JobTemplate t) {
            return new Submit(t.schema(), t.priority(), t.labels(), t.resources(), t.attempts(), t.execCapMs(),
                    t.delayToleranceMs());
        }

        public JobTemplate template() {
            return new JobTemplate(schema, priority, labels, resources, attempts, execCapMs, delayToleranceMs);
        }
    }

    /**
     * Add a schedule: each fire submits {@code job}. {@code when} is a {@link ScheduleCalendar}
     * line, read in {@code timeZone}.
     */
    record AddSchedule(String name, String when, String timeZone, MisfirePolicy misfire, JobTemplate job)
            implements OperatorCommand {
    }

    /** Remove a schedule; jobs it already made are not touched. */
    record RemoveSchedule(long scheduleId) implements OperatorCommand {
    }
}
