package io.taskshard.runners.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskshard.analysis.Comparison;
import io.taskshard.analysis.Comparisons;
import io.taskshard.analysis.JobView;
import io.taskshard.model.AttemptRecord;
import io.taskshard.model.AttemptState;
import io.taskshard.model.JobKind;
import io.taskshard.model.JobRecord;
import io.taskshard.model.JobState;
import io.taskshard.model.TaskCounts;
import io.taskshard.model.TaskRecord;
import io.taskshard.model.TaskState;
import io.taskshard.model.TaskSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The demo's table on comparisons the analysis really computes: strips on one scale, and the
 * figures in {@link Comparison#summary()}'s words, the same the TUI, the GUI and the API show.
 */
class ComparisonTableTest {
    private static final long T0 = 1_700_000_000_000L;
    private static final List<TaskSpec> SIX_TASKS = List.of(task("t1"), task("t2"), task("t3"), task("t4"),
            task("t5"), task("t6"));
    private static final Map<String, Integer> THREE_PEERS = Map.of("a", 1, "b", 1, "c", 1);

    @Test
    void anEndedJobShowsTheStripsAndTheAnalysisWords() {
        // docs/analysis.md's worked example: 1..6 s on three single-slot peers, longest first.
        List<AttemptRecord> attempts = List.of(ok(1, "t6", "a", 0, 6_000), ok(2, "t5", "b", 0, 5_000),
                ok(3, "t4", "c", 0, 4_000), ok(4, "t1", "a", 6_000, 7_000), ok(5, "t2", "b", 5_000, 7_000),
                ok(6, "t3", "c", 4_000, 7_000));
        Comparison c = Comparisons.of(new JobView(job(JobState.SUCCEEDED, 7_000), SIX_TASKS, List.of(), attempts,
                THREE_PEERS, Map.of()));

        String text = ComparisonTable.render(c, 20);

        assertThat(text).contains("6 tasks on 3 peers (3 slots in all)");
        assertThat(text).containsPattern("linear +\\|#{20}\\| +21\\.0s +1m03s +3\\.00x");
        assertThat(text).containsPattern("sharded +\\|#{7} {13}\\| +7\\.0s +21\\.0s +1\\.00x");
        assertThat(text).containsPattern("lower bound +#? *\\^");
        assertThat(text).contains("lower bound = max(work/slots 7.0s, longest task 6.0s, critical path 6.0s)");
        assertSaysTheSummary(text, c);
        assertThat(text).contains("speedup 3.00x vs linear, 3.00x vs parallel")
                .contains("100% of the best possible (lower bound 7.0s / makespan 7.0s)");
        assertThat(ComparisonTable.render(c, ComparisonTable.DEFAULT_WIDTH).lines())
                .allSatisfy(line -> assertThat(line.length()).as(line).isLessThanOrEqualTo(80));
    }

    @Test
    void aFailedJobSaysWhatTheFiguresCoverAndClaimsNoEstimates() {
        List<AttemptRecord> attempts = List.of(ok(1, "t6", "a", 0, 6_000),
                attempt(2, "t5", "b", AttemptState.FAILED, 0, 2_000, 1),
                attempt(3, "t4", "c", AttemptState.CANCELLED, 0, 2_500, null));
        List<TaskRecord> tasks = List.of(taskRecord("t1", TaskState.CANCELLED), taskRecord("t2", TaskState.CANCELLED),
                taskRecord("t3", TaskState.CANCELLED), taskRecord("t4", TaskState.CANCELLED),
                taskRecord("t5", TaskState.FAILED), taskRecord("t6", TaskState.SUCCEEDED));
        Comparison c = Comparisons.of(new JobView(job(JobState.FAILED, 6_000), SIX_TASKS, tasks, attempts,
                THREE_PEERS, Map.of()));

        String text = ComparisonTable.render(c, ComparisonTable.DEFAULT_WIDTH);

        assertSaysTheSummary(text, c);
        assertThat(text).contains("2 task(s) ended without success").contains("3 task(s) never ran (cancelled)")
                .contains("job failed: the figures cover only the work that ran");
        assertThat(text).as("an ended job has no estimates").doesNotContain("estimate")
                .doesNotContain("faster than");
        assertThat(text.lines()).allSatisfy(line -> assertThat(line.length()).as(line).isLessThanOrEqualTo(80));
    }

    @Test
    void aRunningJobHasNoEfficiencyYetAndSaysWhichDurationsAreEstimates() {
        List<AttemptRecord> attempts = List.of(ok(1, "t6", "a", 0, 6_000));
        Comparison c = Comparisons.of(new JobView(job(JobState.RUNNING, 0), SIX_TASKS, List.of(), attempts,
                THREE_PEERS, Map.of()), T0 + 6_000);

        String text = ComparisonTable.render(c, ComparisonTable.DEFAULT_WIDTH);

        assertSaysTheSummary(text, c);
        assertThat(text).contains("efficiency once the job has ended")
                .contains("5 unfinished task(s) counted with estimated durations")
                .doesNotContain("of the best possible");
    }

    @Test
    void copesWithNothingRun() {
        Comparison c = Comparisons.of(new JobView(job(JobState.RUNNING, 0), SIX_TASKS, List.of(), List.of(),
                THREE_PEERS, Map.of()), T0);

        String text = ComparisonTable.render(c, 10);

        assertThat(text).contains("|          |").contains("nothing has run yet");
    }

    /** Every part of the summary is there, word for word (wrapped lines joined back). */
    private static void assertSaysTheSummary(String text, Comparison c) {
        String joined = String.join(" ", text.lines().map(String::strip).toList());
        assertThat(c.summary()).isNotBlank();
        for (String part : c.summary().split("; ")) {
            assertThat(joined).as(text).contains(part);
        }
    }

    private static JobRecord job(JobState state, long finishedAt) {
        return new JobRecord(7, JobKind.SHARED, "demo", "hash", "cache", Map.of(), false, state, 0, 0,
                TaskCounts.NONE, List.of(), T0, finishedAt == 0 ? 0 : T0 + finishedAt);
    }

    private static TaskRecord taskRecord(String id, TaskState state) {
        return new TaskRecord(id.hashCode(), 7, id, state, 0, 1, 0, null, 0);
    }

    private static TaskSpec task(String id) {
        return TaskSpec.ofTarget(id, "//:" + id);
    }

    private static AttemptRecord ok(long lease, String task, String peer, long from, long to) {
        return new AttemptRecord(lease, 7, task, 1, peer, AttemptState.SUCCEEDED, T0 + from, T0 + from, T0 + to, 0,
                to - from, "", null);
    }

    private static AttemptRecord attempt(long lease, String task, String peer, AttemptState state, long from,
            long to, Integer exitCode) {
        return new AttemptRecord(lease, 7, task, 1, peer, state, T0 + from, T0 + from, T0 + to, exitCode, 0, "",
                null);
    }
}
