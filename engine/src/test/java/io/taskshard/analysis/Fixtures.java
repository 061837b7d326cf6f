package io.taskshard.analysis;

import io.taskshard.model.AttemptRecord;
import io.taskshard.model.AttemptState;
import io.taskshard.model.JobKind;
import io.taskshard.model.JobRecord;
import io.taskshard.model.JobState;
import io.taskshard.model.TaskCounts;
import io.taskshard.model.TaskRecord;
import io.taskshard.model.TaskSpec;
import io.taskshard.model.TaskState;
import java.util.List;
import java.util.Map;

/** Small builders for analysis inputs. Times are ms after {@link #T0}. */
final class Fixtures {
    static final long T0 = 1_700_000_000_000L;
    static final long JOB_ID = 7;

    private Fixtures() {
    }

    static JobRecord job(JobState state, long createdAt, long finishedAt) {
        return new JobRecord(JOB_ID, JobKind.SHARED, "demo", "hash", "cache", Map.of(), false, state, 0, 0,
                TaskCounts.NONE, List.of(), T0 + createdAt, finishedAt == 0 ? 0 : T0 + finishedAt);
    }

    static JobRecord finishedJob(long finishedAt) {
        return job(JobState.SUCCEEDED, 0, finishedAt);
    }

    static TaskSpec task(String id, String... needs) {
        return TaskSpec.ofTarget(id, "//:" + id).withNeeds(List.of(needs));
    }

    static TaskRecord taskRecord(String id, TaskState state) {
        return new TaskRecord(id.hashCode(), JOB_ID, id, state, 0, 1, 0, null, 0);
    }

    /** A successful attempt that ran from {@code from} to {@code to}, assigned and started at once. */
    static AttemptRecord ok(long lease, String task, String peer, long from, long to) {
        return attempt(lease, task, 1, peer, AttemptState.SUCCEEDED, from, from, to, 0, to - from);
    }

    static AttemptRecord attempt(long lease, String task, int number, String peer, AttemptState state,
            long assigned, long started, long ended, Integer exitCode, long durationMs) {
        return new AttemptRecord(lease, JOB_ID, task, number, peer, state, T0 + assigned,
                started == 0 ? 0 : T0 + started, ended == 0 ? 0 : T0 + ended, exitCode, durationMs, "", null);
    }

    /** A live attempt assigned at {@code assigned}, started right away. */
    static AttemptRecord running(long lease, String task, String peer, long assigned) {
        return attempt(lease, task, 1, peer, AttemptState.RUNNING, assigned, assigned, 0, null, 0);
    }
}
