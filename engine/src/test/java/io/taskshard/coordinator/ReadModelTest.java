package io.taskshard.coordinator;

import static io.taskshard.coordinator.Fixtures.attempt;
import static io.taskshard.coordinator.Fixtures.audit;
import static io.taskshard.coordinator.Fixtures.created;
import static io.taskshard.coordinator.Fixtures.finished;
import static io.taskshard.coordinator.Fixtures.peer;
import static io.taskshard.coordinator.Fixtures.task;
import static org.assertj.core.api.Assertions.assertThat;

import io.taskshard.model.AttemptRecord;
import io.taskshard.model.AttemptState;
import io.taskshard.model.Change;
import io.taskshard.model.JobRecord;
import io.taskshard.model.JobState;
import io.taskshard.model.PeerRecord;
import io.taskshard.model.PeerState;
import io.taskshard.model.RecoveredState;
import io.taskshard.model.TaskRecord;
import io.taskshard.model.TaskSpec;
import io.taskshard.model.TaskState;
import io.taskshard.store.Store;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReadModelTest {
    private final ReadModel model = new ReadModel(2, 2, 3);

    private void batch(Change... changes) {
        model.onCommitted(List.of(changes), 0);
    }

    @Test
    void jobCreatedMakesJobTasksAndSpecsReadable() {
        batch(created(1, "b", "a"));

        assertThat(model.job(1)).map(JobRecord::state).contains(JobState.RUNNING);
        assertThat(model.task(101)).map(TaskRecord::taskId).contains("a");
        assertThat(model.task(1, "b")).map(TaskRecord::uid).contains(100L);
        assertThat(model.spec(1, "a")).map(TaskSpec::target).contains("//pkg:a");
        Store.JobDetail detail = model.jobDetail(1).orElseThrow();
        assertThat(detail.tasks()).extracting(TaskRecord::taskId).containsExactly("b", "a"); // schema order
        assertThat(model.version()).isEqualTo(1);
    }

    @Test
    void laterRecordsReplaceEarlierOnesAndVersionCountsBatches() {
        batch(created(1, "a"));
        batch(new Change.TaskChanged(task(100, 1, "a", TaskState.RUNNING, 7)),
                new Change.AttemptChanged(attempt(7, 1, "a", 1, "p1", AttemptState.ASSIGNED, 50, 0)));
        batch(new Change.AttemptChanged(attempt(7, 1, "a", 1, "p1", AttemptState.FAILED, 50, 90)),
                new Change.AttemptChanged(attempt(9, 1, "a", 2, "p2", AttemptState.RUNNING, 95, 0)));

        assertThat(model.task(100)).map(TaskRecord::state).contains(TaskState.RUNNING);
        assertThat(model.attempt(7)).map(AttemptRecord::state).contains(AttemptState.FAILED);
        assertThat(model.attempts(1, "a")).extracting(AttemptRecord::lease).containsExactly(7L, 9L);
        assertThat(model.jobDetail(1).orElseThrow().attempts()).hasSize(2);
        assertThat(model.version()).isEqualTo(3);
    }

    @Test
    void onlyTheMostRecentFinishedJobsAreKept() {
        batch(created(1, "a"), created(2, "a"), created(3, "a"), created(4, "a"));
        batch(new Change.AttemptChanged(attempt(5, 1, "a", 1, "p", AttemptState.SUCCEEDED, 1, 2)));
        batch(finished(1), finished(2));
        batch(finished(3));

        assertThat(model.job(1)).isEmpty();
        assertThat(model.task(100)).as("tasks of a forgotten job").isEmpty();
        assertThat(model.attempt(5)).as("attempts of a forgotten job").isEmpty();
        assertThat(model.job(2)).isPresent();
        assertThat(model.job(3)).isPresent();
        assertThat(model.job(4)).as("running jobs are always kept").isPresent();
        assertThat(model.jobs()).extracting(JobRecord::id).containsExactly(4L, 3L, 2L);
    }

    @Test
    void aRunningJobIsNeverForgottenEvenWhenItFinishedBefore() {
        batch(created(1, "a"), created(2, "a"), created(3, "a"));
        batch(finished(1));
        batch(new Change.JobChanged(Fixtures.job(1, JobState.RUNNING))); // reopened by a retry
        batch(finished(2), finished(3));

        assertThat(model.job(1)).map(JobRecord::state).contains(JobState.RUNNING);
    }

    @Test
    void peersThatLeftAreKeptUpToTheBoundConnectedOnesAlways() {
        batch(new Change.PeerChanged(peer("live", 1, PeerState.CONNECTED, 1)));
        for (String id : List.of("g1", "g2", "g3")) {
            batch(new Change.PeerChanged(peer(id, 1, PeerState.CONNECTED, 1)));
            batch(new Change.PeerChanged(peer(id, 1, PeerState.LEFT, 1)));
        }

        assertThat(model.peers()).extracting(p -> p.id()).containsExactly("g2", "g3", "live");
    }

    @Test
    void aPeersRunningLeasesAndTasksDoneFollowItsAttempts() {
        batch(created(1, "a", "b"), new Change.PeerChanged(peer("p", 1, PeerState.CONNECTED, 1)));
        batch(new Change.AttemptChanged(attempt(5, 1, "a", 1, "p", AttemptState.ASSIGNED, 10, 0)),
                new Change.AttemptChanged(attempt(6, 1, "b", 1, "p", AttemptState.RUNNING, 11, 0)));
        assertThat(model.peer("p").orElseThrow().running()).containsExactly(5L, 6L);

        batch(new Change.AttemptChanged(attempt(5, 1, "a", 1, "p", AttemptState.SUCCEEDED, 10, 40)));
        batch(new Change.AttemptChanged(attempt(5, 1, "a", 1, "p", AttemptState.SUCCEEDED, 10, 40)));
        batch(new Change.AttemptChanged(attempt(6, 1, "b", 1, "p", AttemptState.LOST, 11, 50)));

        var p = model.peer("p").orElseThrow();
        assertThat(p.running()).isEmpty();
        assertThat(p.tasksDone()).as("a success reported twice counts once; lost counts not").isEqualTo(1);
        assertThat(p.lastSeenAt()).as("the peer's own finished frame, not the coordinator's lost verdict")
                .isEqualTo(40);
    }

    @Test
    void auditIsNewestFirstAndBounded() {
        batch(new Change.Audited(audit(1, "retry")), new Change.Audited(audit(2, "cancel")));
        batch(new Change.Audited(audit(3, "drain")), new Change.Audited(audit(4, "reassign")));

        assertThat(model.recentAudit(10)).extracting(a -> a.action()).containsExactly("reassign", "drain", "cancel");
        assertThat(model.recentAudit(1)).hasSize(1);
    }

    @Test
    void snapshotHoldsEveryJobButOnlyUnfinishedJobsTasksAndAttempts() {
        batch(created(1, "a"), created(2, "b"));
        batch(new Change.AttemptChanged(attempt(3, 1, "a", 1, "p", AttemptState.SUCCEEDED, 1, 2)),
                new Change.AttemptChanged(attempt(4, 2, "b", 1, "p", AttemptState.RUNNING, 1, 0)),
                new Change.PeerChanged(peer("p", 2, PeerState.CONNECTED, 1)));
        batch(finished(1));

        ReadModel.Snapshot snap = model.snapshot();

        assertThat(snap.exact()).isTrue();
        assertThat(snap.version()).isEqualTo(3);
        assertThat(snap.jobs()).extracting(JobRecord::id).containsExactly(2L, 1L);
        assertThat(snap.tasks()).extracting(TaskRecord::jobId).containsOnly(2L);
        assertThat(snap.attempts()).extracting(AttemptRecord::lease).containsExactly(4L);
        assertThat(snap.peers()).hasSize(1);
    }

    @Test
    void seedLoadsRecoveredStateAsOneVersion() {
        Change.JobCreated c = created(7, "a", "b");
        model.seed(new RecoveredState(List.of(c.job()), Map.of(7L, c.specs()), c.tasks(),
                List.of(attempt(11, 7, "a", 1, "p", AttemptState.RUNNING, 5, 0)),
                List.of(peer("p", 7, PeerState.DISCONNECTED, 1)), 11, 7, 701, Map.of()));

        assertThat(model.version()).isEqualTo(1);
        assertThat(model.task(7, "b")).isPresent();
        assertThat(model.attempt(11)).isPresent();
        assertThat(model.peer("p")).map(p -> p.state()).contains(PeerState.DISCONNECTED);
        assertThat(model.spec(7, "a")).isPresent();
    }

    @Test
    void aSeededPeerIsAwayAndRunsExactlyItsRecoveredLiveAttempts() {
        Change.JobCreated c = created(7, "a", "b");
        PeerRecord stored = new PeerRecord("p", 7, PeerState.CONNECTED, 2, List.of(), null, false, false,
                List.of(3L, 11L), 4, 1, 2); // written when it joined: lease 3 has ended since
        model.seed(new RecoveredState(List.of(c.job()), Map.of(7L, c.specs()), c.tasks(),
                List.of(attempt(3, 7, "b", 1, "p", AttemptState.SUCCEEDED, 5, 0),
                        attempt(11, 7, "a", 1, "p", AttemptState.RUNNING, 5, 0)),
                List.of(stored), 11, 7, 701, Map.of()));

        PeerRecord p = model.peer("p").orElseThrow();
        assertThat(p.state()).as("the restarted coordinator waits for it to reconnect")
                .isEqualTo(PeerState.DISCONNECTED);
        assertThat(p.running()).containsExactly(11L);
        assertThat(p.tasksDone()).isEqualTo(4);
    }

    @Test
    void changesForAJobNeverSeenAreKeptWithoutSpecsOrIgnored() {
        batch(new Change.TaskChanged(task(900, 9, "x", TaskState.READY, 0)));
        assertThat(model.task(900)).as("a task of an unknown job has nowhere to go").isEmpty();

        batch(new Change.JobChanged(Fixtures.job(9, JobState.RUNNING)));
        batch(new Change.TaskChanged(task(900, 9, "x", TaskState.READY, 0)));
        assertThat(model.task(900)).isPresent();
        assertThat(model.spec(9, "x")).isEmpty();
    }
}
