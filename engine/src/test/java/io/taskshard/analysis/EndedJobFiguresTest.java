package io.taskshard.analysis;

import static io.taskshard.analysis.Fixtures.T0;
import static io.taskshard.analysis.Fixtures.attempt;
import static io.taskshard.analysis.Fixtures.job;
import static io.taskshard.analysis.Fixtures.ok;
import static io.taskshard.analysis.Fixtures.running;
import static io.taskshard.analysis.Fixtures.task;
import static org.assertj.core.api.Assertions.assertThat;

import io.taskshard.model.AttemptState;
import io.taskshard.model.JobState;
import io.taskshard.model.TaskRecord;
import io.taskshard.model.TaskState;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The comparison's figures once a job has ended with failed and never-run tasks (docs/analysis.md, "Figures"). */
class EndedJobFiguresTest {

    private static TaskRecord record(String id, TaskState state) {
        return new TaskRecord(id.hashCode(), Fixtures.JOB_ID, id, state, 0, 0, 0, null, 0);
    }

    /**
     * ok (1 s) succeeded, bad failed after 0.5 s, four tasks were cancelled without running. Before,
     * the five unsucceeded tasks counted with estimated durations (the mean, 1 s): the bound was 6 s
     * against a 1 s makespan, "600% of the best possible", and "5 task(s) not finished yet".
     */
    @Test
    void failedJobCountsOnlyTheWorkThatRanAndNoEstimates() {
        JobView view = new JobView(job(JobState.FAILED, 0, 1_000),
                List.of(task("ok"), task("bad"), task("c1", "bad"), task("c2", "bad"), task("c3"), task("c4")),
                List.of(record("ok", TaskState.SUCCEEDED), record("bad", TaskState.FAILED),
                        record("c1", TaskState.CANCELLED), record("c2", TaskState.CANCELLED),
                        record("c3", TaskState.CANCELLED), record("c4", TaskState.CANCELLED)),
                List.of(ok(1, "ok", "p1", 0, 1_000),
                        attempt(2, "bad", 1, "p2", AttemptState.FAILED, 0, 0, 500, 1, 500)),
                Map.of("p1", 1, "p2", 1), Map.of());

        Comparison c = Comparisons.of(view);

        assertThat(c.estimatedTasks()).isZero();
        assertThat(c.ended()).isTrue();
        assertThat(c.unsuccessfulTasks()).isEqualTo(1);
        assertThat(c.neverRanTasks()).isEqualTo(4);
        assertThat(c.linear().makespanMs()).isEqualTo(1_500);
        assertThat(c.lowerBound().ms()).isEqualTo(1_000);
        assertThat(c.efficiency()).isEqualTo(1.0);
        assertThat(c.summary()).contains("100% of the best possible", "4 task(s) never ran (cancelled): not counted",
                "1 task(s) ended without success", "job failed: the figures cover only the work that ran")
                .doesNotContain("estimate");
    }

    /** Peers reporting longer run times than the coordinator saw: efficiency is capped at 100% and says why. */
    @Test
    void efficiencyNeverExceedsOne() {
        JobView view = new JobView(job(JobState.SUCCEEDED, 0, 1_000), List.of(task("a")),
                List.of(record("a", TaskState.SUCCEEDED)),
                List.of(attempt(1, "a", 1, "p1", AttemptState.SUCCEEDED, 0, 0, 1_000, 0, 1_300)),
                Map.of("p1", 1), Map.of());

        Comparison c = Comparisons.of(view);

        assertThat(c.efficiency()).isEqualTo(1.0);
        assertThat(c.summary()).contains("100% of the best possible (lower bound 1.3s exceeds the makespan 1.0s");
    }

    /** While the job runs there is no efficiency yet; the estimates are named as such. */
    @Test
    void runningJobHasNoEfficiencyYet() {
        JobView view = new JobView(job(JobState.RUNNING, 0, 0), List.of(task("a"), task("b")),
                List.of(record("a", TaskState.SUCCEEDED), record("b", TaskState.RUNNING)),
                List.of(ok(1, "a", "p1", 0, 1_000), running(2, "b", "p1", 1_000)), Map.of("p1", 1), Map.of());

        Comparison c = Comparisons.of(view, T0 + 1_500);

        assertThat(c.efficiency()).isZero();
        assertThat(c.efficiencyKnown()).isFalse();
        assertThat(c.estimatedTasks()).isEqualTo(1);
        assertThat(c.summary()).contains("efficiency once the job has ended",
                "1 unfinished task(s) counted with estimated durations");
    }
}
