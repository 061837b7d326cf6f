package io.taskshard.model;

import java.util.List;
import java.util.Map;

/**
 * What the store hands the scheduler at start: every unfinished job with its specs, tasks and
 * all their attempts (live ones get the reconnect grace period), the peers that held live
 * attempts, and the counters that must keep increasing across restarts.
 *
 * @param expectedMs expected duration per task key, from recorded history
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
        Map<String, Long> expectedMs) {

    public static final RecoveredState EMPTY =
            new RecoveredState(List.of(), Map.of(), List.of(), List.of(), List.of(), 0, 0, 0, Map.of());
}
