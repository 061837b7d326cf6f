package io.taskshard.gui.view;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskshard.analysis.Comparison;
import io.taskshard.model.JobKind;
import io.taskshard.model.JobRecord;
import io.taskshard.model.JobState;
import io.taskshard.model.PeerState;
import io.taskshard.model.TaskCounts;
import java.util.List;
import org.junit.jupiter.api.Test;

class ViewWordsTest {
    private static Comparison.Run run(long ms) {
        return new Comparison.Run(ms, ms, List.of());
    }

    @Test
    void comparison_line_uses_the_engines_summary_words() {
        String words = "speedup 2.00x vs linear, 1.00x vs parallel; sharded so far; efficiency once the job has ended";
        Comparison c = new Comparison(7, run(4_000), run(2_000), run(2_000),
                new Comparison.LowerBound(1_000, 1_000, 500, 500), 2.0, 1.0, 0, 2, 2, 4, 1, false, 0, 0, words);

        String line = ViewWords.comparison(c);

        assertThat(line).isEqualTo("job 7: 4 tasks on 2 peer(s), 2 slot(s): " + words);
        assertThat(line).doesNotContain("0% of the best possible");
    }

    @Test
    void heard_shows_only_for_a_disconnected_peer() {
        assertThat(ViewWords.heard(PeerState.CONNECTED, 1_200)).isEmpty();
        // heartbeats do not refresh the dashboard's lastSeenAt: a connected peer is never "30s ago"
        assertThat(ViewWords.heard(PeerState.CONNECTED, 30_000)).isEmpty();
        assertThat(ViewWords.heard(PeerState.DISCONNECTED, 3_000)).isEqualTo("3.0s ago");
        assertThat(ViewWords.heard(PeerState.LEFT, 60_000)).isEmpty();
        assertThat(ViewWords.heard(PeerState.LOST, 60_000)).isEmpty();
        assertThat(ViewWords.heard(PeerState.CONNECTED, -1)).isEmpty();
    }

    private static JobRecord job(JobState state, TaskCounts counts, long createdAt, long finishedAt) {
        return new JobRecord(3, JobKind.SUBMITTED, "j", "h", "", null, false, state, counts.total(),
                counts.ended(), counts, null, createdAt, finishedAt);
    }

    @Test
    void a_job_that_succeeded_with_cancelled_tasks_says_so() {
        assertThat(ViewWords.state(job(JobState.SUCCEEDED, new TaskCounts(0, 0, 0, 3, 0, 2), 1, 2)))
                .isEqualTo("succeeded, 2 cancelled (never ran)");
        assertThat(ViewWords.state(job(JobState.SUCCEEDED, new TaskCounts(0, 0, 0, 5, 0, 0), 1, 2)))
                .isEqualTo("succeeded");
        assertThat(ViewWords.state(job(JobState.FAILED, new TaskCounts(0, 0, 0, 3, 1, 1), 1, 2)))
                .isEqualTo("failed");
    }

    @Test
    void job_counts_come_from_the_servers_per_state_counts() {
        JobRecord j = job(JobState.RUNNING, new TaskCounts(4, 3, 0, 30, 2, 1), 1_000, 0);

        assertThat(ViewWords.counts(j)).isEqualTo("30/40 ok, 2 failed, 1 cancelled");
        assertThat(ViewWords.counts(job(JobState.RUNNING, new TaskCounts(0, 1, 2, 1, 0, 0), 1, 0)))
                .isEqualTo("1/4 ok, 2 running");
        assertThat(ViewWords.counts(job(JobState.SUCCEEDED, new TaskCounts(0, 0, 0, 5, 0, 0), 1, 2)))
                .isEqualTo("5/5 ok");
    }

    @Test
    void elapsed_of_an_ended_job_is_fixed_and_of_a_running_one_grows_with_now() {
        TaskCounts c = new TaskCounts(0, 0, 0, 1, 0, 0);

        assertThat(ViewWords.elapsed(job(JobState.SUCCEEDED, c, 10_000, 75_000), 999_000)).isEqualTo("1m05s");
        assertThat(ViewWords.elapsed(job(JobState.RUNNING, c, 10_000, 0), 22_500)).isEqualTo("12.5s");
        assertThat(ViewWords.elapsed(job(JobState.RUNNING, c, 0, 0), 22_500)).isEmpty();
    }
}
