package io.taskshard.store;

import static io.taskshard.store.StoreFixtures.attempt;
import static io.taskshard.store.StoreFixtures.job;
import static io.taskshard.store.StoreFixtures.task;
import static org.assertj.core.api.Assertions.assertThat;

import io.taskshard.model.AttemptState;
import io.taskshard.model.Change;
import io.taskshard.model.JobState;
import io.taskshard.model.TaskState;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChangeWriterSupersededTest {

    @Test
    void onlyTheLastChangeOfARowInABatchIsWritten() {
        Change jobRunning = new Change.JobChanged(job(1, JobState.RUNNING));
        Change taskRunning = new Change.TaskChanged(task(10, 1, "a", TaskState.RUNNING));
        Change attemptRunning = new Change.AttemptChanged(attempt(5, 1, "a", "p1", AttemptState.RUNNING));
        Change attemptDone = new Change.AttemptChanged(attempt(5, 1, "a", "p1", AttemptState.SUCCEEDED));
        Change taskDone = new Change.TaskChanged(task(10, 1, "a", TaskState.SUCCEEDED));
        Change otherTask = new Change.TaskChanged(task(11, 1, "b", TaskState.RUNNING));
        Change jobDone = new Change.JobChanged(job(1, JobState.SUCCEEDED));
        Change history = new Change.DurationObserved("demo::a", 100);

        List<Change> batch = List.of(jobRunning, taskRunning, attemptRunning, attemptDone, taskDone, otherTask,
                history, history, jobDone);

        assertThat(ChangeWriter.superseded(batch)).containsExactlyInAnyOrder(jobRunning, taskRunning, attemptRunning);
    }

    @Test
    void equalChangesAtTwoPlacesAreTwoChangesTheSameInstanceTwiceStaysWritten() {
        Change first = new Change.TaskChanged(task(10, 1, "a", TaskState.READY));
        Change equalLater = new Change.TaskChanged(task(10, 1, "a", TaskState.READY));

        assertThat(ChangeWriter.superseded(List.of(first, equalLater))).hasSize(1).allMatch(c -> c == first);
        assertThat(ChangeWriter.superseded(List.of(first, first))).isEmpty();
    }
}
