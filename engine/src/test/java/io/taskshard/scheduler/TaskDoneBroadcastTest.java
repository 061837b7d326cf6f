package io.taskshard.scheduler;

import static io.taskshard.scheduler.SchedulerHarness.hello;
import static org.assertj.core.api.Assertions.assertThat;

import io.taskshard.model.TaskSpec;
import io.taskshard.protocol.CoordinatorMessage;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Task-done to the peers of a job: every peer hears of every task exactly once, at most one
 * frame per peer per coalescing interval, and the peers hear in turns (by group) rather than
 * all at the same tick.
 */
class TaskDoneBroadcastTest {
    static final int PEERS = 12;
    static final int TASKS = 600;
    static final long STEP_MS = 25;
    static final long INTERVAL_MS = SchedulerConfig.DEFAULT_TASK_DONE_COALESCE_MS;

    private final SchedulerHarness h = new SchedulerHarness();
    private final Map<String, Deque<Long>> leases = new HashMap<>();
    /** One entry per task-done frame: who, when, which batch, whether the batch completed the job. */
    private final List<Heard> heard = new ArrayList<>();
    private int batch;
    private boolean complete;

    record Heard(String peer, long at, int batch, boolean withJobComplete, List<CoordinatorMessage.DoneTask> tasks) {
    }

    @BeforeEach
    void runAJobWhereEveryPeerFinishesATaskEveryStep() {
        List<TaskSpec> schema = IntStream.range(0, TASKS).mapToObj(i -> TaskSpec.ofTarget("t" + i, "//t:" + i)).toList();
        for (int i = 0; i < PEERS; i++) {
            String peer = "peer-" + i;
            leases.put(peer, new ArrayDeque<>());
            record(h.join(hello(peer, "s", schema)));
        }
        for (int step = 0; step < 10_000 && !complete; step++) {
            for (Map.Entry<String, Deque<Long>> e : leases.entrySet()) {
                Long lease = e.getValue().poll();
                if (lease != null) {
                    record(h.succeed(e.getKey(), lease));
                }
            }
            record(h.advance(STEP_MS));
        }
        assertThat(complete).as("the job completed").isTrue();
    }

    private void record(List<Decision> ds) {
        batch++;
        boolean endsJob = !SchedulerHarness.messages(ds, CoordinatorMessage.JobComplete.class).isEmpty();
        complete |= endsJob;
        for (Decision d : ds) {
            if (d instanceof Decision.Send s) {
                switch (s.message()) {
                    case CoordinatorMessage.Assign a -> leases.get(s.peerId()).add(a.lease());
                    case CoordinatorMessage.TaskDone td -> heard.add(new Heard(s.peerId(), h.now, batch, endsJob, td.tasks()));
                    default -> {
                    }
                }
            }
        }
    }

    @Test
    void everyPeerHearsOfEveryTaskExactlyOnce() {
        Set<String> all = IntStream.range(0, TASKS).mapToObj(i -> "t" + i).collect(Collectors.toSet());
        for (String peer : leases.keySet()) {
            List<String> tasks = heard.stream().filter(x -> x.peer().equals(peer))
                    .flatMap(x -> x.tasks().stream()).map(CoordinatorMessage.DoneTask::task).toList();
            assertThat(tasks).as("tasks %s heard of", peer).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(all);
        }
    }

    @Test
    void aPeerGetsAtMostOneFramePerIntervalUntilTheJobEnds() {
        for (String peer : leases.keySet()) {
            List<Heard> frames = heard.stream().filter(x -> x.peer().equals(peer) && !x.withJobComplete()).toList();
            assertThat(frames).as("%s heard during the job", peer).hasSizeGreaterThan(2);
            for (int i = 1; i < frames.size(); i++) {
                assertThat(frames.get(i).at() - frames.get(i - 1).at())
                        .as("gap between frames %d and %d to %s", i - 1, i, peer).isGreaterThanOrEqualTo(INTERVAL_MS);
            }
        }
    }

    @Test
    void peersHearInTurnsOneGroupPerTick() {
        Map<Integer, Set<Integer>> groupsByBatch = new HashMap<>();
        for (Heard x : heard) {
            if (!x.withJobComplete()) {
                groupsByBatch.computeIfAbsent(x.batch(), b -> new HashSet<>()).add(DoneBroadcast.groupOf(x.peer()));
            }
        }
        assertThat(groupsByBatch.values()).as("groups told in one tick").allSatisfy(g -> assertThat(g).hasSize(1));
        Set<Integer> groups = leases.keySet().stream().map(DoneBroadcast::groupOf).collect(Collectors.toSet());
        assertThat(groups).as("the peers fall in several groups").hasSizeGreaterThan(2);
        assertThat(groupsByBatch.values().stream().flatMap(Set::stream).collect(Collectors.toSet()))
                .as("every group was told during the job").isEqualTo(groups);
    }

    @Test
    void nothingIsHeldBackWhenTheJobEnds() {
        int last = heard.stream().mapToInt(Heard::batch).max().orElseThrow();
        assertThat(heard.stream().filter(x -> x.batch() == last)).as("the final frames")
                .allSatisfy(x -> assertThat(x.withJobComplete()).isTrue());
    }
}
