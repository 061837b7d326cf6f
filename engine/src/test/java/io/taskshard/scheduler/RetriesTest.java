package io.taskshard.scheduler;

import static io.taskshard.scheduler.SchedulerHarness.assigns;
import static io.taskshard.scheduler.SchedulerHarness.hello;
import static io.taskshard.scheduler.SchedulerHarness.taskOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.taskshard.model.TaskSpec;
import io.taskshard.model.TaskState;
import io.taskshard.protocol.CoordinatorMessage;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The operator's retry of failed and cancelled tasks (docs/scheduling.md, "Operator retry"). */
class RetriesTest {
    private final SchedulerHarness h = new SchedulerHarness();

    private static TaskSpec task(String id, int attempts, String... needs) {
        return new TaskSpec(id, "//" + id, null, 0, attempts, 0, List.of(needs), null, List.of(), null);
    }

    private TaskState stateOf(String task) {
        return h.scheduler.stateForTests().peers.get("p1").job.byTaskId.get(task).state();
    }

    private long leaseOf(String peer, String task) {
        return h.assignsTo(peer).stream().filter(a -> taskOf(a).equals(task)).reduce((x, y) -> y).orElseThrow()
                .lease();
    }

    @Test
    void retryOfAFailedTaskInAFailingJobReRunsTheFailedWorkButNotWhatAnOperatorCancelled() {
        // a and b run first (one slot each); c needs a; d waits; e is cancelled by the operator
        List<TaskSpec> schema = List.of(task("a", 1), task("b", 1), task("c", 1, "a"), task("d", 1), task("e", 1));
        h.join(hello("p1", "s", schema));
        h.join(hello("p2", "s", schema));
        assertThat(h.assignsTo("p1")).extracting(SchedulerHarness::taskOf).containsExactly("a");
        assertThat(h.assignsTo("p2")).extracting(SchedulerHarness::taskOf).containsExactly("b");
        assertThat(h.reply(h.command(new OperatorCommand.CancelTask(h.uidOf("p1", "e")))).status()).isEqualTo(200);

        h.fail("p1", leaseOf("p1", "a")); // a failed for good: the job is failing, c and d are cancelled
        assertThat(stateOf("c")).isEqualTo(TaskState.CANCELLED);
        assertThat(stateOf("d")).isEqualTo(TaskState.CANCELLED);

        h.command(new OperatorCommand.Retry(h.uidOf("p1", "a"), false));

        assertThat(h.reply(h.last).status()).as(String.valueOf(h.reply(h.last).message())).isEqualTo(200);
        assertThat(assigns(h.last)).extracting(SchedulerHarness::taskOf).containsExactly("a");
        assertThat(stateOf("c")).isEqualTo(TaskState.BLOCKED);
        assertThat(stateOf("d")).isEqualTo(TaskState.READY);
        assertThat(stateOf("e")).isEqualTo(TaskState.CANCELLED);

        h.runAll("p1", "p2");
        CoordinatorMessage.JobComplete complete = h.jobCompleteTo("p1");
        assertThat(complete.outcome()).isEqualTo("success");
        assertThat(complete.failed()).isEmpty();
        assertThat(complete.cancelled()).containsExactly("e");
        assertThat(h.scheduler.stateForTests().jobs.values()).allSatisfy(j -> assertThat(j.counts().succeeded())
                .isEqualTo(4));
    }

    @Test
    void retryOfAFailedTaskAlsoReRunsTheOtherFailedTasksOfTheJob() {
        List<TaskSpec> schema = List.of(task("a", 1), task("b", 1), task("c", 1));
        h.join(hello("p1", "s", schema));
        h.join(hello("p2", "s", schema));
        h.join(hello("p3", "s", schema));
        h.fail("p1", leaseOf("p1", "a"));
        h.fail("p2", leaseOf("p2", "b")); // c still runs on p3: the job has not ended

        h.command(new OperatorCommand.Retry(h.uidOf("p1", "b"), false));

        assertThat(h.reply(h.last).status()).isEqualTo(200);
        assertThat(assigns(h.last)).extracting(SchedulerHarness::taskOf).containsExactlyInAnyOrder("a", "b");
        h.runAll("p1", "p2", "p3");
        assertThat(h.jobCompleteTo("p1").outcome()).isEqualTo("success");
    }

    @Test
    void aReRunTaskHasItsFullAttemptsAgain() {
        List<TaskSpec> schema = List.of(task("a", 1), task("b", 1));
        h.join(hello("p1", "s", schema));
        h.join(hello("p2", "s", schema));
        h.fail("p1", leaseOf("p1", "a"));
        h.command(new OperatorCommand.Retry(h.uidOf("p1", "a"), false));

        h.fail("p1", leaseOf("p1", "a")); // attempts: 1, and this is its first failure since the retry

        assertThat(stateOf("a")).isEqualTo(TaskState.FAILED);
        assertThat(h.scheduler.stateForTests().tasksByUid.get(h.uidOf("p1", "a")).attemptsUsed).isEqualTo(2);
    }

    @Test
    void operatorCausedAttemptsDoNotCountAgainstTheAttemptsLimit() {
        List<TaskSpec> schema = List.of(task("a", 2), task("b", 2));
        h.join(hello("p1", "s", schema));
        h.join(hello("p2", "s", schema));
        h.succeed("p2", leaseOf("p2", "b"));
        // attempt 1 of a is taken back by the operator (moved to p2): not a failure of a
        h.command(new OperatorCommand.Reassign(h.uidOf("p1", "a"), "p2", true));
        assertThat(h.reply(h.last).status()).isEqualTo(200);

        h.fail("p2", leaseOf("p2", "a")); // attempt 2, the first failure: one more try is left

        assertThat(stateOf("a")).isNotEqualTo(TaskState.FAILED);
        // the operator pinned it to p2: it runs there again although it failed there (a preference
        // for another peer would leave it waiting for ever)
        assertThat(h.onlyAssignTo(h.last, "p2").attempt()).isEqualTo(3);
    }

    @Test
    void refusalsSayWhyInTheDashboardsWords() {
        List<TaskSpec> schema = List.of(task("a", 1), task("b", 1), task("c", 1));
        h.join(hello("p1", "s", schema));
        h.join(hello("p2", "s", schema));
        h.succeed("p2", leaseOf("p2", "b"));

        h.command(new OperatorCommand.Retry(h.uidOf("p1", "b"), false));
        assertThat(h.reply(h.last).message()).isEqualTo("task 'b' succeeded; there is nothing to retry");

        h.fail("p1", leaseOf("p1", "a")); // failing; c still runs on p2
        h.command(new OperatorCommand.Retry(h.uidOf("p1", "c"), true));
        assertThat(h.reply(h.last).message())
                .isEqualTo("job " + h.jobOf("p1") + " is failing: retry a failed task (that re-runs all the failed work)");

    }
}
