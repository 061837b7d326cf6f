package io.taskshard.tui;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskshard.client.LiveView;
import io.taskshard.client.TaskInfo;
import io.taskshard.model.AttemptRecord;
import io.taskshard.model.JobKind;
import io.taskshard.model.JobRecord;
import io.taskshard.model.JobState;
import io.taskshard.model.TaskCounts;
import io.taskshard.model.TaskState;
import io.taskshard.tui.input.KeyHandler;
import io.taskshard.tui.state.Key;
import io.taskshard.tui.state.Scene;
import io.taskshard.tui.state.View;
import io.taskshard.tui.state.ViewState;
import io.taskshard.tui.view.Canvas;
import io.taskshard.tui.view.Dashboard;
import io.taskshard.tui.view.Selection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Following new jobs: the dashboard starts following (the header says so), a job that starts is
 * selected; choosing another job by hand leaves following, so the next new job does not take
 * the selection away; {@code F} follows again. Through the pure key handler and renderer, the
 * scene growing job by job as the event stream would deliver them.
 */
class FollowingJobsTest {
    static final int WIDTH = 100;
    static final int HEIGHT = 24;

    /** The fixture's job 1 plus running jobs 2..n (newest first, as the live model lists them). */
    static Scene withJobs(int newest) {
        Scene base = SceneFixture.scene();
        List<JobRecord> jobs = new ArrayList<>();
        Map<Long, List<TaskInfo>> tasks = new HashMap<>(base.live().tasksByJob());
        Map<Long, List<AttemptRecord>> attempts = new HashMap<>(base.live().attemptsByJob());
        for (long id = newest; id >= 2; id--) {
            jobs.add(new JobRecord(id, JobKind.SHARED, "next-" + id, "h" + id, "rc", Map.of(), false,
                    JobState.RUNNING, 1, 0, new TaskCounts(0, 1, 0, 0, 0, 0), List.of(), SceneFixture.T0 + id * 1000, 0));
            TaskInfo t = SceneFixture.task(100 + id, "//next:t" + id, TaskState.READY, 0, List.of());
            tasks.put(id, List.of(new TaskInfo(new io.taskshard.model.TaskRecord(100 + id, id, t.task().taskId(),
                    TaskState.READY, 0, 0, 0, null, SceneFixture.T0), t.spec())));
            attempts.put(id, List.of());
        }
        jobs.addAll(base.live().jobs());
        LiveView live = new LiveView(true, 8 + newest, jobs, base.live().peers(), tasks, attempts, List.of());
        return new Scene(live, base.connection(), base.now(), base.zone(), base.title(), "", Map.of());
    }

    /** Keys as the shell handles them: {@link Selection#track} before each key and for the frame after. */
    static ViewState press(ViewState state, Scene scene, Key... keys) {
        for (Key k : keys) {
            state = KeyHandler.handle(Selection.track(scene, state), k, scene, WIDTH, HEIGHT).state();
        }
        return Selection.track(scene, state);
    }

    static String screen(Scene scene, ViewState state) {
        return Dashboard.render(scene, state, WIDTH, HEIGHT).text();
    }

    static String header(Scene scene, ViewState state) {
        Canvas c = Dashboard.render(scene, state, WIDTH, HEIGHT);
        return c.line(0);
    }

    @Test
    void aJobThatStartsWhileFollowingIsSelectedEvenAfterOpeningItsGantt() {
        Scene one = withJobs(1);
        // Enter opens the followed job's Gantt: that is not choosing another job
        ViewState gantt = press(ViewState.INITIAL, one, Key.of(Key.Type.ENTER));
        assertThat(screen(one, gantt)).contains("job 1 demo running");
        assertThat(header(one, gantt)).contains("following new jobs");

        Scene two = withJobs(2);
        assertThat(screen(two, gantt)).contains("job 2 next-2 running");
        assertThat(header(two, gantt)).contains("following new jobs");
    }

    @Test
    void choosingAnotherJobLeavesFollowingAndFBringsItBack() {
        Scene two = withJobs(2);
        // the overview lists job 2 then job 1: Down chooses job 1 by hand
        ViewState chosen = press(ViewState.INITIAL, two, Key.of(Key.Type.DOWN));
        assertThat(header(two, chosen)).doesNotContain("following");

        Scene three = withJobs(3);
        ViewState gantt = press(chosen, three, Key.of('2'));
        assertThat(screen(three, gantt)).contains("job 1 demo running").doesNotContain("job 3 next-3");

        ViewState followed = press(gantt, three, Key.of('F'));
        assertThat(screen(three, followed)).contains("job 3 next-3 running");
        assertThat(header(three, followed)).contains("following new jobs");
        assertThat(screen(withJobs(4), followed)).contains("job 4 next-4 running");
    }

    @Test
    void stayingOnTheSameJobKeepsFollowing() {
        Scene two = withJobs(2);
        // Up at the top of the list stays on job 2: nothing was chosen
        ViewState same = press(ViewState.INITIAL, two, Key.of(Key.Type.UP), Key.of('['));
        assertThat(header(two, same)).contains("following new jobs");
        assertThat(screen(withJobs(3), same.withView(View.GANTT))).contains("job 3 next-3 running");
    }

    @Test
    void theShellMovesTheSelectionOntoANewJobSoItsGanttStartsAfresh() {
        ViewState onOne = Selection.track(withJobs(1), ViewState.INITIAL.withView(View.GANTT)).withLane("p3#1")
                .withZoom(4);
        assertThat(onOne.jobId()).isEqualTo(1);
        assertThat(Selection.track(withJobs(1), onOne)).isSameAs(onOne);

        ViewState onTwo = Selection.track(withJobs(2), onOne);
        assertThat(onTwo.jobId()).isEqualTo(2);
        assertThat(onTwo.laneKey()).isNull();
        assertThat(onTwo.zoom()).isEqualTo(ViewState.ZOOM_FIT);

        ViewState chosen = onOne.withFollowJobs(false);
        assertThat(Selection.track(withJobs(2), chosen)).isSameAs(chosen);
    }

    @Test
    void theFollowedJobStaysSelectedAfterItEndsAndAShortJobSeenOnlyEndedIsSelectedToo() {
        // at start a newer job that already ended does not hide the one running (seen in tmux)
        Scene oneRuns = ended(ended(withJobs(3), 2), 3);
        ViewState atStart = Selection.track(oneRuns, ViewState.INITIAL);
        assertThat(atStart.jobId()).isEqualTo(1);
        assertThat(Selection.track(oneRuns, atStart)).isSameAs(atStart);

        ViewState onTwo = Selection.track(withJobs(2), ViewState.INITIAL.withView(View.GANTT));
        assertThat(onTwo.jobId()).isEqualTo(2);
        // job 2 ends while job 1 still runs: following does not jump back to job 1
        Scene twoEnded = ended(withJobs(2), 2);
        assertThat(Selection.track(twoEnded, onTwo)).isSameAs(onTwo);
        assertThat(screen(twoEnded, onTwo)).contains("job 2 next-2 succeeded");
        // job 3 started and ended between two frames: it is still the new job to show
        Scene threeEnded = ended(ended(withJobs(3), 2), 3);
        assertThat(Selection.track(threeEnded, onTwo).jobId()).isEqualTo(3);
        // F (from the job chosen by hand) takes the newest running one: job 1
        assertThat(press(onTwo.withFollowJobs(false), threeEnded, Key.of('F')).jobId()).isEqualTo(1);
    }

    static Scene ended(Scene scene, long jobId) {
        LiveView l = scene.live();
        List<JobRecord> jobs = l.jobs().stream().map(j -> j.id() != jobId ? j : new JobRecord(j.id(), j.kind(),
                j.name(), j.schemaHash(), j.cacheId(), j.repoState(), j.complexPatchset(), JobState.SUCCEEDED,
                j.taskCount(), j.taskCount(), new TaskCounts(0, 0, 0, j.taskCount(), 0, 0), List.of(), j.createdAt(),
                scene.now())).toList();
        LiveView live = new LiveView(true, l.version() + 1, jobs, l.peers(), l.tasksByJob(), l.attemptsByJob(),
                List.of());
        return new Scene(live, scene.connection(), scene.now(), scene.zone(), scene.title(), "", Map.of());
    }

    @Test
    void theKeyHintsAndTheHelpNameTheKey() {
        Scene one = withJobs(1);
        assertThat(Dashboard.render(one, ViewState.INITIAL, WIDTH, HEIGHT).line(HEIGHT - 1)).contains("F follow jobs");
        assertThat(screen(one, press(ViewState.INITIAL, one, Key.of('?')))).contains("F follow new jobs");
    }
}
