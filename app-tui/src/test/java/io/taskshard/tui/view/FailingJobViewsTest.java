package io.taskshard.tui.view;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskshard.client.ConnectionState;
import io.taskshard.client.LiveView;
import io.taskshard.client.TaskInfo;
import io.taskshard.model.AttemptRecord;
import io.taskshard.model.AttemptState;
import io.taskshard.model.JobKind;
import io.taskshard.model.JobRecord;
import io.taskshard.model.JobState;
import io.taskshard.model.PeerRecord;
import io.taskshard.model.PeerState;
import io.taskshard.model.Resources;
import io.taskshard.model.TaskCounts;
import io.taskshard.model.TaskRecord;
import io.taskshard.model.TaskSpec;
import io.taskshard.model.TaskState;
import io.taskshard.tui.state.Grouping;
import io.taskshard.tui.state.Scene;
import io.taskshard.tui.state.View;
import io.taskshard.tui.state.ViewState;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A failing job as the event stream delivers it: {@code //app:bad} failed at 3 s, so the waiting
 * {@code //app:dep} (needs bad) and {@code //app:other} were cancelled while {@code //app:slow}
 * still runs. Before the fix every view of it ended the dashboard with a NullPointerException.
 */
class FailingJobViewsTest {
    static final long T0 = 1_700_000_000_000L;
    static final long NOW = T0 + 10_000;

    static Scene failing(JobState state, long finishedAt, List<PeerRecord> peers) {
        JobRecord job = new JobRecord(1, JobKind.SHARED, "ci", "h", "rc", Map.of(), false, state, 4, 3,
                new TaskCounts(0, 0, state.isEnd() ? 0 : 1, state.isEnd() ? 1 : 0, 1, 2), List.of("//app:bad"), T0,
                finishedAt);
        List<TaskInfo> tasks = List.of(
                task(1, "//app:bad", TaskState.FAILED, List.of()),
                task(2, "//app:slow", state.isEnd() ? TaskState.SUCCEEDED : TaskState.RUNNING, List.of()),
                task(3, "//app:dep", TaskState.CANCELLED, List.of("//app:bad")),
                task(4, "//app:other", TaskState.CANCELLED, List.of()));
        List<AttemptRecord> attempts = List.of(
                new AttemptRecord(1, 1, "//app:bad", 1, "p1", AttemptState.FAILED, T0, T0, T0 + 3_000, 1, 3_000,
                        "boom", null),
                new AttemptRecord(2, 1, "//app:slow", 1, "p2",
                        state.isEnd() ? AttemptState.SUCCEEDED : AttemptState.RUNNING, T0, T0,
                        state.isEnd() ? finishedAt : 0, state.isEnd() ? 0 : null, 0, null, null));
        LiveView live = new LiveView(true, 3, List.of(job), peers, Map.of(1L, tasks), Map.of(1L, attempts), List.of());
        return new Scene(live, new ConnectionState.Live(), NOW, ZoneOffset.UTC, "test", "", Map.of(),
                "/tmp/data/tui.log");
    }

    static List<PeerRecord> twoPeers() {
        return List.of(peer("p1", PeerState.CONNECTED, NOW), peer("p2", PeerState.CONNECTED, NOW));
    }

    static TaskInfo task(long uid, String id, TaskState state, List<String> needs) {
        TaskSpec spec = new TaskSpec(id, id, null, 0, 1, 0, needs, Resources.NONE, List.of(), Map.of());
        return new TaskInfo(new TaskRecord(uid, 1, id, state, 0, 0, 0, null, 0), spec);
    }

    static PeerRecord peer(String id, PeerState state, long lastSeen) {
        return new PeerRecord(id, 1, state, 1, List.of(), Resources.NONE, false, false, List.of(), 0, T0, lastSeen);
    }

    private static String lineWith(Canvas c, String text) {
        return c.lines().stream().filter(l -> l.contains(text)).findFirst()
                .orElseThrow(() -> new AssertionError("no line with '" + text + "' in:\n" + c.text()));
    }

    @Test
    void ganttByTaskOfAFailingJobDrawsTheCancelledTasksAsCancelled() {
        Scene scene = failing(JobState.RUNNING, 0, twoPeers());
        Canvas c = Dashboard.render(scene, ViewState.INITIAL.withView(View.GANTT).withGrouping(Grouping.BY_TASK)
                .withZoom(5), 100, 24);

        assertThat(c.text()).doesNotContain("Could not build");
        // 500 ms a column: blocked/waiting for 3 s (6 columns), then cancelled to now.
        assertThat(lineWith(c, "//app:dep")).containsPattern("\\|:{6}-{10,}");
        assertThat(lineWith(c, "//app:other")).containsPattern("\\|\\.{6}-{10,}");
    }

    @Test
    void ganttByPeerAndComparisonOfAFailingJobRender() {
        Scene scene = failing(JobState.RUNNING, 0, twoPeers());

        Canvas byPeer = Dashboard.render(scene, ViewState.INITIAL.withView(View.GANTT), 100, 24);
        Canvas comparison = Dashboard.render(scene, ViewState.INITIAL.withView(View.COMPARISON), 100, 24);

        assertThat(byPeer.text()).contains("p1#1").doesNotContain("Could not build");
        assertThat(comparison.text()).contains("efficiency once the job has ended").doesNotContain("Could not build");
    }

    @Test
    void comparisonOfTheEndedFailedJobHasNoEstimatesAndNoMoreThan100Percent() {
        Scene scene = failing(JobState.FAILED, T0 + 12_000, twoPeers());

        Canvas c = Dashboard.render(scene, ViewState.INITIAL.withView(View.COMPARISON), 100, 30);

        assertThat(c.text()).doesNotContain("not finished yet").doesNotContain("estimate")
                .contains("2 task(s) never ran (cancelled): not counted")
                .contains("job failed: the figures cover only the work that ran");
        assertThat(c.text()).containsPattern("\\b(\\d|\\d\\d|100)% of the best possible");
    }

    /** Before: overview counts were derived as done minus failed, cancelled drawn as succeeded. */
    @Test
    void overviewCountsComeFromTheServerPerState() {
        Scene scene = failing(JobState.FAILED, T0 + 12_000, twoPeers());

        Canvas c = Dashboard.render(scene, ViewState.INITIAL, 100, 24);

        assertThat(lineWith(c, "#1")).contains("shared").contains("failed").contains("4/4 done")
                .contains("1 failed").contains("2 cancelled").containsPattern("\\[=+X+-+\\]");
    }

    @Test
    void succeededJobWithCancelledTasksSaysSo() {
        JobRecord job = new JobRecord(2, JobKind.SUBMITTED, "nightly", "h", "rc", Map.of(), false, JobState.SUCCEEDED,
                3, 3, new TaskCounts(0, 0, 0, 2, 0, 1), List.of(), T0, T0 + 5_000);
        LiveView live = new LiveView(true, 1, List.of(job), List.of(), Map.of(), Map.of(), List.of());
        Scene scene = new Scene(live, new ConnectionState.Live(), NOW, ZoneOffset.UTC, "t", "", Map.of());

        Canvas c = Dashboard.render(scene, ViewState.INITIAL, 100, 24);

        assertThat(lineWith(c, "#2")).contains("submitted").contains("succeeded, 1 cancelled")
                .contains("1 cancelled");
    }

    /** Any failure while building a view: the view says what failed and where the details are; no exception. */
    @Test
    void aViewThatCannotBeBuiltShowsAnErrorNamingTheLogFile() {
        List<PeerRecord> broken = List.of(new PeerRecord("p9", 1, null, 1, List.of(), Resources.NONE, false, false,
                List.of(), 0, T0, NOW));
        Scene scene = failing(JobState.RUNNING, 0, broken);

        Canvas c = Dashboard.render(scene, ViewState.INITIAL, 100, 24);

        assertThat(c.text()).contains("Could not build the Overview view").contains("NullPointerException")
                .contains("Details in /tmp/data/tui.log").contains("other views and keys still work");
        assertThat(c.line(0)).contains("taskshard");
    }

    @Test
    void departedPeersArePrunedAfterAWhile() {
        List<PeerRecord> peers = List.of(peer("p1", PeerState.CONNECTED, NOW),
                peer("gone-long", PeerState.LEFT, NOW - 61_000), peer("gone-now", PeerState.LOST, NOW - 5_000));
        Scene scene = failing(JobState.RUNNING, 0, peers);

        Canvas c = Dashboard.render(scene, ViewState.INITIAL, 100, 24);

        assertThat(c.text()).contains("gone-now").doesNotContain("gone-long").contains("hidden after 60 s");
    }

    @Test
    void focusedPaneIsMarked() {
        Scene scene = failing(JobState.RUNNING, 0, twoPeers());

        Canvas jobs = Dashboard.render(scene, ViewState.INITIAL, 100, 24);

        assertThat(jobs.text()).contains("[JOBS]").doesNotContain("[PEERS]");
    }
}
