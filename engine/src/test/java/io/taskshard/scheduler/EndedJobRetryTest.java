package io.taskshard.scheduler;

import static io.taskshard.scheduler.SchedulerHarness.assigns;
import static io.taskshard.scheduler.SchedulerHarness.hello;
import static io.taskshard.scheduler.SchedulerHarness.messages;
import static io.taskshard.scheduler.SchedulerHarness.taskOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.taskshard.model.JobState;
import io.taskshard.model.JobTemplate;
import io.taskshard.model.Schema;
import io.taskshard.model.TaskSpec;
import io.taskshard.model.TaskState;
import io.taskshard.protocol.CoordinatorMessage;
import io.taskshard.protocol.PeerMessage;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A retry of a task of a job that has ended re-opens the job and re-runs just the work that did
 * not succeed (docs/scheduling.md, "Operator retry"); what an operator did survives a restart.
 */
class EndedJobRetryTest {
    private final SchedulerHarness h = new SchedulerHarness();
    private final ChangeFold disk = new ChangeFold();

    private static TaskSpec task(String id, int attempts, String... needs) {
        return new TaskSpec(id, "//" + id, "true", 0, attempts, 0, List.of(needs), null, List.of(), null);
    }

    private static PeerMessage.Hello worker(String id) {
        return new PeerMessage.Hello(1, id, null, null, Map.of(), false, 2, List.of(), null, null, List.of(), true);
    }

    private List<Decision> on(List<Decision> ds) {
        disk.apply(ds);
        return ds;
    }

    private long leaseOf(String peer, String task) {
        return h.assignsTo(peer).stream().filter(a -> taskOf(a).equals(task)).reduce((x, y) -> y).orElseThrow()
                .lease();
    }

    private TaskRun taskRun(long uid) {
        return h.scheduler.stateForTests().tasksByUid.get(uid);
    }

    @Test
    void retryOfAFailedTaskOfAnEndedSubmittedJobTakesTheJobBackFromTheStoreAndRunsOnlyWhatFailed() {
        on(h.join(worker("w")));
        on(h.command(OperatorCommand.Submit.of(new JobTemplate(new Schema("nightly",
                List.of(task("a", 1), task("b", 1, "a"), task("c", 1))), null, null, null, null, null, null))));
        long jobId = h.reply(h.last).body() instanceof io.taskshard.model.JobRecord j ? j.id() : -1;
        on(h.fail("w", leaseOf("w", "a")));            // a failed for good: b is cancelled, the job fails
        on(h.succeed("w", leaseOf("w", "c")));         // once c, which ran beside a, is done
        assertThat(disk.jobs.get(jobId).state()).isEqualTo(JobState.FAILED);
        assertThat(h.scheduler.stateForTests().jobs).as("an ended submitted job leaves memory").isEmpty();
        long a = disk.tasks.values().stream().filter(t -> t.taskId().equals("a")).findFirst().orElseThrow().uid();

        on(h.command(new OperatorCommand.Retry(a, false), disk.storedJob(jobId)));

        assertThat(h.reply(h.last).status()).as(String.valueOf(h.reply(h.last).message())).isEqualTo(200);
        assertThat(disk.jobs.get(jobId).state()).as("stored as running again").isEqualTo(JobState.RUNNING);
        assertThat(taskOf(h.onlyAssignTo(h.last, "w"))).isEqualTo("a");
        on(h.succeed("w", leaseOf("w", "a")));
        assertThat(taskOf(h.onlyAssignTo(h.last, "w"))).as("b was cancelled by a's failure").isEqualTo("b");
        on(h.succeed("w", leaseOf("w", "b")));

        assertThat(disk.jobs.get(jobId).state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(assigns(h.all)).extracting(SchedulerHarness::taskOf)
                .as("c succeeded before the retry and did not run again").containsExactly("a", "c", "a", "b");
    }

    @Test
    void aRetryRefusedForATaskOfAnEndedJobLeavesTheJobOutOfMemory() {
        on(h.join(worker("w")));
        on(h.command(OperatorCommand.Submit.of(new JobTemplate(new Schema("nightly",
                List.of(task("a", 1), task("c", 1))), null, null, null, null, null, null))));
        on(h.fail("w", leaseOf("w", "a")));
        on(h.succeed("w", leaseOf("w", "c")));
        long jobId = disk.jobs.keySet().iterator().next();
        long c = disk.tasks.values().stream().filter(t -> t.taskId().equals("c")).findFirst().orElseThrow().uid();

        on(h.command(new OperatorCommand.Retry(c, false), disk.storedJob(jobId)));

        assertThat(h.reply(h.last).status()).isEqualTo(409);
        assertThat(h.reply(h.last).message()).isEqualTo("task 'c' succeeded; there is nothing to retry");
        assertThat(h.scheduler.stateForTests().jobs).isEmpty();
        assertThat(h.scheduler.stateForTests().tasksByUid).isEmpty();
    }

    @Test
    void anEndedSharedJobReOpensForAPeerOfTheSameJobThatSaysHelloAgain() {
        List<TaskSpec> schema = List.of(task("a", 1), task("b", 1));
        on(h.join(hello("p1", "ci", schema)));
        on(h.join(hello("p2", "ci", schema)));
        long jobId = h.jobOf("p1");
        long a = h.uidOf("p1", "a");
        on(h.fail("p1", leaseOf("p1", "a")));
        on(h.succeed("p2", leaseOf("p2", "b")));
        assertThat(h.jobCompleteTo("p1").outcome()).isEqualTo("failure");

        on(h.command(new OperatorCommand.Retry(a, false)));

        assertThat(h.reply(h.last).status()).as(String.valueOf(h.reply(h.last).message())).isEqualTo(200);
        assertThat(assigns(h.last)).as("p1 and p2 were told the job is over: they get no new work").isEmpty();
        on(h.say("p1", new PeerMessage.Goodbye()));
        on(h.say("p2", new PeerMessage.Goodbye()));
        on(h.join(hello("p3", "ci", schema))); // e.g. the CI job's re-run

        assertThat(h.jobOf("p3")).isEqualTo(jobId);
        assertThat(taskOf(h.onlyAssignTo(h.last, "p3"))).isEqualTo("a");
        on(h.succeed("p3", leaseOf("p3", "a")));
        CoordinatorMessage.JobComplete complete = h.jobCompleteTo("p3");
        assertThat(complete.outcome()).isEqualTo("success");
        assertThat(disk.jobs.get(jobId).state()).isEqualTo(JobState.SUCCEEDED);
    }

    @Test
    void failuresBeforeAnOperatorRetryDoNotCountAgainAfterARestart() {
        List<TaskSpec> schema = List.of(task("a", 3), task("slow", 1));
        on(h.join(hello("p1", "ci", schema)));
        on(h.join(hello("p2", "ci", schema)));
        long a = h.uidOf("p1", "a");
        String runsA = taskOf(h.assignsTo("p1").getFirst()).equals("a") ? "p1" : "p2";
        for (int i = 0; i < 3; i++) { // three failures: a failed for good, the job is failing
            on(h.fail(runsA, leaseOf(runsA, "a")));
        }
        assertThat(taskRun(a).state()).isEqualTo(TaskState.FAILED);
        on(h.command(new OperatorCommand.Retry(a, false)));
        on(h.fail(runsA, leaseOf(runsA, "a"))); // the first failure since the retry
        assertThat(taskRun(a).failuresCounted).isEqualTo(1);

        Scheduler restarted = new Scheduler(h.scheduler.config(), disk.recovered(), h.now + 1_000);

        assertThat(restarted.stateForTests().tasksByUid.get(a).failuresCounted)
                .as("counted as stored, not the 4 failed attempts on disk").isEqualTo(1);
        assertThat(restarted.stateForTests().tasksByUid.get(a).state()).isNotEqualTo(TaskState.FAILED);
    }

    @Test
    void anOperatorCancelIsRememberedAcrossARestartSoARetryOfTheFailureLeavesItCancelled() {
        List<TaskSpec> schema = List.of(task("a", 1), task("slow", 1), task("e", 1));
        on(h.join(hello("p1", "ci", schema)));
        on(h.join(hello("p2", "ci", schema)));
        long e = h.uidOf("p1", "e");
        long a = h.uidOf("p1", "a");
        on(h.command(new OperatorCommand.CancelTask(e)));
        String runsA = taskOf(h.assignsTo("p1").getFirst()).equals("a") ? "p1" : "p2";
        on(h.fail(runsA, leaseOf(runsA, "a"))); // failing: slow still runs

        SchedulerHarness after = new SchedulerHarness();
        after.now = h.now + 1_000;
        after.scheduler = new Scheduler(h.scheduler.config(), disk.recovered(), after.now);
        after.command(new OperatorCommand.Retry(a, false));

        assertThat(after.reply(after.last).status()).as(String.valueOf(after.reply(after.last).message()))
                .isEqualTo(200);
        assertThat(after.scheduler.stateForTests().tasksByUid.get(e).state()).isEqualTo(TaskState.CANCELLED);
        assertThat(after.scheduler.stateForTests().tasksByUid.get(a).state()).isEqualTo(TaskState.READY);
        assertThat(messages(after.last, CoordinatorMessage.Assign.class)).isEmpty(); // peers not back yet
    }
}
