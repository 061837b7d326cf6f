package io.taskshard.store;

import io.taskshard.model.AttemptRecord;
import io.taskshard.model.AttemptState;
import io.taskshard.model.Change;
import io.taskshard.model.JobKind;
import io.taskshard.model.JobRecord;
import io.taskshard.model.JobState;
import io.taskshard.model.TaskCounts;
import io.taskshard.model.PeerRecord;
import io.taskshard.model.PeerState;
import io.taskshard.model.RepoEntry;
import io.taskshard.model.Resources;
import io.taskshard.model.TaskRecord;
import io.taskshard.model.TaskSpec;
import io.taskshard.model.TaskState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Records for store tests, with every field set to something that would show if lost. */
final class StoreFixtures {
    static final long CREATED_AT = 1_700_000_000_000L;
    /** The time a test batch is committed at (the coordinator passes its batch's one now). */
    static final long BATCH_AT = 1_800_000_000_000L;

    private StoreFixtures() {
    }

    static JobRecord job(long id, JobState state) {
        return new JobRecord(id, JobKind.SHARED, "job-" + id, "hash-" + id, "cache-" + id,
                Map.of("main", new RepoEntry("abc123", "refs/changes/1", List.of("refs/changes/2")),
                        "tools", new RepoEntry("def456", null, List.of())),
                true, state, 3, state.isEnd() ? 3 : 1, new TaskCounts(2, 1, 0, 0, 0, 0), state == JobState.FAILED ? List.of("t2") : List.of(),
                CREATED_AT + id, state.isEnd() ? CREATED_AT + id + 5_000 : 0);
    }

    /** A spec using every field, including extras of the JSON types that survive a round trip. */
    static TaskSpec richSpec(String id) {
        return new TaskSpec(id, "//pkg:" + id, "echo " + id, 7, 2, 30_000, List.of("t0"),
                new Resources(1.5, 2048), List.of("linux", "x86"),
                Map.of("simulate", "3s", "shards", 4, "nested", Map.of("a", List.of("b", "c"))));
    }

    static TaskRecord task(long uid, long jobId, String taskId, TaskState state) {
        return new TaskRecord(uid, jobId, taskId, state, 3, 1, 0, "peer-pref", CREATED_AT + 100);
    }

    static AttemptRecord attempt(long lease, long jobId, String taskId, String peerId, AttemptState state) {
        boolean ended = !state.isLive();
        return new AttemptRecord(lease, jobId, taskId, 1, peerId, state, CREATED_AT + lease, CREATED_AT + lease + 1,
                ended ? CREATED_AT + lease + 900 : 0, ended ? 0 : null, ended ? 899 : 0,
                ended ? "log of " + lease : null, state == AttemptState.LOST ? "peer lost" : null);
    }

    static PeerRecord peer(String id, long jobId, List<Long> running) {
        return new PeerRecord(id, jobId, PeerState.CONNECTED, 4, List.of("linux"), new Resources(8, 16_384), false,
                false, running, 12, CREATED_AT, CREATED_AT + 60_000);
    }

    /** A job with tasks t0..t(n-1), uids from {@code firstUid}, plain specs. */
    static Change.JobCreated jobCreated(long jobId, JobState state, long firstUid, int taskCount) {
        List<TaskSpec> specs = new ArrayList<>(taskCount);
        List<TaskRecord> tasks = new ArrayList<>(taskCount);
        for (int i = 0; i < taskCount; i++) {
            String id = "t" + i;
            specs.add(TaskSpec.ofTarget(id, "//pkg:" + id));
            tasks.add(task(firstUid + i, jobId, id, i == 0 ? TaskState.READY : TaskState.BLOCKED));
        }
        return new Change.JobCreated(job(jobId, state), specs, tasks);
    }
}
