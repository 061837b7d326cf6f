package io.taskshard.tui.view;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskshard.client.ConnectionState;
import io.taskshard.client.LiveView;
import io.taskshard.client.TaskInfo;
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
import io.taskshard.tui.state.Scene;
import io.taskshard.tui.state.View;
import io.taskshard.tui.state.ViewState;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A submitted job that has not run anything yet: {@code gpu-build} needs label gpu, which no
 * connected worker has; {@code pack} needs gpu-build. The views say why nothing runs.
 */
class WaitingJobViewsTest {
    static final long T0 = 1_700_000_000_000L;
    static final long NOW = T0 + 10_000;

    static Scene waiting(List<PeerRecord> peers) {
        JobRecord job = new JobRecord(1, JobKind.SUBMITTED, "gpu", "h", "rc", Map.of(), false, JobState.RUNNING, 2, 0,
                new TaskCounts(1, 1, 0, 0, 0, 0), List.of(), T0, 0);
        List<TaskInfo> tasks = List.of(
                task(1, "gpu-build", TaskState.READY, List.of(), List.of("gpu")),
                task(2, "pack", TaskState.BLOCKED, List.of("gpu-build"), List.of()));
        LiveView live = new LiveView(true, 3, List.of(job), peers, Map.of(1L, tasks), Map.of(1L, List.of()), List.of());
        return new Scene(live, new ConnectionState.Live(), NOW, ZoneOffset.UTC, "test", "", Map.of());
    }

    static TaskInfo task(long uid, String id, TaskState state, List<String> needs, List<String> labels) {
        TaskSpec spec = new TaskSpec(id, null, "make " + id, 0, 2, 0, needs, Resources.NONE, labels, Map.of());
        return new TaskInfo(new TaskRecord(uid, 1, id, state, 0, 0, 0, null, state == TaskState.READY ? T0 : 0), spec);
    }

    static PeerRecord worker(String id) {
        return new PeerRecord(id, 0, PeerState.CONNECTED, 1, List.of("linux"), Resources.NONE, false, true, List.of(),
                0, T0, NOW);
    }

    @Test
    void taskDetailShowsLabelsAndTheHoldReasonInTheWordsOfStatus() {
        Canvas c = Dashboard.render(waiting(List.of(worker("w1"))), ViewState.INITIAL.withTask(1), 100, 24);

        assertThat(c.text()).contains("labels gpu")
                .contains("on hold: no connected worker fits: w1 lacks label gpu");
    }

    @Test
    void taskDetailOfABlockedTaskNamesTheNeedsNotDone() {
        Canvas c = Dashboard.render(waiting(List.of(worker("w1"))), ViewState.INITIAL.withTask(2), 100, 24);

        assertThat(c.text()).contains("waiting for its needs: gpu-build").contains("labels -");
    }

    @Test
    void withNoWorkerTheHoldReasonSaysSo() {
        Canvas c = Dashboard.render(waiting(List.of()), ViewState.INITIAL.withTask(1), 100, 24);

        assertThat(c.text()).contains("on hold: no worker is connected");
    }

    @Test
    void ganttOfAJobThatRanNothingSaysWhy() {
        Canvas c = Dashboard.render(waiting(List.of(worker("w1"))), ViewState.INITIAL.withView(View.GANTT), 140, 24);

        assertThat(c.text()).contains("nothing has run yet: the ready task is on hold: no connected worker fits:"
                + " w1 lacks label gpu; 1 more waits for its needs");
    }

    @Test
    void ganttOfAJobWithNoWorkerSaysNoWorkerIsConnected() {
        Canvas c = Dashboard.render(waiting(List.of()), ViewState.INITIAL.withView(View.GANTT)
                .withGrouping(io.taskshard.tui.state.Grouping.BY_TASK), 100, 24);

        assertThat(c.text()).contains("nothing has run yet: no worker is connected");
        assertThat(c.text()).contains("gpu-build"); // the lanes are still drawn below the line
    }
}
