package io.taskshard.client;

import static io.taskshard.client.TaskActions.TaskAction.CANCEL;
import static io.taskshard.client.TaskActions.TaskAction.PRIORITY;
import static io.taskshard.client.TaskActions.TaskAction.REASSIGN;
import static io.taskshard.client.TaskActions.TaskAction.RETRY;
import static org.assertj.core.api.Assertions.assertThat;

import io.taskshard.client.TaskActions.TaskAction;
import io.taskshard.model.JobKind;
import io.taskshard.model.JobRecord;
import io.taskshard.model.JobState;
import io.taskshard.model.TaskCounts;
import io.taskshard.model.TaskRecord;
import io.taskshard.model.TaskState;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TaskActionsTest {

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of(JobState.RUNNING, 0, TaskState.BLOCKED, EnumSet.of(REASSIGN, CANCEL, PRIORITY)),
                Arguments.of(JobState.RUNNING, 0, TaskState.READY, EnumSet.of(REASSIGN, CANCEL, PRIORITY)),
                Arguments.of(JobState.RUNNING, 0, TaskState.RUNNING, EnumSet.allOf(TaskAction.class)),
                Arguments.of(JobState.RUNNING, 1, TaskState.RUNNING, EnumSet.of(CANCEL, PRIORITY)),
                Arguments.of(JobState.RUNNING, 1, TaskState.FAILED, EnumSet.of(RETRY)),
                Arguments.of(JobState.RUNNING, 1, TaskState.CANCELLED, EnumSet.of(RETRY)),
                Arguments.of(JobState.RUNNING, 0, TaskState.CANCELLED, EnumSet.of(RETRY)),
                Arguments.of(JobState.RUNNING, 0, TaskState.SUCCEEDED, EnumSet.noneOf(TaskAction.class)),
                // a retry of a task of an ended job re-opens the job
                Arguments.of(JobState.FAILED, 1, TaskState.FAILED, EnumSet.of(RETRY)),
                Arguments.of(JobState.FAILED, 1, TaskState.CANCELLED, EnumSet.of(RETRY)),
                Arguments.of(JobState.SUCCEEDED, 0, TaskState.CANCELLED, EnumSet.of(RETRY)),
                Arguments.of(JobState.SUCCEEDED, 0, TaskState.SUCCEEDED, EnumSet.noneOf(TaskAction.class)),
                Arguments.of(JobState.CANCELLED, 0, TaskState.CANCELLED, EnumSet.of(RETRY)));
    }

    @ParameterizedTest(name = "job {0} (failed {1}), task {2} -> {3}")
    @MethodSource("cases")
    void allowedFollowsTheStates(JobState jobState, int failed, TaskState taskState, Set<TaskAction> expected) {
        JobRecord job = job(jobState, failed);
        TaskRecord task = task(taskState);
        assertThat(TaskActions.allowed(job, task)).isEqualTo(expected);
        for (TaskAction a : TaskAction.values()) {
            String why = TaskActions.whyNot(job, task, a);
            assertThat(why == null).as(a + ": " + why).isEqualTo(expected.contains(a));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void refusalsSayWhyInTheServersWords(TaskAction action, JobState jobState, int failed, TaskState state,
                                         String expected) {
        assertThat(TaskActions.whyNot(job(jobState, failed), task(state), action)).isEqualTo(expected);
    }

    static Stream<Arguments> refusals() {
        return Stream.of(
                Arguments.of(RETRY, JobState.RUNNING, 0, TaskState.SUCCEEDED,
                        "task '//a:b' succeeded; there is nothing to retry"),
                Arguments.of(RETRY, JobState.RUNNING, 0, TaskState.READY,
                        "task '//a:b' is waiting to run already (ready)"),
                Arguments.of(RETRY, JobState.FAILED, 1, TaskState.SUCCEEDED,
                        "task '//a:b' succeeded; there is nothing to retry"),
                Arguments.of(RETRY, JobState.RUNNING, 1, TaskState.RUNNING,
                        "job 3 is failing: retry a failed task (that re-runs all the failed work)"),
                Arguments.of(REASSIGN, JobState.FAILED, 1, TaskState.FAILED, "job 3 has ended (failed)"),
                Arguments.of(REASSIGN, JobState.RUNNING, 1, TaskState.READY,
                        "job 3 is failing: nothing new starts in it"),
                Arguments.of(CANCEL, JobState.RUNNING, 0, TaskState.CANCELLED,
                        "task '//a:b' already ended (cancelled)"),
                Arguments.of(PRIORITY, JobState.SUCCEEDED, 0, TaskState.SUCCEEDED,
                        "task '//a:b' already ended (succeeded)"));
    }

    private static JobRecord job(JobState state, int failed) {
        return new JobRecord(3, JobKind.SHARED, "ci", "hash", "cache", null, false, state, 2, 0,
                new TaskCounts(0, 1, 0, 0, failed, 0), null, 1, 0);
    }

    private static TaskRecord task(TaskState state) {
        return new TaskRecord(1, 3, "//a:b", state, 0, 0, 0, null, 0);
    }
}
