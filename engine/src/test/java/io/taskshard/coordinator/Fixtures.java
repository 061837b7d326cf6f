package io.taskshard.coordinator;

import io.taskshard.model.AttemptRecord;
import io.taskshard.model.AttemptState;
import io.taskshard.model.AuditRecord;
import io.taskshard.model.Change;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Builders of model records and change batches for read-model, event and metrics tests. */
public final class Fixtures {
    private Fixtures() {
    }

    public static JobRecord job(long id, JobState state) {
        return new JobRecord(id, JobKind.SHARED, "schema-" + id, "hash", "cache", Map.of(), false, state, 0, 0,
                TaskCounts.NONE, List.of(), 1_000 * id, state.isEnd() ? 1_000 * id + 500 : 0);
    }

    /** A job created with tasks {@code taskIds}; task uids are {@code jobId * 100 + index}. */
    public static Change.JobCreated created(long jobId, String... taskIds) {
        List<TaskSpec> specs = new ArrayList<>();
        List<TaskRecord> tasks = new ArrayList<>();
        for (int i = 0; i < taskIds.length; i++) {
            specs.add(TaskSpec.ofTarget(taskIds[i], "//pkg:" + taskIds[i]));
            tasks.add(task(jobId * 100 + i, jobId, taskIds[i], TaskState.READY, 0));
        }
        JobRecord job = job(jobId, JobState.RUNNING);
        job = new JobRecord(job.id(), job.kind(), job.name(), job.schemaHash(), job.cacheId(), job.repoState(),
                false, JobState.RUNNING, taskIds.length, 0,
                new TaskCounts(0, taskIds.length, 0, 0, 0, 0), List.of(), job.createdAt(), 0);
        return new Change.JobCreated(job, specs, tasks);
    }

    public static TaskRecord task(long uid, long jobId, String taskId, TaskState state, long lease) {
        return new TaskRecord(uid, jobId, taskId, state, 0, lease == 0 ? 0 : 1, lease, null, 100);
    }

    public static AttemptRecord attempt(long lease, long jobId, String taskId, int attempt, String peer,
                                        AttemptState state, long assignedAt, long endedAt) {
        return new AttemptRecord(lease, jobId, taskId, attempt, peer, state, assignedAt,
                state == AttemptState.ASSIGNED ? 0 : assignedAt, endedAt, null, 0, null, null);
    }

    public static PeerRecord peer(String id, long jobId, PeerState state, long connectedAt) {
        return new PeerRecord(id, jobId, state, 2, List.of("linux"), Resources.NONE, false, false, List.of(), 0,
                connectedAt, connectedAt);
    }

    public static AuditRecord audit(long at, String action) {
        return new AuditRecord(at, "operator", action, "task 1", "", true);
    }

    public static Change.JobChanged finished(long jobId) {
        return new Change.JobChanged(job(jobId, JobState.SUCCEEDED));
    }
}
