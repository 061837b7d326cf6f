package io.taskshard.analysis;

import static io.taskshard.analysis.Fixtures.T0;
import static io.taskshard.analysis.Fixtures.attempt;
import static io.taskshard.analysis.Fixtures.finishedJob;
import static io.taskshard.analysis.Fixtures.job;
import static io.taskshard.analysis.Fixtures.ok;
import static io.taskshard.analysis.Fixtures.running;
import static io.taskshard.analysis.Fixtures.task;
import static org.assertj.core.api.Assertions.assertThat;

import io.taskshard.analysis.Comparison.Bar;
import io.taskshard.model.AttemptRecord;
import io.taskshard.model.AttemptState;
import io.taskshard.model.JobState;
import io.taskshard.model.TaskSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ComparisonsTest {
    private static final Map<String, Integer> THREE_SINGLE_SLOT_PEERS = Map.of("a", 1, "b", 1, "c", 1);

    /** 6 tasks of 1..6 s on 3 one-slot peers, sharded as longest-first would: every peer busy 0..7 s. */
    @Test
    void threePeersSixTasksHandComputed() {
        List<TaskSpec> specs = List.of(task("t1"), task("t2"), task("t3"), task("t4"), task("t5"), task("t6"));
        List<AttemptRecord> attempts = List.of(
                ok(1, "t6", "a", 0, 6_000), ok(2, "t5", "b", 0, 5_000), ok(3, "t4", "c", 0, 4_000),
                ok(4, "t3", "c", 4_000, 7_000), ok(5, "t2", "b", 5_000, 7_000), ok(6, "t1", "a", 6_000, 7_000));
        JobView view = new JobView(finishedJob(7_000), specs, List.of(), attempts, THREE_SINGLE_SLOT_PEERS, Map.of());

        Comparison c = Comparisons.of(view);

        assertThat(c.linear().makespanMs()).isEqualTo(21_000);
        assertThat(c.linear().cpuMs()).isEqualTo(63_000);
        assertThat(c.parallel().makespanMs()).isEqualTo(21_000);
        assertThat(c.parallel().cpuMs()).isEqualTo(63_000);
        assertThat(c.lowerBound()).isEqualTo(new Comparison.LowerBound(7_000, 7_000, 6_000, 6_000));
        assertThat(c.sharded().makespanMs()).isEqualTo(7_000);
        assertThat(c.sharded().cpuMs()).isEqualTo(21_000);
        assertThat(c.speedupVsLinear()).isEqualTo(3.0);
        assertThat(c.speedupVsParallel()).isEqualTo(3.0);
        assertThat(c.efficiency()).isEqualTo(1.0);
        assertThat(c.peers()).isEqualTo(3);
        assertThat(c.totalSlots()).isEqualTo(3);
        assertThat(c.tasks()).isEqualTo(6);
        assertThat(c.estimatedTasks()).isZero();
        // One slot: longest first, back to back, on the representative (first) peer's lane.
        assertThat(c.parallel().bars()).containsExactly(
                new Bar("a#1", "t6", 0, 6_000), new Bar("a#1", "t5", 6_000, 11_000),
                new Bar("a#1", "t4", 11_000, 15_000), new Bar("a#1", "t3", 15_000, 18_000),
                new Bar("a#1", "t2", 18_000, 20_000), new Bar("a#1", "t1", 20_000, 21_000));
        assertThat(c.linear().bars()).hasSize(6).allMatch(b -> b.lane().equals("a#1"));
        assertThat(c.sharded().bars()).contains(new Bar("c#1", "t3", 4_000, 7_000), new Bar("a#1", "t6", 0, 6_000));
    }

    @Test
    void criticalPathThroughNeedsDominatesTheBound() {
        List<TaskSpec> specs = List.of(task("a"), task("b", "a"), task("c", "b"), task("d"));
        Map<String, Long> expected = Map.of("a", 1_000L, "b", 2_000L, "c", 3_000L, "d", 1_000L);
        JobView view = new JobView(job(JobState.RUNNING, 0, 0), specs, List.of(), List.of(),
                THREE_SINGLE_SLOT_PEERS, expected);

        Comparison c = Comparisons.of(view, T0 + 500);

        assertThat(c.lowerBound()).isEqualTo(new Comparison.LowerBound(6_000, 2_334, 3_000, 6_000));
        assertThat(c.linear().makespanMs()).isEqualTo(7_000);
        assertThat(c.estimatedTasks()).isEqualTo(4);
        assertThat(c.sharded()).isEqualTo(new Comparison.Run(0, 0, List.of()));
        assertThat(c.speedupVsLinear()).isZero();
        assertThat(c.efficiency()).isZero();
        // Linear order respects needs: a before b before c.
        List<String> order = c.linear().bars().stream().map(Bar::taskId).toList();
        assertThat(order.indexOf("a")).isLessThan(order.indexOf("b"));
        assertThat(order.indexOf("b")).isLessThan(order.indexOf("c"));
    }

    /** A 4, B 3, C 2 needs A, D 1 on two slots: A|B at 0, D after B at 3, C after A at 4: 6 s. */
    @Test
    void parallelIsListSchedulingLongestFirstRespectingNeeds() {
        List<TaskSpec> specs = List.of(task("A"), task("B"), task("C", "A"), task("D"));
        Map<String, Long> expected = Map.of("A", 4_000L, "B", 3_000L, "C", 2_000L, "D", 1_000L);
        JobView view = new JobView(finishedJob(0), specs, List.of(), List.of(), Map.of("p", 2), expected);

        Comparison c = Comparisons.of(view);

        assertThat(c.parallel().makespanMs()).isEqualTo(6_000);
        assertThat(c.parallel().bars()).containsExactly(
                new Bar("p#1", "A", 0, 4_000), new Bar("p#2", "B", 0, 3_000),
                new Bar("p#2", "D", 3_000, 4_000), new Bar("p#1", "C", 4_000, 6_000));
        assertThat(c.linear().makespanMs()).isEqualTo(10_000);
        assertThat(c.lowerBound()).isEqualTo(new Comparison.LowerBound(6_000, 5_000, 4_000, 6_000));
    }

    @Test
    void parallelMakespanIsTheSlowestPeers() {
        List<TaskSpec> specs = List.of(task("A"), task("B"), task("C", "A"), task("D"));
        Map<String, Long> expected = Map.of("A", 4_000L, "B", 3_000L, "C", 2_000L, "D", 1_000L);
        JobView view = new JobView(finishedJob(0), specs, List.of(), List.of(), Map.of("p", 2, "q", 1), expected);

        Comparison c = Comparisons.of(view);

        assertThat(c.parallel().makespanMs()).isEqualTo(10_000);
        assertThat(c.parallel().bars()).allMatch(b -> b.lane().equals("q#1"));
        assertThat(c.parallel().cpuMs()).isEqualTo(2 * 10_000);
        assertThat(c.lowerBound().workPerSlotMs()).isEqualTo(3_334);
    }

    /**
     * x fails on a, is lost on b, then succeeds on a; y succeeds on b without a reported duration.
     * Sharded counts every attempt's slot time; linear uses only the successful runs.
     */
    @Test
    void shardedCountsFailedAndLostAttempts() {
        List<TaskSpec> specs = List.of(task("x"), task("y"));
        List<AttemptRecord> attempts = List.of(
                attempt(1, "x", 1, "a", AttemptState.FAILED, 0, 100, 2_000, 1, 1_900),
                attempt(2, "y", 1, "b", AttemptState.SUCCEEDED, 0, 500, 2_500, 0, 0),
                attempt(3, "x", 2, "b", AttemptState.LOST, 2_500, 2_600, 4_000, null, 0),
                attempt(4, "x", 3, "a", AttemptState.SUCCEEDED, 4_000, 4_100, 7_000, 0, 2_900));
        JobView view = new JobView(finishedJob(7_000), specs, List.of(), attempts, Map.of("a", 1, "b", 1), Map.of());

        Comparison c = Comparisons.of(view);

        assertThat(TaskDurations.of(view).byTaskMs()).containsExactly(Map.entry("x", 2_900L), Map.entry("y", 2_000L));
        assertThat(c.sharded().makespanMs()).isEqualTo(7_000);
        assertThat(c.sharded().cpuMs()).isEqualTo(2_000 + 2_500 + 1_500 + 3_000);
        assertThat(c.sharded().bars()).containsExactly(
                new Bar("a#1", "x", 0, 2_000), new Bar("b#1", "y", 0, 2_500),
                new Bar("b#1", "x", 2_500, 4_000), new Bar("a#1", "x", 4_000, 7_000));
        assertThat(c.linear().makespanMs()).isEqualTo(4_900);
        assertThat(c.linear().cpuMs()).isEqualTo(9_800);
        assertThat(c.lowerBound().ms()).isEqualTo(2_900);
        assertThat(c.efficiency()).isEqualTo(2_900 / 7_000.0);
    }

    @Test
    void runningJobExtendsToNow() {
        List<TaskSpec> specs = List.of(task("x"), task("y"), task("z"));
        List<AttemptRecord> attempts = List.of(ok(1, "x", "a", 1_000, 2_000), running(2, "y", "a", 3_000));
        JobView view = new JobView(job(JobState.RUNNING, 0, 0), specs, List.of(), attempts, Map.of("a", 1), Map.of());

        Comparison c = Comparisons.of(view, T0 + 5_000);

        assertThat(c.sharded().makespanMs()).isEqualTo(4_000);
        assertThat(c.sharded().cpuMs()).isEqualTo(1_000 + 2_000);
        assertThat(c.sharded().bars()).contains(new Bar("a#1", "y", 2_000, 4_000));

        // Nothing live, but the job still runs (z waits): the clock keeps counting.
        JobView idle = new JobView(job(JobState.RUNNING, 0, 0), specs, List.of(), attempts.subList(0, 1),
                Map.of("a", 1), Map.of());
        assertThat(Comparisons.of(idle, T0 + 9_000).sharded().makespanMs()).isEqualTo(8_000);
        // Without a now, the view is seen as of its last recorded event.
        assertThat(Comparisons.of(idle).sharded().makespanMs()).isEqualTo(1_000);
    }

    @Test
    void taskWithoutSuccessUsesItsHistoryThenTheMeanMeasuredInTheJobThenTheDefault() {
        List<TaskSpec> specs = List.of(task("failedOnce"), task("neverRan"), task("done"));
        List<AttemptRecord> attempts = List.of(
                attempt(1, "failedOnce", 1, "a", AttemptState.FAILED, 0, 0, 500, 2, 500),
                ok(2, "done", "a", 500, 1_250));
        JobView view = new JobView(job(JobState.RUNNING, 0, 0), specs, List.of(), attempts, Map.of("a", 1),
                Map.of("failedOnce", 9_000L), 4_000);

        TaskDurations durations = TaskDurations.of(view);

        assertThat(durations.byTaskMs()).containsExactly(
                Map.entry("failedOnce", 9_000L), Map.entry("neverRan", 750L), Map.entry("done", 750L));
        assertThat(durations.estimated()).containsExactly("failedOnce", "neverRan");
        assertThat(Comparisons.of(view).linear().makespanMs()).isEqualTo(10_500);
        JobView nothingMeasured = new JobView(job(JobState.RUNNING, 0, 0), specs, List.of(), attempts.subList(0, 1),
                Map.of("a", 1), Map.of("failedOnce", 9_000L), 4_000);
        assertThat(TaskDurations.of(nothingMeasured).byTaskMs()).containsExactly(
                Map.entry("failedOnce", 9_000L), Map.entry("neverRan", 4_000L), Map.entry("done", 4_000L));
        assertThat(new JobView(job(JobState.RUNNING, 0, 0), List.of(task("q")), List.of(), List.of(), Map.of(),
                Map.of()).defaultExpectedMs()).isEqualTo(JobView.DEFAULT_EXPECTED_MS);
    }

    @Test
    void jobWithoutPeersStillComparesOnOneSlot() {
        JobView view = new JobView(job(JobState.RUNNING, 0, 0), List.of(task("x"), task("y")), List.of(), List.of(),
                Map.of(), Map.of("x", 1_000L, "y", 2_000L));

        Comparison c = Comparisons.of(view, T0);

        assertThat(c.peers()).isZero();
        assertThat(c.linear().makespanMs()).isEqualTo(3_000);
        assertThat(c.linear().cpuMs()).isZero();
        assertThat(c.parallel().bars()).allMatch(b -> b.lane().equals(Comparisons.NO_PEER + "#1"));
        assertThat(c.lowerBound().ms()).isEqualTo(3_000);
    }
}
