package io.taskshard.client;

import io.taskshard.client.StreamFrame.AttemptUpdate;
import io.taskshard.client.StreamFrame.AuditUpdate;
import io.taskshard.client.StreamFrame.JobUpdate;
import io.taskshard.client.StreamFrame.PeerUpdate;
import io.taskshard.client.StreamFrame.TaskUpdate;
import io.taskshard.client.StreamFrame.Update;
import io.taskshard.model.AttemptRecord;
import io.taskshard.model.AttemptState;
import io.taskshard.model.AuditRecord;
import io.taskshard.model.JobKind;
import io.taskshard.model.JobRecord;
import io.taskshard.model.JobState;
import io.taskshard.model.TaskCounts;
import io.taskshard.model.PeerRecord;
import io.taskshard.model.PeerState;
import io.taskshard.model.Resources;
import io.taskshard.model.TaskRecord;
import io.taskshard.model.TaskSpec;
import io.taskshard.model.TaskState;
import java.util.List;

/** Small model records for the live-model unit tests. */
final class ModelFixtures {
    static final long T0 = 1_795_458_800_000L;

    private ModelFixtures() {
    }

    static JobRecord job(long id, JobState state, int taskCount) {
        return new JobRecord(id, JobKind.SHARED, "job" + id, "hash", "cache", null, false, state, taskCount,
                state.isEnd() ? taskCount : 0,
                state.isEnd() ? new TaskCounts(0, 0, 0, taskCount, 0, 0) : new TaskCounts(0, taskCount, 0, 0, 0, 0), null, T0 + id, state.isEnd() ? T0 + 1_000 + id : 0);
    }

    static TaskInfo task(long uid, long jobId, String id, TaskState state) {
        return new TaskInfo(new TaskRecord(uid, jobId, id, state, 0, 0, 0, null, T0),
                TaskSpec.ofTarget(id, "//" + id));
    }

    static AttemptRecord attempt(long lease, long jobId, String taskId, AttemptState state) {
        return new AttemptRecord(lease, jobId, taskId, 1, "p1", state, T0 + lease, T0 + lease,
                state.isLive() ? 0 : T0 + lease + 10, state.isLive() ? null : 0, 10, null, null);
    }

    static PeerRecord peer(String id, PeerState state, long lastSeenAt) {
        return new PeerRecord(id, 1, state, 1, List.of(), Resources.NONE, false, false, List.of(), 0, T0,
                lastSeenAt);
    }

    static AuditRecord audit(long at, String action) {
        return new AuditRecord(at, "operator", action, "task:1", "detail", true);
    }

    static StreamFrame.Snapshot snapshot(long version, List<JobRecord> jobs, List<TaskInfo> tasks,
            List<AttemptRecord> attempts, List<PeerRecord> peers) {
        return new StreamFrame.Snapshot(version, jobs, peers, tasks, attempts);
    }

    static StreamFrame.Delta delta(long version, Object... records) {
        List<Update> updates = java.util.Arrays.stream(records).<Update>map(r -> switch (r) {
            case JobRecord j -> new JobUpdate(j);
            case TaskInfo t -> new TaskUpdate(t);
            case AttemptRecord a -> new AttemptUpdate(a);
            case PeerRecord p -> new PeerUpdate(p);
            case AuditRecord a -> new AuditUpdate(a);
            default -> throw new IllegalArgumentException("not a record of the stream: " + r);
        }).toList();
        return new StreamFrame.Delta(version, updates);
    }
}
