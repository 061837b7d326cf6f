package io.taskshard.client;

/**
 * A schedule as the operator API shows it ({@code GET /api/v1/schedules}): each fire submits a
 * job named {@code jobName}. Times are epoch millis, 0 = none ({@code nextFireAt} 0: never again).
 *
 * @param when     the calendar line, e.g. {@code daily 02:00} (docs/jobs.md)
 * @param misfire  {@code run-once} or {@code skip}
 */
public record ScheduleInfo(long id, String name, String when, String timeZone, String misfire, String jobName,
                           int taskCount, long createdAt, long nextFireAt, long lastFireAt, long lastJobId,
                           int fires) {
}
