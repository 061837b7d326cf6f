package io.taskshard.analysis;

import static io.taskshard.analysis.Fixtures.T0;
import static io.taskshard.analysis.Fixtures.attempt;
import static io.taskshard.analysis.Fixtures.job;
import static io.taskshard.analysis.Fixtures.ok;
import static io.taskshard.analysis.Fixtures.running;
import static io.taskshard.analysis.Fixtures.task;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.taskshard.analysis.Gantt.Kind;
import io.taskshard.model.AttemptState;
import io.taskshard.model.JobState;
import io.taskshard.model.TaskRecord;
import io.taskshard.model.TaskState;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Tasks that ended cancelled while they waited: when, and how the by-task rows draw them. */
class CancelledTasksGanttTest {

    private static TaskRecord record(String id, TaskState state, long readySince) {
        return new TaskRecord(id.hashCode(), Fixtures.JOB_ID, id, state, 0, 0, 0, null,
                readySince == 0 ? 0 : T0 + readySince);
    }

    /**
     * A failing job still running: {@code bad} failed at 3 s, so {@code dep} (needs bad) and the
     * waiting {@code other} were cancelled at 3 s while {@code slow} still runs. Before the fix
     * this threw a NullPointerException (GanttRows.unassignedUntil(...) is null).
     */
    @Test
    void failingJobCancelsWaitingTasksAtTheFailureAndDrawsThemCancelled() {
        JobView view = new JobView(job(JobState.RUNNING, 0, 0),
                List.of(task("bad"), task("slow"), task("dep", "bad"), task("other")),
                List.of(record("bad", TaskState.FAILED, 0), record("slow", TaskState.RUNNING, 0),
                        record("dep", TaskState.CANCELLED, 0), record("other", TaskState.CANCELLED, 500)),
                List.of(attempt(1, "bad", 1, "p1", AttemptState.FAILED, 0, 0, 3_000, 1, 3_000),
                        running(2, "slow", "p2", 0)),
                Map.of("p1", 1, "p2", 1), Map.of());

        Gantt gantt = GanttRows.byTask(view, T0 + 10_000);

        assertThat(gantt.lanes().get(2).bars()).extracting(Gantt.Bar::kind, b -> b.start() - T0, b -> b.end() - T0)
                .containsExactly(tuple(Kind.BLOCKED, 0L, 3_000L), tuple(Kind.CANCELLED, 3_000L, 10_000L));
        assertThat(gantt.lanes().get(3).bars()).extracting(Gantt.Bar::kind, b -> b.start() - T0, b -> b.end() - T0)
                .containsExactly(tuple(Kind.WAITING, 0L, 3_000L), tuple(Kind.CANCELLED, 3_000L, 10_000L));
        assertThat(GanttRows.byPeer(view, T0 + 10_000).lanes()).hasSize(2);
    }

    /** Once the failing job ended, the cancelled bars stop at its end, not at a later now. */
    @Test
    void endedFailedJobDrawsCancelledUntilItsEnd() {
        JobView view = new JobView(job(JobState.FAILED, 0, 8_000),
                List.of(task("bad"), task("dep", "bad")),
                List.of(record("bad", TaskState.FAILED, 0), record("dep", TaskState.CANCELLED, 0)),
                List.of(attempt(1, "bad", 1, "p1", AttemptState.FAILED, 0, 0, 3_000, 1, 3_000)),
                Map.of("p1", 1), Map.of());

        Gantt gantt = GanttRows.byTask(view, T0 + 60_000);

        assertThat(gantt.lanes().get(1).bars()).extracting(Gantt.Bar::kind, b -> b.start() - T0, b -> b.end() - T0)
                .containsExactly(tuple(Kind.BLOCKED, 0L, 3_000L), tuple(Kind.CANCELLED, 3_000L, 8_000L));
    }

    /**
     * An operator cancelled a ready task of a job that then succeeded: the cancel time is not
     * recorded, so it is drawn cancelled from the last instant known (its readySince), never as
     * waiting until the job's end.
     */
    @Test
    void operatorCancelledReadyTaskIsNotDrawnWaitingUntilTheEnd() {
        JobView view = new JobView(job(JobState.SUCCEEDED, 0, 9_000),
                List.of(task("a"), task("b", "a"), task("c", "a")),
                List.of(record("a", TaskState.SUCCEEDED, 0), record("b", TaskState.SUCCEEDED, 0),
                        record("c", TaskState.CANCELLED, 2_000)),
                List.of(ok(1, "a", "p1", 0, 2_000), ok(2, "b", "p1", 2_000, 9_000)),
                Map.of("p1", 1), Map.of());

        Gantt gantt = GanttRows.byTask(view, T0 + 9_000);

        assertThat(gantt.lanes().get(2).bars()).extracting(Gantt.Bar::kind, b -> b.start() - T0, b -> b.end() - T0)
                .containsExactly(tuple(Kind.BLOCKED, 0L, 2_000L), tuple(Kind.CANCELLED, 2_000L, 9_000L));
    }

    /** Failed once, waiting for its retry when the job failed: waits until the failure, then cancelled. */
    @Test
    void taskWaitingForARetryIsCancelledAtTheJobsFailure() {
        JobView view = new JobView(job(JobState.RUNNING, 0, 0),
                List.of(task("flaky"), task("bad")),
                List.of(record("flaky", TaskState.CANCELLED, 0), record("bad", TaskState.FAILED, 0)),
                List.of(attempt(1, "flaky", 1, "p1", AttemptState.FAILED, 0, 0, 1_000, 1, 1_000),
                        attempt(2, "bad", 1, "p2", AttemptState.FAILED, 0, 0, 4_000, 1, 4_000)),
                Map.of("p1", 1, "p2", 1), Map.of());

        Gantt gantt = GanttRows.byTask(view, T0 + 6_000);

        assertThat(gantt.lanes().get(0).bars()).extracting(Gantt.Bar::kind, b -> b.start() - T0, b -> b.end() - T0)
                .containsExactly(tuple(Kind.ATTEMPT, 0L, 1_000L), tuple(Kind.WAITING, 1_000L, 4_000L),
                        tuple(Kind.CANCELLED, 4_000L, 6_000L));
    }
}
