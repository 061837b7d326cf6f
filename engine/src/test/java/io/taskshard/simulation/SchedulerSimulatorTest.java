package io.taskshard.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SchedulerSimulatorTest {

    private static Workload exact(long... ms) {
        return new Workload("exact", ms, ms);
    }

    @Test
    void onePeerWithOneSlotRunsEverythingBackToBack() {
        Workload w = exact(3_000, 1_000, 2_000);

        SchedulerSimulator.Result r = SchedulerSimulator.run(w, 1, 1, true);

        assertThat(r.makespanMs()).isEqualTo(6_000);
        assertThat(r.attempts()).isEqualTo(3);
    }

    @Test
    void withHistoryTheLongestTaskStartsFirst() {
        // Schema order puts the long task last: FIFO ends at 1+1+... then 10; longest-first ends at 10.
        Workload w = exact(1_000, 1_000, 1_000, 1_000, 10_000);

        assertThat(SchedulerSimulator.run(w, 2, 1, true).makespanMs()).isEqualTo(10_000);
        assertThat(SchedulerSimulator.run(w, 2, 1, false).makespanMs()).isEqualTo(12_000);
        assertThat(Baselines.fifoQueue(w, 2)).isEqualTo(12_000);
    }

    @Test
    void withoutHistoryTheSchedulerIsAFifoQueueInSchemaOrder() {
        Workload w = Workload.heavyTailed(500, 7);

        for (int peers : new int[] {3, 17}) {
            assertThat(SchedulerSimulator.run(w, peers, 2, false).makespanMs())
                    .as("%d peers", peers).isEqualTo(Baselines.fifoQueue(w, peers * 2));
        }
    }

    @Test
    void everyTaskRunsOnceAndNoScheduleBeatsTheLowerBound() {
        Workload w = Workload.uniform(400, 3);
        for (int peers : new int[] {1, 4, 40}) {
            SchedulerSimulator.Result r = SchedulerSimulator.run(w, peers, 2, true);

            assertThat(r.attempts()).isEqualTo(400);
            assertThat(r.makespanMs()).isGreaterThanOrEqualTo(w.lowerBoundMs(peers * 2));
            assertThat(Baselines.staticSplit(w, peers, 2)).isGreaterThanOrEqualTo(w.lowerBoundMs(peers * 2));
        }
    }

    @Test
    void aStaticSplitDealsTasksRoundRobinBeforeAnythingRuns() {
        // Peer 1 gets tasks 0 and 2 (5 + 5 s), peer 2 gets 1 and 3 (1 + 1 s): 10 s, where a queue needs 6.
        Workload w = exact(5_000, 1_000, 5_000, 1_000);

        assertThat(Baselines.staticSplit(w, 2, 1)).isEqualTo(10_000);
        assertThat(Baselines.fifoQueue(w, 2)).isEqualTo(6_000);
    }

    @Test
    void workloadsAreReproducibleFromTheirSeedAndNoisy() {
        Workload a = Workload.heavyTailed(100, 42);
        Workload b = Workload.heavyTailed(100, 42);

        assertThat(a.actualMs()).containsExactly(b.actualMs());
        assertThat(a.actualMs()).isNotEqualTo(a.historyMs());
        assertThat(a.longestMs()).isGreaterThan(10 * Workload.DEFAULT_MEDIAN_MS);
    }
}
