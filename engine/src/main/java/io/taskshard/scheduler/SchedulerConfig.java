package io.taskshard.scheduler;

/**
 * Scheduler settings, each with a named default.
 *
 * @param graceMs             how long a disconnected peer's attempts are held for it
 * @param heartbeatMs         how often peers send heartbeats; silence for 3x this = disconnected
 * @param taskDoneCoalesceMs  at most one task-done frame per peer per this interval
 * @param defaultExpectedMs   expected duration of a task with no recorded history
 */
public record SchedulerConfig(long graceMs, long heartbeatMs, long taskDoneCoalesceMs, long defaultExpectedMs) {
    public static final long DEFAULT_GRACE_MS = 10_000;
    public static final long DEFAULT_HEARTBEAT_MS = 5_000;
    public static final long DEFAULT_TASK_DONE_COALESCE_MS = 250;
    public static final long DEFAULT_EXPECTED_MS = 60_000;
    /** Missing this many heartbeats in a row makes a peer disconnected. */
    public static final int MISSED_HEARTBEATS = 3;

    public static SchedulerConfig defaults() {
        return new SchedulerConfig(DEFAULT_GRACE_MS, DEFAULT_HEARTBEAT_MS, DEFAULT_TASK_DONE_COALESCE_MS,
                DEFAULT_EXPECTED_MS);
    }

    public SchedulerConfig withGraceMs(long ms) {
        return new SchedulerConfig(ms, heartbeatMs, taskDoneCoalesceMs, defaultExpectedMs);
    }

    public SchedulerConfig withHeartbeatMs(long ms) {
        return new SchedulerConfig(graceMs, ms, taskDoneCoalesceMs, defaultExpectedMs);
    }
}
