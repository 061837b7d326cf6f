package io.taskshard.store;

import static io.taskshard.store.StoreFixtures.attempt;
import static io.taskshard.store.StoreFixtures.job;
import static io.taskshard.store.StoreFixtures.jobCreated;
import static io.taskshard.store.StoreFixtures.peer;
import static io.taskshard.store.StoreFixtures.richSpec;
import static io.taskshard.store.StoreFixtures.task;
import static org.assertj.core.api.Assertions.assertThat;

import io.taskshard.model.AttemptRecord;
import io.taskshard.model.AttemptState;
import io.taskshard.model.AuditRecord;
import io.taskshard.model.Change;
import io.taskshard.model.JobRecord;
import io.taskshard.model.JobState;
import io.taskshard.model.TaskCounts;
import io.taskshard.model.PeerRecord;
import io.taskshard.model.RecoveredState;
import io.taskshard.model.TaskRecord;
import io.taskshard.model.TaskSpec;
import io.taskshard.model.TaskState;
import io.taskshard.store.Store.JobDetail;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteStoreTest {

    @TempDir
    Path dataDir;
    SqliteStore store;

    @BeforeEach
    void open() {
        store = SqliteStore.open(dataDir, StoreOptions.DEFAULTS);
    }

    @AfterEach
    void close() {
        store.close();
    }

    private SqliteStore reopen() {
        store.close();
        store = SqliteStore.open(dataDir, StoreOptions.DEFAULTS);
        return store;
    }

    @Test
    void jobCreatedRoundTripKeepsEveryFieldAndSchemaOrder() {
        JobRecord job = job(1, JobState.RUNNING);
        List<TaskSpec> specs = List.of(richSpec("t9"), TaskSpec.ofTarget("t0", "//a:b"), richSpec("t1"));
        List<TaskRecord> tasks = List.of(task(10, 1, "t9", TaskState.BLOCKED), task(11, 1, "t0", TaskState.READY),
                new TaskRecord(12, 1, "t1", TaskState.BLOCKED, 0, 0, 0, null, 0));

        store.commit(List.of(new Change.JobCreated(job, specs, tasks)), StoreFixtures.BATCH_AT);

        JobDetail detail = store.job(1).orElseThrow();
        assertThat(detail.job()).isEqualTo(job);
        assertThat(detail.specs()).containsExactlyElementsOf(specs);
        assertThat(detail.tasks()).containsExactlyElementsOf(tasks);
        assertThat(detail.attempts()).isEmpty();
        assertThat(store.job(2)).isEmpty();
    }

    @Test
    void recoveredTasksShareTheirSpecsIdStringsSoRecoveryHoldsNoMoreThanTheRunningCoordinator() {
        store.commit(List.of(jobCreated(1, JobState.RUNNING, 1, 3)), StoreFixtures.BATCH_AT);

        RecoveredState state = reopen().recover();

        List<TaskSpec> specs = state.specsByJob().get(1L);
        assertThat(state.tasks()).hasSize(3).allSatisfy(t -> assertThat(specs)
                .anySatisfy(spec -> assertThat(spec.id()).isSameAs(t.taskId())));
    }

    @Test
    void operatorRetryAndCancelStateOfATaskIsStored() {
        store.commit(List.of(jobCreated(1, JobState.RUNNING, 1, 2)), StoreFixtures.BATCH_AT);
        TaskRecord t = task(1, 1, "t0", TaskState.CANCELLED);
        store.commit(List.of(new Change.TaskChanged(new TaskRecord(t.uid(), 1, "t0", TaskState.CANCELLED, 0, 4, 0,
                null, 0, 0, 1, true))), StoreFixtures.BATCH_AT);

        TaskRecord back = reopen().recover().tasks().stream().filter(x -> x.uid() == 1).findFirst().orElseThrow();

        assertThat(back.failuresCounted()).isEqualTo(1);
        assertThat(back.cancelledByOperator()).isTrue();
        assertThat(back.attemptsUsed()).isEqualTo(4);
    }

    @Test
    void aJobReadBackCountsItsTasksPerStateFromTheTasksTable() {
        store.commit(List.of(jobCreated(1, JobState.RUNNING, 1, 5)), StoreFixtures.BATCH_AT);
        store.commit(List.of(new Change.TaskChanged(task(2, 1, "t1", TaskState.SUCCEEDED)),
                new Change.TaskChanged(task(3, 1, "t2", TaskState.CANCELLED)),
                new Change.TaskChanged(task(4, 1, "t3", TaskState.FAILED))), StoreFixtures.BATCH_AT);

        TaskCounts expected = new TaskCounts(1, 1, 0, 1, 1, 1);
        assertThat(store.job(1).orElseThrow().job().counts()).isEqualTo(expected);
        assertThat(store.recentJobs(10)).singleElement().satisfies(j -> assertThat(j.counts()).isEqualTo(expected));
    }

    @Test
    void laterChangesUpdateJobTaskAndAttemptAndTheLastOfABatchWins() {
        store.commit(List.of(jobCreated(1, JobState.RUNNING, 1, 3)), StoreFixtures.BATCH_AT);
        AttemptRecord assigned = attempt(5, 1, "t0", "peer-a", AttemptState.ASSIGNED);
        TaskRecord running = new TaskRecord(1, 1, "t0", TaskState.RUNNING, 9, 1, 5, null, 77);
        store.commit(List.of(new Change.AttemptChanged(assigned), new Change.TaskChanged(running)), StoreFixtures.BATCH_AT);
        assertThat(store.job(1).orElseThrow().attempts()).containsExactly(assigned);

        AttemptRecord started = new AttemptRecord(5, 1, "t0", 1, "peer-a", AttemptState.RUNNING,
                assigned.assignedAt(), 1_000, 0, null, 0, null, null);
        AttemptRecord failed = new AttemptRecord(5, 1, "t0", 1, "peer-a", AttemptState.FAILED,
                assigned.assignedAt(), 1_000, 2_500, 3, 1_500, "boom", null);
        TaskRecord retry = new TaskRecord(1, 1, "t0", TaskState.READY, 9, 1, 0, "peer-b", 2_500);
        JobRecord changed = new JobRecord(1, job(1, JobState.RUNNING).kind(), "renamed", "h", null, Map.of(), false,
                JobState.FAILED, 3, 3, new TaskCounts(2, 1, 0, 0, 0, 0), List.of("t0"), 5, 6);
        store.commit(List.of(new Change.AttemptChanged(started), new Change.TaskChanged(retry),
                new Change.AttemptChanged(failed), new Change.JobChanged(changed)), StoreFixtures.BATCH_AT);

        JobDetail detail = store.job(1).orElseThrow();
        assertThat(detail.attempts()).containsExactly(failed);
        assertThat(detail.tasks().getFirst()).isEqualTo(retry);
        assertThat(detail.tasks()).hasSize(3);
        assertThat(detail.job()).isEqualTo(changed);
    }

    @Test
    void peersComeBackWithRecoveryWhenTheyHoldLiveAttempts() {
        store.commit(List.of(jobCreated(1, JobState.RUNNING, 1, 2)), StoreFixtures.BATCH_AT);
        PeerRecord first = peer("peer-a", 1, List.of());
        PeerRecord last = peer("peer-a", 1, List.of(3L));
        store.commit(List.of(new Change.PeerChanged(first),
                new Change.AttemptChanged(attempt(3, 1, "t0", "peer-a", AttemptState.RUNNING)),
                new Change.PeerChanged(last)), StoreFixtures.BATCH_AT);

        assertThat(store.recover().peers()).containsExactly(last);
    }

    @Test
    void auditIsReadNewestFirstWithinTheLimit() {
        AuditRecord a = new AuditRecord(1, "alice", "drain", "peer-a", "{\"why\":\"maintenance\"}", true);
        AuditRecord b = new AuditRecord(2, "bob", "retry", "task 7", null, false);
        AuditRecord c = new AuditRecord(3, null, "cancel", "job 1", "", true);
        store.commit(List.of(new Change.Audited(a), new Change.Audited(b)), StoreFixtures.BATCH_AT);
        store.commit(List.of(new Change.Audited(c)), StoreFixtures.BATCH_AT);

        assertThat(store.recentAudit(10)).containsExactly(c, b, a);
        assertThat(store.recentAudit(2)).containsExactly(c, b);
    }

    @Test
    void everyDurationOfABatchCountsInTheExpectedValue() {
        store.commit(List.of(new Change.DurationObserved("//a:b", 100), new Change.DurationObserved("//a:b", 200),
                new Change.DurationObserved("//c:d", 1_000), new Change.DurationObserved("//a:b", 400)), StoreFixtures.BATCH_AT);
        // alpha 0.5: 100, then (100+200)/2 = 150, then (150+400)/2 = 275
        assertThat(store.recover().expectedMs()).isEqualTo(Map.of("//a:b", 275L, "//c:d", 1_000L));

        store.commit(List.of(new Change.DurationObserved("//a:b", 25)), StoreFixtures.BATCH_AT);
        assertThat(reopen().recover().expectedMs()).containsEntry("//a:b", 150L);
    }

    @Test
    void recoverReturnsOnlyUnfinishedJobsWithAllTheirAttemptsAndLivePeers() {
        store.commit(List.of(jobCreated(1, JobState.RUNNING, 1, 3), jobCreated(2, JobState.SUCCEEDED, 4, 2),
                jobCreated(3, JobState.RUNNING, 6, 1)), StoreFixtures.BATCH_AT);
        AttemptRecord lost = attempt(1, 1, "t0", "peer-a", AttemptState.LOST);
        AttemptRecord running = attempt(4, 1, "t0", "peer-b", AttemptState.RUNNING);
        AttemptRecord assigned = attempt(2, 3, "t0", "peer-c", AttemptState.ASSIGNED);
        AttemptRecord succeeded = attempt(3, 1, "t1", "peer-b", AttemptState.SUCCEEDED);
        AttemptRecord ofFinishedJob = attempt(9, 2, "t0", "peer-d", AttemptState.RUNNING);
        store.commit(List.of(new Change.AttemptChanged(lost), new Change.AttemptChanged(running),
                new Change.AttemptChanged(assigned), new Change.AttemptChanged(succeeded),
                new Change.AttemptChanged(ofFinishedJob),
                new Change.PeerChanged(peer("peer-a", 1, List.of())),
                new Change.PeerChanged(peer("peer-b", 1, List.of(4L))),
                new Change.PeerChanged(peer("peer-c", 3, List.of(2L))),
                new Change.PeerChanged(peer("peer-d", 2, List.of(9L)))), StoreFixtures.BATCH_AT);

        RecoveredState state = store.recover();

        assertThat(state.jobs()).extracting(JobRecord::id).containsExactly(1L, 3L);
        assertThat(state.specsByJob()).containsOnlyKeys(1L, 3L);
        assertThat(state.specsByJob().get(1L)).extracting(TaskSpec::id).containsExactly("t0", "t1", "t2");
        assertThat(state.tasks()).extracting(TaskRecord::uid).containsExactly(1L, 2L, 3L, 6L);
        assertThat(state.attempts()).containsExactly(lost, assigned, succeeded, running);
        assertThat(state.peers()).extracting(PeerRecord::id).containsExactlyInAnyOrder("peer-b", "peer-c");
        assertThat(state.maxLease()).isEqualTo(9);
        assertThat(state.maxJobId()).isEqualTo(3);
        assertThat(state.maxTaskUid()).isEqualTo(6);
    }

    @Test
    void maxLeaseSurvivesReopenEvenWhenItsJobFinished() {
        store.commit(List.of(jobCreated(1, JobState.RUNNING, 1, 1), jobCreated(2, JobState.RUNNING, 2, 1)), StoreFixtures.BATCH_AT);
        store.commit(List.of(new Change.AttemptChanged(attempt(41, 2, "t0", "p", AttemptState.SUCCEEDED)),
                new Change.AttemptChanged(attempt(7, 1, "t0", "p", AttemptState.RUNNING)),
                new Change.JobChanged(job(2, JobState.SUCCEEDED))), StoreFixtures.BATCH_AT);

        RecoveredState state = reopen().recover();

        assertThat(state.jobs()).extracting(JobRecord::id).containsExactly(1L);
        assertThat(state.maxLease()).isEqualTo(41);
        assertThat(state.maxJobId()).isEqualTo(2);
    }

    @Test
    void anEmptyStoreRecoversNothing() {
        assertThat(store.recover()).isEqualTo(RecoveredState.EMPTY);
        assertThat(store.recentJobs(5)).isEmpty();
    }

    @Test
    void recentJobsListsNewestFirstFinishedOrNot() {
        store.commit(List.of(jobCreated(1, JobState.SUCCEEDED, 1, 1), jobCreated(2, JobState.RUNNING, 2, 1),
                jobCreated(3, JobState.CANCELLED, 3, 1)), StoreFixtures.BATCH_AT);

        assertThat(store.recentJobs(2)).extracting(JobRecord::id).containsExactly(3L, 2L);
        assertThat(store.recentJobs(10)).extracting(JobRecord::id).containsExactly(3L, 2L, 1L);
    }

    @Test
    void reopeningAfterCloseKeepsEverythingAndAcceptsNewCommits() {
        store.commit(List.of(jobCreated(1, JobState.RUNNING, 1, 2)), StoreFixtures.BATCH_AT);
        store.commit(List.of(new Change.Audited(new AuditRecord(1, "a", "drain", "p", null, true))), StoreFixtures.BATCH_AT);

        reopen();

        assertThat(store.job(1).orElseThrow().tasks()).hasSize(2);
        assertThat(store.recentAudit(1)).hasSize(1);
        store.commit(List.of(jobCreated(2, JobState.RUNNING, 3, 1)), StoreFixtures.BATCH_AT);
        assertThat(store.recover().jobs()).extracting(JobRecord::id).containsExactly(1L, 2L);
    }

    @Test
    void aHundredThousandTaskJobIsStoredInOneCommitAndRecovered() {
        int n = 100_000;
        Change.JobCreated created = jobCreated(1, JobState.RUNNING, 1, n);

        store.commit(List.of(created), StoreFixtures.BATCH_AT);
        RecoveredState state = reopen().recover();

        // isEqualTo (List.equals) rather than containsExactly: linear, and this list is long
        assertThat(state.specsByJob().get(1L)).hasSize(n).isEqualTo(created.specs());
        assertThat(state.tasks()).hasSize(n).isEqualTo(created.tasks());
        assertThat(state.maxTaskUid()).isEqualTo(n);
    }

    @Test
    void commitsAfterAHugeBatchUseFreshStatementsAndStillWriteEveryTable() {
        store.commit(List.of(jobCreated(1, JobState.RUNNING, 1, 10_000)), StoreFixtures.BATCH_AT); // over SHRINK_AFTER_ROWS
        store.commit(List.of(jobCreated(2, JobState.RUNNING, 10_001, 2),
                new Change.TaskChanged(task(1, 1, "t0", TaskState.RUNNING)),
                new Change.AttemptChanged(attempt(1, 1, "t0", "p1", AttemptState.RUNNING))), StoreFixtures.BATCH_AT);

        RecoveredState state = store.recover();

        assertThat(state.jobs()).extracting(JobRecord::id).containsExactly(1L, 2L);
        assertThat(state.tasks()).hasSize(10_002);
        assertThat(state.attempts()).singleElement().satisfies(a -> assertThat(a.lease()).isEqualTo(1));
    }

    @Test
    void fullSynchronousModeWorksToo() {
        store.close();
        store = SqliteStore.open(dataDir, StoreOptions.DEFAULTS.withSynchronous(StoreOptions.Synchronous.FULL));
        store.commit(List.of(jobCreated(1, JobState.RUNNING, 1, 1)), StoreFixtures.BATCH_AT);
        assertThat(store.recover().jobs()).hasSize(1);
    }
}
