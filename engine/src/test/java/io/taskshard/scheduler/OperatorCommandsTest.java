package io.taskshard.scheduler;

import static io.taskshard.scheduler.SchedulerHarness.assigns;
import static io.taskshard.scheduler.SchedulerHarness.hello;
import static io.taskshard.scheduler.SchedulerHarness.messagesTo;
import static io.taskshard.scheduler.SchedulerHarness.taskOf;
import static io.taskshard.scheduler.SchedulerHarness.tasks;
import static org.assertj.core.api.Assertions.assertThat;

import io.taskshard.model.Change;
import io.taskshard.model.JobRecord;
import io.taskshard.model.Resources;
import io.taskshard.model.Schema;
import io.taskshard.model.TaskRecord;
import io.taskshard.model.TaskSpec;
import io.taskshard.model.TaskState;
import io.taskshard.protocol.CoordinatorMessage;
import io.taskshard.protocol.PeerMessage;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Operator actions: reassign, retry, cancel, drain, priority, submit — and their refusals. */
class OperatorCommandsTest {
    private final SchedulerHarness h = new SchedulerHarness();

    @Test
    void reassignRunningTaskCancelsItOnTheFirstPeerAndRunsItOnTheNamedOne() {
        h.join(hello("p1", "s", tasks("a", "b")));
        h.join(hello("p2", "s", tasks("a", "b")));
        CoordinatorMessage.Assign onP1 = h.assignsTo("p1").get(0);
        h.succeed("p2", h.assignsTo("p2").get(0).lease());

        List<Decision> ds = h.command(new OperatorCommand.Reassign(h.uidOf("p1", taskOf(onP1)), "p2", true));

        assertThat(h.reply(ds).status()).isEqualTo(200);
        assertThat(messagesTo(ds, "p1", CoordinatorMessage.Cancel.class)).singleElement()
                .satisfies(c -> assertThat(c.lease()).isEqualTo(onP1.lease()));
        assertThat(taskOf(h.onlyAssignTo(ds, "p2"))).isEqualTo(taskOf(onP1));
        assertThat(assigns(ds)).hasSize(1); // p1's freed slot does not take the task back
    }

    @Test
    void reassignWaitingTaskRunsItOnlyOnTheNamedPeer() {
        h.join(hello("p1", "s", tasks("a", "b", "c")));
        h.join(hello("p2", "s", tasks("a", "b", "c")));
        String waiting = List.of("a", "b", "c").stream()
                .filter(t -> assigns(h.all).stream().noneMatch(a -> taskOf(a).equals(t))).findFirst().orElseThrow();
        h.command(new OperatorCommand.Reassign(h.uidOf("p1", waiting), "p2", false));

        List<Decision> p1Free = h.succeed("p1", h.assignsTo("p1").get(0).lease());
        assertThat(assigns(p1Free)).as("p1 must not take a task reassigned to p2").isEmpty();
        List<Decision> p2Free = h.succeed("p2", h.assignsTo("p2").get(0).lease());
        assertThat(taskOf(h.onlyAssignTo(p2Free, "p2"))).isEqualTo(waiting);
    }

    @Test
    void refusalsSayWhy() {
        h.join(hello("p1", "s", tasks("a")));
        h.join(hello("other", "t", tasks("x")));
        long uid = h.uidOf("p1", "a");

        assertThat(h.reply(h.command(new OperatorCommand.Reassign(999, "p1", false))).status()).isEqualTo(404);
        assertThat(h.reply(h.command(new OperatorCommand.Reassign(uid, "ghost", false))).status()).isEqualTo(404);
        Decision.Reply notMember = h.reply(h.command(new OperatorCommand.Reassign(uid, "other", false)));
        assertThat(notMember.status()).isEqualTo(409);
        assertThat(notMember.message()).contains("not part of job");
        Decision.Reply same = h.reply(h.command(new OperatorCommand.Reassign(uid, "p1", false)));
        assertThat(same.message()).contains("already running there");
        h.runAll("p1");
        Decision.Reply ended = h.reply(h.command(new OperatorCommand.CancelTask(uid)));
        assertThat(ended.status()).isEqualTo(409);
        assertThat(SchedulerHarness.changes(h.last)).anySatisfy(c -> assertThat(c).isInstanceOf(Change.Audited.class));
    }

    @Test
    void cancelTaskEndsItAndItsDependents() {
        List<TaskSpec> schema = List.of(TaskSpec.ofTarget("a", "//a"),
                TaskSpec.ofTarget("b", "//b").withNeeds(List.of("a")), TaskSpec.ofTarget("c", "//c"));
        h.join(hello("p1", "s", schema));
        long runningA = h.assignsTo("p1").get(0).lease();
        assertThat(taskOf(h.assignsTo("p1").get(0))).isEqualTo("a");

        List<Decision> ds = h.command(new OperatorCommand.CancelTask(h.uidOf("p1", "a")));

        assertThat(messagesTo(ds, "p1", CoordinatorMessage.Cancel.class)).extracting(CoordinatorMessage.Cancel::lease)
                .containsExactly(runningA);
        assertThat(taskOf(h.onlyAssignTo(ds, "p1"))).isEqualTo("c");
        h.runAll("p1");
        CoordinatorMessage.JobComplete complete = h.jobCompleteTo("p1");
        assertThat(complete.outcome()).isEqualTo("success");
        // the job succeeded, but the peers (and CI) are told which tasks never completed
        assertThat(complete.cancelled()).containsExactly("a", "b");
        assertThat(complete.cancelledCount()).isEqualTo(2);
        assertThat(complete.failed()).isEmpty();
    }

    @Test
    void jobCompleteListsOnlyTheFirstCancelledTasksButCountsAll() {
        int n = CoordinatorMessage.JobComplete.DEFAULT_CANCELLED_LISTED + 50;
        String[] ids = java.util.stream.IntStream.range(0, n).mapToObj(i -> "t" + i).toArray(String[]::new);
        h.join(hello("p1", "s", tasks(ids)));

        h.command(new OperatorCommand.CancelJob(h.jobOf("p1")));

        CoordinatorMessage.JobComplete complete = h.jobCompleteTo("p1");
        assertThat(complete.outcome()).isEqualTo("cancelled");
        assertThat(complete.cancelled()).hasSize(CoordinatorMessage.JobComplete.DEFAULT_CANCELLED_LISTED)
                .startsWith("t0", "t1");
        assertThat(complete.cancelledCount()).isEqualTo(n);
    }

    @Test
    void cancelJobTellsEveryPeer() {
        h.join(hello("p1", "s", tasks("a", "b", "c")));
        h.join(hello("p2", "s", tasks("a", "b", "c")));

        List<Decision> ds = h.command(new OperatorCommand.CancelJob(h.jobOf("p1")));

        assertThat(h.reply(ds).status()).isEqualTo(200);
        assertThat(messagesTo(ds, "p1", CoordinatorMessage.Cancel.class)).hasSize(1);
        assertThat(h.jobCompleteTo("p1").outcome()).isEqualTo("cancelled");
        assertThat(h.jobCompleteTo("p2").outcome()).isEqualTo("cancelled");
    }

    @Test
    void drainedPeerFinishesButTakesNothingNewUntilUndrained() {
        h.join(hello("p1", "s", tasks("a", "b")));
        h.command(new OperatorCommand.Drain("p1", true));

        assertThat(assigns(h.succeed("p1", h.assignsTo("p1").get(0).lease()))).isEmpty();
        List<Decision> undrain = h.command(new OperatorCommand.Drain("p1", false));
        assertThat(h.onlyAssignTo(undrain, "p1")).isNotNull();
    }

    @Test
    void priorityChangeReordersTheQueue() {
        h.join(hello("p1", "s", tasks("a", "b", "c")));
        h.command(new OperatorCommand.SetPriority(h.uidOf("p1", "c"), 10));

        List<Decision> ds = h.succeed("p1", h.assignsTo("p1").get(0).lease());

        assertThat(taskOf(h.onlyAssignTo(ds, "p1"))).isEqualTo("c");
        TaskRecord reply = (TaskRecord) h.reply(h.command(new OperatorCommand.SetPriority(h.uidOf("p1", "b"), 3)))
                .body();
        assertThat(reply.priority()).isEqualTo(3);
    }

    @Test
    void retryRestartsARunningTaskWithAFreshAttempt() {
        h.join(hello("p1", "s", tasks("a")));
        long first = h.assignsTo("p1").get(0).lease();

        List<Decision> ds = h.command(new OperatorCommand.Retry(h.uidOf("p1", "a"), true));

        assertThat(messagesTo(ds, "p1", CoordinatorMessage.Cancel.class)).extracting(CoordinatorMessage.Cancel::lease)
                .containsExactly(first);
        CoordinatorMessage.Assign again = h.onlyAssignTo(ds, "p1");
        assertThat(again.lease()).isGreaterThan(first);
        assertThat(again.attempt()).isEqualTo(2);
    }

    @Test
    void submittedJobRunsOnlyOnEligibleWorkers() {
        PeerMessage.Hello small = new PeerMessage.Hello(1, "small", null, null, Map.of(), false, 2, List.of("linux"),
                new Resources(2, 4096), null, List.of(), true);
        PeerMessage.Hello big = new PeerMessage.Hello(1, "big", null, null, Map.of(), false, 2, List.of("linux", "gpu"),
                new Resources(16, 65536), null, List.of(), true);
        h.join(small);
        h.join(big);
        TaskSpec gpu = new TaskSpec("train", null, "train.sh", 0, 1, 0, List.of(), new Resources(8, 0),
                List.of("gpu"), null);
        TaskSpec any = new TaskSpec("lint", null, "lint.sh", 0, 1, 0, List.of(), null, List.of(), null);

        List<Decision> ds = h.command(new OperatorCommand.Submit(new Schema("nightly", List.of(gpu, any)), null, null,
                null, null, null));

        assertThat(h.reply(ds).status()).isEqualTo(201);
        assertThat(((JobRecord) h.reply(ds).body()).kind().wire()).isEqualTo("submitted");
        assertThat(messagesTo(ds, "big", CoordinatorMessage.Assign.class)).extracting(SchedulerHarness::taskOf)
                .contains("train");
        assertThat(messagesTo(ds, "small", CoordinatorMessage.Assign.class)).extracting(SchedulerHarness::taskOf)
                .doesNotContain("train");
    }

    @Test
    void submitOverridesApplyToEveryTask() {
        h.join(new PeerMessage.Hello(1, "w", null, null, Map.of(), false, 1, List.of(), null, null, List.of(), true));
        List<Decision> ds = h.command(new OperatorCommand.Submit(new Schema("s", tasks("a")), 7, null, null, 5,
                60_000L));
        CoordinatorMessage.Assign a = h.onlyAssignTo(ds, "w");
        assertThat(a.timeoutMs()).isEqualTo(60_000);
        assertThat(a.task()).containsEntry("priority", 7).containsEntry("attempts", 5);
        assertThat(h.scheduler.stateForTests().tasksByUid.values()).allSatisfy(
                t -> assertThat(t.state()).isEqualTo(TaskState.RUNNING));
    }
}
