package io.taskshard.scheduler;

/**
 * How many jobs and tasks the scheduler holds in memory, so that hellos with ever new schema
 * names cannot grow it without bound (issue 19: 20 hellos of 60,000 tasks took the heap from
 * 14 to 668 MB). A job counts from its creation until it ends and no peer of it is left; its
 * data stays in the store either way. docs/configuration.md ("Limits") lists each with its flag.
 *
 * @param maxJobs          jobs held at once (shared and submitted); a hello or submit that would
 *                         start one more is refused ({@code too-many-jobs}, HTTP 429)
 * @param maxJobsPerToken  shared jobs started by the peers of one token (all peers share one
 *                         when auth is off)
 * @param maxTotalTasks    tasks of all jobs held; a new job that would go over it is refused
 *                         ({@code too-many-tasks}, HTTP 429)
 * @param maxTasksPerToken tasks of the shared jobs started by the peers of one token
 * @param abandonedAfterMs a running shared job with no peer (none connected, none within its
 *                         grace period) for this long ends {@code cancelled}; 0 = never
 * @param maxTasksPerJob   tasks in one job (the server's {@code max-tasks}): a hello checks it
 *                         before this, a submitted job or a schedule's fire here
 */
public record JobLimits(int maxJobs, int maxJobsPerToken, long maxTotalTasks, long maxTasksPerToken,
                        long abandonedAfterMs, int maxTasksPerJob) {
    /** Far above the jobs a real fleet runs at once; each holds at least its schema. */
    public static final int DEFAULT_MAX_JOBS = 1_000;
    public static final int DEFAULT_MAX_JOBS_PER_TOKEN = 200;
    /**
     * About 0.6 KB of heap per task held (measured with bench's HelloFlood: 16 jobs of 60,000
     * tasks held 600 MB): 2 M tasks is about 1.2 GB. Twice the largest single schema
     * ({@code max-tasks}, 1 M).
     */
    public static final long DEFAULT_MAX_TOTAL_TASKS = 2_000_000;
    public static final long DEFAULT_MAX_TASKS_PER_TOKEN = 1_000_000;
    /** An hour without any peer: the CI run that started it is long gone. */
    public static final long DEFAULT_ABANDONED_AFTER_MS = 60 * 60_000;
    /** The server's {@code max-tasks} default (ServerLimits.DEFAULT_MAX_TASKS). */
    public static final int DEFAULT_MAX_TASKS_PER_JOB = 1_000_000;

    public static final JobLimits DEFAULTS = new JobLimits(DEFAULT_MAX_JOBS, DEFAULT_MAX_JOBS_PER_TOKEN,
            DEFAULT_MAX_TOTAL_TASKS, DEFAULT_MAX_TASKS_PER_TOKEN, DEFAULT_ABANDONED_AFTER_MS, DEFAULT_MAX_TASKS_PER_JOB);

    public JobLimits {
        atLeastOne("max-jobs", maxJobs);
        atLeastOne("max-jobs-per-token", maxJobsPerToken);
        atLeastOne("max-total-tasks", maxTotalTasks);
        atLeastOne("max-tasks-per-token", maxTasksPerToken);
        atLeastOne("max-tasks", maxTasksPerJob);
        if (abandonedAfterMs < 0) {
            throw new IllegalArgumentException("abandoned-job-after must not be negative, got " + abandonedAfterMs);
        }
    }

    public JobLimits withMaxJobs(int v) {
        return new JobLimits(v, maxJobsPerToken, maxTotalTasks, maxTasksPerToken, abandonedAfterMs, maxTasksPerJob);
    }

    public JobLimits withMaxJobsPerToken(int v) {
        return new JobLimits(maxJobs, v, maxTotalTasks, maxTasksPerToken, abandonedAfterMs, maxTasksPerJob);
    }

    public JobLimits withMaxTotalTasks(long v) {
        return new JobLimits(maxJobs, maxJobsPerToken, v, maxTasksPerToken, abandonedAfterMs, maxTasksPerJob);
    }

    public JobLimits withMaxTasksPerToken(long v) {
        return new JobLimits(maxJobs, maxJobsPerToken, maxTotalTasks, v, abandonedAfterMs, maxTasksPerJob);
    }

    public JobLimits withAbandonedAfterMs(long v) {
        return new JobLimits(maxJobs, maxJobsPerToken, maxTotalTasks, maxTasksPerToken, v, maxTasksPerJob);
    }

    public JobLimits withMaxTasksPerJob(int v) {
        return new JobLimits(maxJobs, maxJobsPerToken, maxTotalTasks, maxTasksPerToken, abandonedAfterMs, v);
    }

    private static void atLeastOne(String name, long value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, got " + value);
        }
    }
}
