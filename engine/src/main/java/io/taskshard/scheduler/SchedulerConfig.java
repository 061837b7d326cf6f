package io.taskshard.scheduler;

/**
 * Scheduler settings, each with a named default.
 *
 * @param graceMs                  how long a disconnected peer's attempts are held for it
 * @param heartbeatMs              how often peers send heartbeats; silence for 3x this = disconnected (held for the grace period)
 * @param taskDoneCoalesceMs       at most one task-done frame per peer per this interval
 * @param defaultExpectedMs        expected duration of a task with no recorded history
 * @param retryBackoffMs           a failed task of a submitted job waits this long before its second
 *                                 attempt, twice that before its third, and so on
 * @param maxRetryBackoffMs        the longest such wait
 * @param defaultDelayToleranceMs  delay tolerance of a submitted task that states none (queue order, breaches)
 * @param misfireGraceMs           a schedule's fire this late (the coordinator was down) is a misfire,
 *                                 handled by the schedule's misfire policy
 * @param jobLimits                jobs and tasks held in memory, and when an abandoned job ends
 */
public record SchedulerConfig(long graceMs, long heartbeatMs, long taskDoneCoalesceMs, long defaultExpectedMs,
                              long retryBackoffMs, long maxRetryBackoffMs, long defaultDelayToleranceMs,
                              long misfireGraceMs, JobLimits jobLimits) {
    public static final long DEFAULT_GRACE_MS = 10_000;
    public static final long DEFAULT_HEARTBEAT_MS = 5_000;
    public static final long DEFAULT_TASK_DONE_COALESCE_MS = 250;
    public static final long DEFAULT_EXPECTED_MS = io.taskshard.model.TaskSpec.DEFAULT_EXPECTED_MS;
    public static final long DEFAULT_RETRY_BACKOFF_MS = 1_000;
    public static final long DEFAULT_MAX_RETRY_BACKOFF_MS = 5 * 60_000;
    public static final long DEFAULT_DELAY_TOLERANCE_MS = 60 * 60_000;
    public static final long DEFAULT_MISFIRE_GRACE_MS = 60_000;
    /** Missing this many heartbeats in a row makes a peer disconnected. */
    public static final int MISSED_HEARTBEATS = 3;

    public SchedulerConfig {
        jobLimits = jobLimits == null ? JobLimits.DEFAULTS : jobLimits;
    }

    /** The settings as they were before job limits (those take their defaults). */
    public SchedulerConfig(long graceMs, long heartbeatMs, long taskDoneCoalesceMs, long defaultExpectedMs,
                           long retryBackoffMs, long maxRetryBackoffMs, long defaultDelayToleranceMs,
                           long misfireGraceMs) {
        this(graceMs, heartbeatMs, taskDoneCoalesceMs, defaultExpectedMs, retryBackoffMs, maxRetryBackoffMs,
                defaultDelayToleranceMs, misfireGraceMs, JobLimits.DEFAULTS);
    }

    public SchedulerConfig withJobLimits(JobLimits v) {
        return new SchedulerConfig(graceMs, heartbeatMs, taskDoneCoalesceMs, defaultExpectedMs, retryBackoffMs,
                maxRetryBackoffMs, defaultDelayToleranceMs, misfireGraceMs, v);
    }

    /** The settings as they were before the worker pool's (those take their defaults). */
    public SchedulerConfig(long graceMs, long heartbeatMs, long taskDoneCoalesceMs, long defaultExpectedMs) {
        this(graceMs, heartbeatMs, taskDoneCoalesceMs, defaultExpectedMs, DEFAULT_RETRY_BACKOFF_MS,
                DEFAULT_MAX_RETRY_BACKOFF_MS, DEFAULT_DELAY_TOLERANCE_MS, DEFAULT_MISFIRE_GRACE_MS);
    }

    public static SchedulerConfig defaults() {
        return new SchedulerConfig(DEFAULT_GRACE_MS, DEFAULT_HEARTBEAT_MS, DEFAULT_TASK_DONE_COALESCE_MS,
                DEFAULT_EXPECTED_MS);
    }

    public SchedulerConfig withGraceMs(long ms) {
        return new SchedulerConfig(ms, heartbeatMs, taskDoneCoalesceMs, defaultExpectedMs, retryBackoffMs,
                maxRetryBackoffMs, defaultDelayToleranceMs, misfireGraceMs, jobLimits);
    }

    public SchedulerConfig withHeartbeatMs(long ms) {
        return new SchedulerConfig(graceMs, ms, taskDoneCoalesceMs, defaultExpectedMs, retryBackoffMs,
                maxRetryBackoffMs, defaultDelayToleranceMs, misfireGraceMs, jobLimits);
    }

    public SchedulerConfig withRetryBackoffMs(long ms) {
        return new SchedulerConfig(graceMs, heartbeatMs, taskDoneCoalesceMs, defaultExpectedMs, ms,
                maxRetryBackoffMs, defaultDelayToleranceMs, misfireGraceMs, jobLimits);
    }

    public SchedulerConfig withMisfireGraceMs(long ms) {
        return new SchedulerConfig(graceMs, heartbeatMs, taskDoneCoalesceMs, defaultExpectedMs, retryBackoffMs,
                maxRetryBackoffMs, defaultDelayToleranceMs, ms, jobLimits);
    }

    /** How long a submitted task waits after its {@code failures}-th failed attempt (1 = the first). */
    public long retryBackoffAfter(int failures) {
        if (retryBackoffMs <= 0 || failures < 1) {
            return 0;
        }
        long wait = retryBackoffMs;
        for (int i = 1; i < failures && wait < maxRetryBackoffMs; i++) {
            wait *= 2;
        }
        return Math.min(wait, maxRetryBackoffMs);
    }
}
