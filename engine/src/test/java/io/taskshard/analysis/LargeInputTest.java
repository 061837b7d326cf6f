package io.taskshard.analysis;

import static io.taskshard.analysis.Fixtures.JOB_ID;
import static io.taskshard.analysis.Fixtures.T0;
import static io.taskshard.analysis.Fixtures.finishedJob;
import static org.assertj.core.api.Assertions.assertThat;

import io.taskshard.model.AttemptRecord;
import io.taskshard.model.AttemptState;
import io.taskshard.model.TaskSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** 100,000 attempts go through every analysis (completion only; speed is for bench/). */
class LargeInputTest {
    private static final int TASKS = 25_000;
    private static final int ATTEMPTS_PER_TASK = 4;
    private static final int PEERS = 100;
    private static final int SLOTS = 4;
    /** Tasks come in chains of this length through needs. */
    private static final int CHAIN = 50;

    @Test
    void hundredThousandAttemptsComplete() {
        List<TaskSpec> specs = new ArrayList<>(TASKS);
        for (int i = 0; i < TASKS; i++) {
            TaskSpec spec = Fixtures.task("t" + i);
            specs.add(i % CHAIN == 0 ? spec : spec.withNeeds(List.of("t" + (i - 1))));
        }
        // Round-robin over peer slots, back to back on each slot: three failures, then the success.
        long[] slotFreeAt = new long[PEERS * SLOTS];
        List<AttemptRecord> attempts = new ArrayList<>(TASKS * ATTEMPTS_PER_TASK);
        long lease = 1;
        for (int i = 0; i < TASKS; i++) {
            for (int k = 1; k <= ATTEMPTS_PER_TASK; k++) {
                int slot = (int) (lease % slotFreeAt.length);
                long start = slotFreeAt[slot];
                long length = 100 + (i * 37L + k) % 900;
                boolean success = k == ATTEMPTS_PER_TASK;
                attempts.add(new AttemptRecord(lease++, JOB_ID, "t" + i, k, "peer-" + slot / SLOTS,
                        success ? AttemptState.SUCCEEDED : AttemptState.FAILED, T0 + start, T0 + start,
                        T0 + start + length, success ? 0 : 1, length, "", null));
                slotFreeAt[slot] = start + length;
            }
        }
        Map<String, Integer> slots = new HashMap<>();
        for (int p = 0; p < PEERS; p++) {
            slots.put("peer-" + p, SLOTS);
        }
        JobView view = new JobView(finishedJob(0), specs, List.of(), attempts, slots, Map.of());

        Comparison comparison = Comparisons.of(view);
        Gantt byPeer = GanttRows.byPeer(view, view.settledAt());
        Gantt byTask = GanttRows.byTask(view, view.settledAt());
        String trace = ChromeTrace.of(view);

        assertThat(comparison.sharded().bars()).hasSize(TASKS * ATTEMPTS_PER_TASK);
        assertThat(comparison.tasks()).isEqualTo(TASKS);
        assertThat(comparison.lowerBound().criticalPathMs()).isPositive();
        assertThat(comparison.parallel().bars()).hasSize(TASKS);
        assertThat(byPeer.lanes()).hasSize(PEERS * SLOTS);
        assertThat(byPeer.lanes().stream().mapToInt(l -> l.bars().size()).sum()).isEqualTo(TASKS * ATTEMPTS_PER_TASK);
        assertThat(byTask.lanes()).hasSize(TASKS);
        assertThat(trace).startsWith("{\"traceEvents\":[");
    }
}
