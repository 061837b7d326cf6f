package io.taskshard.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskshard.model.JobKind;
import io.taskshard.model.JobRecord;
import io.taskshard.model.JobState;
import io.taskshard.model.PeerRecord;
import io.taskshard.model.PeerState;
import io.taskshard.model.Placement;
import io.taskshard.model.Resources;
import io.taskshard.model.TaskCounts;
import io.taskshard.model.TaskRecord;
import io.taskshard.model.TaskSpec;
import io.taskshard.model.TaskState;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Why a task waits, as a client sees it: a ready task of a shared job waits for the peers of its
 * job (busy, none connected, none fitting, the one it was reassigned to); a submitted job's task
 * gets {@link Placement#holdReason}'s words, as {@code taskshard status} prints them.
 */
class TaskWaitsTest {
    static final long T0 = 1_700_000_000_000L;
    static final long NOW = T0 + 10_000;
    static final TaskSpec BUILD = spec("build", List.of(), List.of());
    static final TaskSpec GPU = spec("gpu", List.of(), List.of("gpu"));
    static final TaskSpec PACK = spec("pack", List.of("build"), List.of());

    static TaskSpec spec(String id, List<String> needs, List<String> labels) {
        return new TaskSpec(id, null, "make " + id, 0, 2, 0, needs, Resources.NONE, labels, Map.of());
    }

    static JobView job(JobKind kind, List<String> failed, TaskRecord... tasks) {
        JobRecord job = new JobRecord(7, kind, "j", "h", "rc", Map.of(), false, JobState.RUNNING, 3, 0,
                new TaskCounts(1, 2, 0, 0, 0, 0), failed, T0, 0);
        return new JobView(job, List.of(BUILD, GPU, PACK), List.of(tasks), List.of(), Map.of(), Map.of());
    }

    static TaskRecord ready(String id, String pinnedTo) {
        return new TaskRecord(1, 7, id, TaskState.READY, 0, 0, 0, pinnedTo, T0);
    }

    static PeerRecord peer(String id, long job, int slots, int busy, PeerState state, boolean draining,
                           boolean worker, String... labels) {
        List<Long> running = java.util.stream.LongStream.range(100, 100 + busy).boxed().toList();
        return new PeerRecord(id, job, state, slots, List.of(labels), Resources.NONE, draining, worker, running, 0, T0,
                NOW);
    }

    static PeerRecord busyPeer(String id) {
        return peer(id, 7, 2, 2, PeerState.CONNECTED, false, false);
    }

    static String why(JobView job, TaskSpec spec, List<PeerRecord> peers) {
        return TaskWaits.why(job, job.tasks().stream().filter(t -> t.taskId().equals(spec.id())).findFirst()
                .orElseThrow(), spec, peers, NOW);
    }

    @Test
    void aReadyTaskOfASharedJobWhosePeersAreAllBusyWaitsForAFreeSlot() {
        JobView shared = job(JobKind.SHARED, List.of(), ready("build", null));

        assertThat(why(shared, BUILD, List.of(busyPeer("p1"), busyPeer("p2"), busyPeer("p3"),
                peer("other", 8, 2, 0, PeerState.CONNECTED, false, false))))
                .isEqualTo("waiting for a free slot: all 3 peers of this job are busy (6/6 slots)");
        assertThat(why(shared, BUILD, List.of(busyPeer("p1"))))
                .isEqualTo("waiting for a free slot: the only peer of this job, p1, is busy (2/2 slots)");
    }

    @Test
    void aPeerOfTheJobWithAFreeSlotMeansItIsAboutToStart() {
        JobView shared = job(JobKind.SHARED, List.of(), ready("build", null));

        assertThat(why(shared, BUILD, List.of(busyPeer("p1"), peer("p2", 7, 2, 1, PeerState.CONNECTED, false,
                false)))).isNull();
    }

    @Test
    void withoutAConnectedPeerOfTheJobItIsOnHold() {
        JobView shared = job(JobKind.SHARED, List.of(), ready("build", null));

        assertThat(why(shared, BUILD, List.of(peer("p1", 7, 1, 0, PeerState.DISCONNECTED, false, false),
                peer("other", 8, 1, 0, PeerState.CONNECTED, false, false))))
                .isEqualTo("on hold: no peer of this job is connected");
    }

    @Test
    void peersThatDoNotFitAreNamedInPlacementsWords() {
        JobView shared = job(JobKind.SHARED, List.of(), ready("gpu", null));

        assertThat(why(shared, GPU, List.of(peer("p1", 7, 1, 0, PeerState.CONNECTED, false, false),
                peer("p2", 7, 1, 0, PeerState.CONNECTED, true, false, "gpu"))))
                .isEqualTo("on hold: no connected peer of this job fits: p1 lacks label gpu; p2 is draining");
        assertThat(why(shared, GPU, List.of(peer("p1", 7, 1, 0, PeerState.CONNECTED, false, false),
                peer("p2", 7, 1, 1, PeerState.CONNECTED, false, false, "gpu"))))
                .isEqualTo("waiting for a free slot: the one peer of this job that fits, p2, is busy (1/1 slots);"
                        + " p1 lacks label gpu");
    }

    @Test
    void aTaskReassignedToAPeerWaitsForThatPeer() {
        JobView shared = job(JobKind.SHARED, List.of(), ready("build", "p2"));
        PeerRecord free = peer("p1", 7, 2, 0, PeerState.CONNECTED, false, false);

        assertThat(why(shared, BUILD, List.of(free, busyPeer("p2"))))
                .isEqualTo("pinned to peer p2 (reassigned), waiting for its free slot (2/2 slots busy)");
        assertThat(why(shared, BUILD, List.of(free, peer("p2", 7, 2, 0, PeerState.CONNECTED, true, false))))
                .isEqualTo("on hold: pinned to peer p2 (reassigned), which is draining");
        assertThat(why(shared, BUILD, List.of(free, peer("p2", 7, 2, 0, PeerState.DISCONNECTED, false, false))))
                .isEqualTo("pinned to peer p2 (reassigned), which is disconnected: waiting for it to come back");
        // gone: the coordinator drops the pin, so any peer of the job may take it
        assertThat(why(shared, BUILD, List.of(busyPeer("p1"), peer("p2", 7, 2, 0, PeerState.LOST, false, false))))
                .isEqualTo("waiting for a free slot: the only peer of this job, p1, is busy (2/2 slots)");
    }

    @Test
    void aSubmittedJobsTaskOnHoldHasTheWordsOfStatus() {
        JobView submitted = job(JobKind.SUBMITTED, List.of(), ready("gpu", null), ready("build", null));
        List<PeerRecord> workers = List.of(peer("w1", 0, 1, 0, PeerState.CONNECTED, false, true, "linux"));

        assertThat(why(submitted, GPU, workers)).isEqualTo("on hold: " + Placement.holdReason(GPU, workers))
                .isEqualTo("on hold: no connected worker fits: w1 lacks label gpu");
        assertThat(why(submitted, GPU, List.of())).isEqualTo("on hold: no worker is connected");
        assertThat(why(submitted, BUILD, List.of(peer("w1", 0, 1, 1, PeerState.CONNECTED, false, true),
                peer("w2", 0, 1, 1, PeerState.CONNECTED, false, true))))
                .isEqualTo("waiting for a free slot: all 2 workers are busy (2/2 slots)");
    }

    @Test
    void blockedBackoffAndFailingJobs() {
        JobView shared = job(JobKind.SHARED, List.of(), ready("build", null),
                new TaskRecord(3, 7, "pack", TaskState.BLOCKED, 0, 0, 0, null, 0));
        assertThat(why(shared, PACK, List.of())).isEqualTo("waiting for its needs: build");

        JobView backoff = job(JobKind.SHARED, List.of(), new TaskRecord(1, 7, "build", TaskState.READY, 0, 1, 0,
                null, NOW + 5_000));
        assertThat(why(backoff, BUILD, List.of())).startsWith("waiting out its retry backoff until ");

        JobView failing = job(JobKind.SHARED, List.of("gpu"), ready("build", null));
        assertThat(why(failing, BUILD, List.of(busyPeer("p1"))))
                .isEqualTo("on hold: job 7 is failing (gpu failed): it starts no more tasks");
    }
}
