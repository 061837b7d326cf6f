package io.taskshard.analysis;

import static io.taskshard.analysis.Fixtures.JOB_ID;
import static io.taskshard.analysis.Fixtures.T0;
import static io.taskshard.analysis.Fixtures.attempt;
import static io.taskshard.analysis.Fixtures.finishedJob;
import static io.taskshard.analysis.Fixtures.ok;
import static io.taskshard.analysis.Fixtures.running;
import static io.taskshard.analysis.Fixtures.task;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.taskshard.model.AttemptRecord;
import io.taskshard.model.AttemptState;
import io.taskshard.model.PeerRecord;
import io.taskshard.model.PeerState;
import io.taskshard.model.Resources;
import io.taskshard.model.TaskSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JobViewTest {

    private static PeerRecord peer(String id, long jobId, int slots) {
        return new PeerRecord(id, jobId, PeerState.CONNECTED, slots, List.of(), Resources.NONE, false, false,
                List.of(), 0, T0, T0);
    }

    @Test
    void peersComeFromTheJobAndFromWhoRanItsAttempts() {
        List<AttemptRecord> attempts = List.of(ok(1, "x", "worker", 0, 1_000), ok(2, "y", "ghost", 0, 1_000),
                running(3, "z", "ghost", 500));
        List<PeerRecord> peers = List.of(peer("ci-1", JOB_ID, 4), peer("idle", JOB_ID, 2),
                peer("worker", 0, 8), peer("elsewhere", JOB_ID + 1, 16));

        JobView view = JobView.of(finishedJob(1_000), List.of(task("x"), task("y"), task("z")), List.of(), attempts,
                peers, Map.of());

        // "ghost" has no peer record: it gets the 2 slots it was seen using at once.
        assertThat(view.slotsByPeer()).containsExactly(
                Map.entry("ci-1", 4), Map.entry("ghost", 2), Map.entry("idle", 2), Map.entry("worker", 8));
        assertThat(view.totalSlots()).isEqualTo(16);
    }

    @Test
    void settledAtIsTheLatestRecordedTime() {
        JobView view = new JobView(Fixtures.job(io.taskshard.model.JobState.RUNNING, 0, 0), List.of(task("x")),
                List.of(), List.of(attempt(1, "x", 1, "a", AttemptState.RUNNING, 100, 2_500, 0, null, 0)),
                Map.of("a", 1), Map.of());

        assertThat(view.settledAt()).isEqualTo(T0 + 2_500);
    }

    @Test
    void badInputIsRejectedNamingTheCulprit() {
        assertThatThrownBy(() -> view(List.of(task("a"), task("a")), List.of(), Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'a' appears twice");
        assertThatThrownBy(() -> view(List.of(task("a", "nope")), List.of(), Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'a' needs 'nope'").hasMessageContaining("not a task of this job");
        assertThatThrownBy(() -> view(List.of(task("a", "c"), task("b", "a"), task("c", "b"), task("free")),
                List.of(), Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("3 task(s) form a cycle").hasMessageContaining("a, b, c")
                .hasMessageNotContaining("free");
        AttemptRecord otherJob = new AttemptRecord(9, JOB_ID + 1, "a", 1, "p", AttemptState.SUCCEEDED, T0, T0, T0,
                0, 0, "", null);
        assertThatThrownBy(() -> view(List.of(task("a")), List.of(otherJob), Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lease 9 belongs to job " + (JOB_ID + 1));
        assertThatThrownBy(() -> view(List.of(task("a")), List.of(ok(4, "zz", "p", 0, 1)), Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lease 4 is for task 'zz'");
        assertThatThrownBy(() -> view(List.of(task("a")), List.of(), Map.of("p", 0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("peer 'p' has 0 slots");
        assertThatThrownBy(() -> new JobView(finishedJob(0), List.of(task("a")), List.of(), List.of(), Map.of(),
                Map.of("a", -1L)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("task 'a' is negative");
    }

    private static JobView view(List<TaskSpec> specs, List<AttemptRecord> attempts, Map<String, Integer> slots) {
        return new JobView(finishedJob(0), specs, List.of(), attempts, slots, Map.of());
    }
}
