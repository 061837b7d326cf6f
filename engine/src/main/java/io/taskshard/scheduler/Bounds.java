package io.taskshard.scheduler;

import io.taskshard.model.JobKind;
import io.taskshard.protocol.ErrorCode;
import java.util.Objects;

/**
 * Whether one more job fits the {@link JobLimits}: counted over the jobs in memory, which are
 * at most {@code max-jobs}, so a scan per new job is cheap.
 */
final class Bounds {
    private Bounds() {
    }

    /** Why a job is refused: the error code (peer protocol and API) and a message naming the limit. */
    record Refusal(String code, String message, int httpStatus) {
        Refusal(String code, String message) {
            this(code, message, 429); // the coordinator is full for now: retry later
        }
    }

    /**
     * Null when a new job of {@code tasks} tasks fits; else why not. {@code owner} is the token
     * whose peer starts a shared job (null for submitted jobs: those are bounded only overall).
     */
    static Refusal checkNewJob(State s, String owner, int tasks) {
        JobLimits limits = s.config.jobLimits();
        if (tasks > limits.maxTasksPerJob()) {
            return new Refusal(ErrorCode.TOO_MANY_TASKS, "the job has " + tasks + " tasks; this coordinator takes at most "
                    + limits.maxTasksPerJob() + " tasks per job (its max-tasks limit)", 413);
        }
        if (s.jobs.size() >= limits.maxJobs()) {
            return new Refusal(ErrorCode.TOO_MANY_JOBS, "the coordinator already holds " + s.jobs.size()
                    + " jobs, its max-jobs limit; try again when some have ended");
        }
        long held = s.tasksByUid.size();
        if (held + tasks > limits.maxTotalTasks()) {
            return new Refusal(ErrorCode.TOO_MANY_TASKS, "a job of " + tasks + " tasks would take the tasks held to "
                    + (held + tasks) + ", over the coordinator's max-total-tasks limit of " + limits.maxTotalTasks()
                    + "; try again when some jobs have ended");
        }
        if (owner == null) {
            return null;
        }
        int ownJobs = 0;
        long ownTasks = 0;
        for (Job j : s.jobs.values()) {
            if (j.kind == JobKind.SHARED && Objects.equals(j.owner, owner)) {
                ownJobs++;
                ownTasks += j.tasks.size();
            }
        }
        String who = owner.isEmpty() ? "the peers (auth is off: all share one budget)" : "token '" + owner + "'";
        if (ownJobs >= limits.maxJobsPerToken()) {
            return new Refusal(ErrorCode.TOO_MANY_JOBS, who + " already started " + ownJobs
                    + " jobs that are held, the max-jobs-per-token limit; try again when some have ended");
        }
        if (ownTasks + tasks > limits.maxTasksPerToken()) {
            return new Refusal(ErrorCode.TOO_MANY_TASKS, "a job of " + tasks + " tasks would take the tasks held for "
                    + who + " to " + (ownTasks + tasks) + ", over the max-tasks-per-token limit of "
                    + limits.maxTasksPerToken() + "; try again when some jobs have ended");
        }
        return null;
    }
}
