package io.taskshard.model;

import java.util.Objects;

/**
 * A recurring (or one-off) job: when it fires, a normal submitted job is made from
 * {@code job}. Immutable snapshot, as persisted and as shown to operators.
 *
 * @param id         coordinator-wide id
 * @param name       unique among live schedules
 * @param when       the calendar, e.g. {@code daily 02:00}, {@code cron 0 2 * * 1-5} (docs/jobs.md)
 * @param timeZone   the zone {@code when} is read in, e.g. {@code Europe/Berlin}
 * @param misfire    what to do about fire times missed while the coordinator was down
 * @param job        what each fire submits
 * @param createdAt  epoch millis
 * @param nextFireAt epoch millis of the next fire; 0 when it will never fire again
 * @param lastFireAt epoch millis of the last fire that made a job; 0 when none yet
 * @param lastJobId  the job the last fire made; 0 when none yet
 * @param fires      how many jobs it has made
 */
public record ScheduleRecord(long id, String name, String when, String timeZone, MisfirePolicy misfire,
                             JobTemplate job, long createdAt, long nextFireAt, long lastFireAt, long lastJobId,
                             int fires) {
    public ScheduleRecord {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(when, "when");
        Objects.requireNonNull(timeZone, "timeZone");
        Objects.requireNonNull(misfire, "misfire");
        Objects.requireNonNull(job, "job");
    }

    public ScheduleRecord withFire(long at, long jobId, long next) {
        return new ScheduleRecord(id, name, when, timeZone, misfire, job, createdAt, next, at, jobId, fires + 1);
    }

    public ScheduleRecord withNextFireAt(long next) {
        return new ScheduleRecord(id, name, when, timeZone, misfire, job, createdAt, next, lastFireAt, lastJobId, fires);
    }
}
