package io.taskshard.scheduler;

import io.taskshard.model.AuditRecord;
import io.taskshard.model.Change;
import io.taskshard.model.JobKind;
import io.taskshard.model.JobTemplate;
import io.taskshard.model.MisfirePolicy;
import io.taskshard.model.RecoveredState;
import io.taskshard.model.Schema;
import io.taskshard.model.ScheduleRecord;
import io.taskshard.model.TaskSpec;
import io.taskshard.scheduler.Decision.Reply;
import io.taskshard.schema.SchemaHash;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Recurring jobs: adding and removing schedules, and firing the ones that are due. Firing is
 * decided here, from the time the coordinator passes in, so a test (or the simulator) drives
 * schedules with its own clock. A fire makes a normal submitted job; the job and the schedule's
 * new state are persisted in the same batch.
 *
 * <p>A fire found more than {@link SchedulerConfig#misfireGraceMs()} late was missed (the
 * coordinator was down): {@link MisfirePolicy#RUN_ONCE} fires once now for all that were missed,
 * {@link MisfirePolicy#SKIP} only moves on to the next fire time.
 */
final class Schedules {
    /** Who the audit names for a fire. */
    static final String ACTOR_PREFIX = "schedule:";

    private final State s;
    private final PeerEvents peerEvents;
    /** Parsed calendars of the live schedules, by schedule id. */
    private final Map<Long, ScheduleCalendar> calendars = new HashMap<>();

    Schedules(State s, PeerEvents peerEvents) {
        this.s = s;
        this.peerEvents = peerEvents;
    }

    void restore(RecoveredState r) {
        s.lastScheduleId = r.maxScheduleId();
        for (ScheduleRecord sr : r.schedules()) {
            s.schedules.put(sr.id(), sr);
            s.lastScheduleId = Math.max(s.lastScheduleId, sr.id());
        }
    }

    Reply add(long requestId, OperatorCommand.AddSchedule c, long now, Out out) {
        if (c.name() == null || c.name().isBlank()) {
            return Reply.refused(requestId, 400, "bad-request", "a schedule needs a name");
        }
        for (ScheduleRecord other : s.schedules.values()) {
            if (other.name().equals(c.name())) {
                return Reply.refused(requestId, 409, "conflict", "a schedule named '" + c.name()
                        + "' already exists (id " + other.id() + "); remove it first or pick another name");
            }
        }
        ScheduleCalendar calendar;
        ZoneId zone;
        try {
            calendar = ScheduleCalendar.parse(c.when());
            zone = ScheduleCalendar.zone(c.timeZone());
        } catch (IllegalArgumentException e) {
            return Reply.refused(requestId, 400, "bad-request", e.getMessage());
        }
        long next = next(calendar, zone, now);
        if (next == 0) {
            return Reply.refused(requestId, 400, "bad-request", "schedule '" + calendar + "' never fires after now ("
                    + Instant.ofEpochMilli(now).atZone(zone).toLocalDateTime() + " in " + zone + ")");
        }
        ScheduleRecord r = new ScheduleRecord(++s.lastScheduleId, c.name(), calendar.toString(), zone.getId(),
                c.misfire(), c.job(), now, next, 0, 0, 0);
        s.schedules.put(r.id(), r);
        calendars.put(r.id(), calendar);
        out.persist(new Change.ScheduleChanged(r));
        return new Reply(requestId, 201, null, null, r);
    }

    Reply remove(long requestId, OperatorCommand.RemoveSchedule c, Out out) {
        ScheduleRecord r = s.schedules.remove(c.scheduleId());
        if (r == null) {
            return Reply.refused(requestId, 404, "unknown-schedule", "no schedule " + c.scheduleId());
        }
        calendars.remove(r.id());
        out.persist(new Change.ScheduleRemoved(r.id()));
        return Reply.ok(requestId, r);
    }

    /** Fires every schedule that is due at {@code now}. */
    void fireDue(long now, Out out) {
        if (s.schedules.isEmpty()) {
            return;
        }
        List<ScheduleRecord> due = new ArrayList<>();
        for (ScheduleRecord r : s.schedules.values()) {
            if (r.nextFireAt() > 0 && r.nextFireAt() <= now) {
                due.add(r);
            }
        }
        for (ScheduleRecord r : due) {
            fire(r, now, out);
        }
    }

    private void fire(ScheduleRecord r, long now, Out out) {
        ZoneId zone = ScheduleCalendar.zone(r.timeZone());
        long next = next(calendar(r), zone, now);
        long late = now - r.nextFireAt();
        boolean missed = late > s.config.misfireGraceMs();
        String dueAt = Instant.ofEpochMilli(r.nextFireAt()).toString();
        ScheduleRecord after;
        String detail;
        Bounds.Refusal refusal = Bounds.checkNewJob(s, null, r.job().specs().size());
        if (refusal != null) {
            after = r.withNextFireAt(next);
            detail = "skipped the fire due at " + dueAt + ": " + refusal.message();
        } else if (!missed || r.misfire() == MisfirePolicy.RUN_ONCE) {
            Job job = submit(r.job(), now, out);
            after = r.withFire(now, job.id, next);
            detail = "job " + job.id + " for the fire due at " + dueAt
                    + (missed ? " (missed by " + late + " ms; misfire policy run-once)" : "");
        } else {
            after = r.withNextFireAt(next);
            detail = "skipped the fire due at " + dueAt + " (missed by " + late + " ms; misfire policy skip)";
        }
        s.schedules.put(r.id(), after);
        out.persist(new Change.ScheduleChanged(after));
        out.persist(new Change.Audited(new AuditRecord(now, ACTOR_PREFIX + r.name(),
                refusal != null || (missed && r.misfire() == MisfirePolicy.SKIP) ? "skip" : "fire", "schedule:" + r.id(),
                detail, refusal == null)));
    }

    /** Makes the submitted job of a template (a submit, or a schedule's fire). */
    Job submit(JobTemplate template, long now, Out out) {
        List<TaskSpec> specs = template.specs();
        String name = template.schema().name();
        return peerEvents.createJob(JobKind.SUBMITTED, name, SchemaHash.of(new Schema(name, specs)), "", false,
                specs, now, out);
    }

    private ScheduleCalendar calendar(ScheduleRecord r) {
        return calendars.computeIfAbsent(r.id(), id -> ScheduleCalendar.parse(r.when()));
    }

    /** The next fire strictly after {@code now}, in epoch millis; 0 for never. */
    private static long next(ScheduleCalendar calendar, ZoneId zone, long now) {
        return calendar.nextAfter(Instant.ofEpochMilli(now), zone).map(Instant::toEpochMilli).orElse(0L);
    }
}
