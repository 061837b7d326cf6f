package io.taskshard.model;

import java.util.List;
import java.util.Map;

/**
 * What the store hands the scheduler at start: every unfinished job with its specs, tasks and
 * all their attempts (live ones get the reconnect grace period), the peers that held live
 * attempts, and the counters that must keep increasing across restarts.
 *
 * @param expectedMs     expected duration per task key, from recorded history
 * @param schedules      every live schedule
 * @param maxScheduleId  the largest schedule id ever used (removed ones included)
 */
public record RecoveredState(
        List<JobRecord> jobs,
        Map<Long, List<TaskSpec>> specsByJob,
        List<TaskRecord> tasks,
        List<AttemptRecord> attempts,
        List<PeerRecord> peers,
        long maxLease,
        long maxJobId,
        long maxTaskUid,
        Map<String, Long> expectedMs,
        List<ScheduleRecord> schedules,
        long maxScheduleId) {

    public static final RecoveredState EMPTY =
            new RecoveredState(List.of(), Map.of(), List.of(), List.of(), List.of(), 0, 0, 0, Map.of());

    public RecoveredState {
        schedules = List.copyOf(schedules == null ? List.of() : schedules);
    }

    /** A recovered state without schedules (as before schedules existed). */
    public RecoveredState(List<JobRecord> jobs, Map<Long, List<TaskSpec>> specsByJob, List<TaskRecord> tasks,
                          List<AttemptRecord> attempts, List<PeerRecord> peers, long maxLease, long maxJobId,
                          long maxTaskUid, Map<String, Long> expectedMs) {
        this(jobs, specsByJob, tasks, attempts, peers, maxLease, maxJobId, maxTaskUid, expectedMs, List.of(), 0);
    }

    public RecoveredState withSchedules(List<ScheduleRecord> list, long maxId) {
        return new RecoveredState(jobs, specsByJob, tasks, attempts, peers, maxLease, maxJobId, maxTaskUid,
                expectedMs, list, maxId);
    }
}
