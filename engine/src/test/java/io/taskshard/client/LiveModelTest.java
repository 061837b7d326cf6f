package io.taskshard.client;

import static io.taskshard.client.ModelFixtures.attempt;
import static io.taskshard.client.ModelFixtures.audit;
import static io.taskshard.client.ModelFixtures.delta;
import static io.taskshard.client.ModelFixtures.job;
import static io.taskshard.client.ModelFixtures.peer;
import static io.taskshard.client.ModelFixtures.snapshot;
import static io.taskshard.client.ModelFixtures.task;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.taskshard.model.AttemptRecord;
import io.taskshard.model.AttemptState;
import io.taskshard.model.JobRecord;
import io.taskshard.model.JobState;
import io.taskshard.model.PeerRecord;
import io.taskshard.model.PeerState;
import io.taskshard.model.TaskState;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** Folding frames into the live model, without a network: order, replacement, bounds, views. */
class LiveModelTest {
    private final LiveModel model = new LiveModel();
    private final List<ModelChange> changes = new ArrayList<>();

    LiveModelTest() {
        model.addListener(changes::add);
    }

    private void startWithOneRunningJob() {
        model.apply(snapshot(5, List.of(job(1, JobState.RUNNING, 2)),
                List.of(task(11, 1, "a", TaskState.RUNNING), task(12, 1, "b", TaskState.READY)),
                List.of(attempt(100, 1, "a", AttemptState.RUNNING)), List.of(peer("p1", PeerState.CONNECTED, 0))));
    }

    @Test
    void aSnapshotThenDeltasPutEachRecordUnderItsKey() {
        startWithOneRunningJob();
        model.apply(delta(7, attempt(100, 1, "a", AttemptState.SUCCEEDED), task(11, 1, "a", TaskState.SUCCEEDED),
                attempt(101, 1, "b", AttemptState.ASSIGNED), task(12, 1, "b", TaskState.RUNNING),
                audit(ModelFixtures.T0, "retry")));

        LiveView v = model.view();
        assertThat(v.synced()).isTrue();
        assertThat(v.version()).isEqualTo(7);
        assertThat(v.tasks(1)).extracting(TaskInfo::id).containsExactly("a", "b");
        assertThat(v.tasks(1)).extracting(t -> t.task().state()).containsExactly(TaskState.SUCCEEDED, TaskState.RUNNING);
        assertThat(v.attempts(1)).extracting(AttemptRecord::lease).containsExactly(100L, 101L);
        assertThat(v.attempt(100)).get().extracting(AttemptRecord::state).isEqualTo(AttemptState.SUCCEEDED);
        assertThat(v.task(12)).get().extracting(TaskInfo::id).isEqualTo("b");
        assertThat(v.audit()).extracting(a -> a.action()).containsExactly("retry");
        assertThat(changes).containsExactly(new ModelChange.Resynced(5),
                new ModelChange.Updated(7, java.util.Set.of(1L), java.util.Set.of(), true));
    }

    @Test
    void aDeltaBeforeAnySnapshotOrNotNewerIsRefusedAndChangesNothing() {
        assertThatThrownBy(() -> model.apply(delta(3, job(1, JobState.RUNNING, 1))))
                .isInstanceOf(LiveModel.OutOfSyncException.class).hasMessageContaining("before any snapshot");
        startWithOneRunningJob();
        LiveView before = model.view();

        assertThatThrownBy(() -> model.apply(delta(5, job(1, JobState.SUCCEEDED, 2))))
                .isInstanceOf(LiveModel.OutOfSyncException.class)
                .hasMessageContaining("delta 5 is not newer than the model (version 5)");
        assertThat(model.view()).isEqualTo(before);
        assertThat(model.version()).isEqualTo(5);
    }

    @Test
    void aSnapshotReplacesEverythingButKeepsAuditEntries() {
        startWithOneRunningJob();
        model.apply(delta(6, audit(ModelFixtures.T0, "drain"), peer("p2", PeerState.CONNECTED, 0)));

        model.apply(snapshot(2, List.of(job(9, JobState.RUNNING, 1)), List.of(task(91, 9, "z", TaskState.READY)),
                List.of(), List.of()));

        LiveView v = model.view();
        assertThat(v.version()).as("a restarted server starts counting again").isEqualTo(2);
        assertThat(v.jobs()).extracting(JobRecord::id).containsExactly(9L);
        assertThat(v.tasks(1)).isEmpty();
        assertThat(v.attempt(100)).isEmpty();
        assertThat(v.peers()).isEmpty();
        assertThat(v.audit()).extracting(a -> a.action()).containsExactly("drain");
        assertThat(changes.getLast()).isEqualTo(new ModelChange.Resynced(2));
    }

    @Test
    void viewsAreImmutableAndSharedUntilSomethingChanges() {
        startWithOneRunningJob();
        LiveView first = model.view();
        assertThat(model.view()).isSameAs(first);

        model.apply(delta(6, task(12, 1, "b", TaskState.CANCELLED)));

        LiveView second = model.view();
        assertThat(second).isNotSameAs(first);
        assertThat(first.tasks(1).get(1).task().state()).as("an old view does not move").isEqualTo(TaskState.READY);
        assertThat(second.tasks(1).get(1).task().state()).isEqualTo(TaskState.CANCELLED);
        assertThatThrownBy(() -> second.tasks(1).clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void theOldestFinishedJobsAreForgottenBeyondTheBound() {
        LiveModel small = new LiveModel(2, 10, 10, 10);
        small.apply(snapshot(1, List.of(job(1, JobState.RUNNING, 1)), List.of(task(1, 1, "a", TaskState.RUNNING)),
                List.of(), List.of()));
        long version = 1;
        for (long id = 2; id <= 5; id++) {
            small.apply(delta(++version, job(id, JobState.SUCCEEDED, 1), task(id, id, "a", TaskState.SUCCEEDED)));
        }

        LiveView v = small.view();
        assertThat(v.jobs()).extracting(JobRecord::id).as("running job 1 stays; finished 2 and 3 go")
                .containsExactly(5L, 4L, 1L);
        assertThat(v.tasks(2)).isEmpty();
        assertThat(v.tasks(5)).hasSize(1);
        assertThat(v.hasAllTasks(5)).isTrue();
    }

    @Test
    void attemptsBeyondTheBoundDropTheOldestEndedOnesNeverLiveOnes() {
        LiveModel small = new LiveModel(10, 3, 10, 10);
        small.apply(snapshot(1, List.of(job(1, JobState.RUNNING, 1)), List.of(task(1, 1, "a", TaskState.RUNNING)),
                List.of(attempt(1, 1, "a", AttemptState.RUNNING)), List.of()));
        Object[] more = LongStream.rangeClosed(2, 6).mapToObj(l -> attempt(l, 1, "a", AttemptState.FAILED)).toArray();

        small.apply(delta(2, more));

        assertThat(small.view().attempts(1)).extracting(AttemptRecord::lease).containsExactly(1L, 5L, 6L);
    }

    @Test
    void gonePeersAndAuditEntriesAreBounded() {
        LiveModel small = new LiveModel(10, 10, 1, 2);
        small.apply(snapshot(1, List.of(), List.of(), List.of(), List.of(peer("live", PeerState.CONNECTED, 1))));

        small.apply(delta(2, peer("old", PeerState.LEFT, 5), peer("new", PeerState.LOST, 9),
                audit(1, "a"), audit(2, "b"), audit(3, "c")));

        LiveView v = small.view();
        assertThat(v.peers()).extracting(PeerRecord::id).containsExactly("live", "new");
        assertThat(v.audit()).extracting(a -> a.action()).containsExactly("c", "b");
        assertThat(changes).isEmpty(); // the listener is on the other model
    }

    @Test
    void mergedAuditEntriesAreDeduplicatedNewestFirst() {
        startWithOneRunningJob();
        model.apply(delta(6, audit(20, "cancel")));

        model.mergeAudit(List.of(audit(20, "cancel"), audit(10, "drain"), audit(30, "retry")));

        assertThat(model.view().audit()).extracting(a -> a.action()).containsExactly("retry", "cancel", "drain");
        assertThat(changes.getLast()).isEqualTo(new ModelChange.Updated(6, java.util.Set.of(), java.util.Set.of(), true));
    }

    @Test
    void aFailingListenerDoesNotStopTheOthers() {
        List<ModelChange> seen = new ArrayList<>();
        LiveModel m = new LiveModel();
        m.addListener(c -> {
            throw new IllegalStateException("broken UI listener (expected in this test)");
        });
        m.addListener(seen::add);

        m.apply(snapshot(1, List.of(), List.of(), List.of(), List.of()));

        assertThat(seen).containsExactly(new ModelChange.Resynced(1));
    }

    @Test
    void aJobViewIsOfferedOnlyWhenEveryTaskIsKnown() {
        startWithOneRunningJob();
        assertThat(model.view().jobView(1)).get().satisfies(jv -> {
            assertThat(jv.specs()).hasSize(2);
            assertThat(jv.slotsByPeer()).containsEntry("p1", 1);
        });

        model.apply(snapshot(6, List.of(job(1, JobState.SUCCEEDED, 2)), List.of(), List.of(), List.of()));

        assertThat(model.view().hasAllTasks(1)).as("snapshots carry no tasks of finished jobs").isFalse();
        assertThat(model.view().jobView(1)).isEmpty();
    }
}
