package io.taskshard.scheduler;

import static io.taskshard.scheduler.SchedulerHarness.assigns;
import static io.taskshard.scheduler.SchedulerHarness.hello;
import static io.taskshard.scheduler.SchedulerHarness.messagesTo;
import static io.taskshard.scheduler.SchedulerHarness.taskOf;
import static io.taskshard.scheduler.SchedulerHarness.tasks;
import static org.assertj.core.api.Assertions.assertThat;

import io.taskshard.model.Change;
import io.taskshard.model.TaskSpec;
import io.taskshard.protocol.CoordinatorMessage;
import io.taskshard.protocol.ErrorCode;
import io.taskshard.protocol.Outcome;
import io.taskshard.protocol.PeerMessage;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Scenarios of peers sharing one schema: joining, finishing, leaving, failing. */
class SharedJobScenariosTest {
    private final SchedulerHarness h = new SchedulerHarness();

    @Test
    void threePeersShareSixTasksAndEachTaskRunsOnce() {
        List<TaskSpec> six = tasks("a", "b", "c", "d", "e", "f");
        h.join(hello("p1", "s", six));
        h.join(hello("p2", "s", six));
        h.join(hello("p3", "s", six));
        assertThat(h.jobOf("p1")).isEqualTo(h.jobOf("p2")).isEqualTo(h.jobOf("p3"));

        int finished = h.runAll("p1", "p2", "p3");

        assertThat(finished).isEqualTo(6);
        Set<String> ran = new HashSet<>();
        for (CoordinatorMessage.Assign a : assigns(h.all)) {
            assertThat(ran.add(taskOf(a))).as("task %s assigned twice", taskOf(a)).isTrue();
        }
        assertThat(ran).containsExactlyInAnyOrder("a", "b", "c", "d", "e", "f");
        for (String p : List.of("p1", "p2", "p3")) {
            assertThat(h.jobCompleteTo(p).outcome()).isEqualTo("success");
        }
        assertThat(assigns(h.all)).allSatisfy(a -> assertThat(a.attempt()).isEqualTo(1));
    }

    @Test
    void welcomeCarriesTheJobAndHeartbeatInterval() {
        List<Decision> ds = h.join(hello("p1", "s", tasks("a", "b")));
        CoordinatorMessage.Welcome w = messagesTo(ds, "p1", CoordinatorMessage.Welcome.class).get(0);
        assertThat(w.peer()).isEqualTo("p1");
        assertThat(w.job().tasks()).isEqualTo(2);
        assertThat(w.job().done()).isZero();
        assertThat(w.heartbeatMs()).isEqualTo(60_000);
        assertThat(messagesTo(ds, "p1", CoordinatorMessage.Assign.class)).hasSize(1);
    }

    @Test
    void idlePeerReceivesTaskHandedBackByPeerSayingGoodbye() {
        h.join(hello("p1", "s", tasks("a", "b")));
        h.join(hello("p2", "s", tasks("a", "b")));
        long p1Lease = h.assignsTo("p1").get(0).lease();
        String p1Task = taskOf(h.assignsTo("p1").get(0));
        h.succeed("p2", h.assignsTo("p2").get(0).lease()); // p2 idle now, nothing left in line

        List<Decision> ds = h.say("p1", new PeerMessage.Goodbye());

        CoordinatorMessage.Assign handedOver = h.onlyAssignTo(ds, "p2");
        assertThat(taskOf(handedOver)).isEqualTo(p1Task);
        assertThat(handedOver.lease()).isGreaterThan(p1Lease);
    }

    @Test
    void idlePeerReceivesTaskOfDisconnectedPeerAfterGracePeriod() {
        h.join(hello("p1", "s", tasks("a", "b")));
        h.join(hello("p2", "s", tasks("a", "b")));
        String p1Task = taskOf(h.assignsTo("p1").get(0));
        h.succeed("p2", h.assignsTo("p2").get(0).lease());
        h.on(new Event.PeerDisconnected("p1"));

        assertThat(assigns(h.advance(9_999))).as("still within grace").isEmpty();
        List<Decision> ds = h.advance(2);

        assertThat(taskOf(h.onlyAssignTo(ds, "p2"))).isEqualTo(p1Task);
    }

    @Test
    void peerBackWithinGraceKeepsItsLeaseAndItsResultIsAccepted() {
        PeerMessage.Hello p1 = hello("p1", "s", tasks("a", "b"));
        h.join(p1);
        long lease = h.assignsTo("p1").get(0).lease();
        h.on(new Event.PeerDisconnected("p1"));
        h.advance(5_000);

        List<Decision> back = h.join(new PeerMessage.Hello(1, "p1", p1.schema(), "cache", p1.repoState(), false, 1,
                List.of(), null, null, List.of(new PeerMessage.RunningLease(lease, "a")), false));
        assertThat(assigns(back)).as("slot still busy with its lease").isEmpty();
        h.advance(10_000);
        List<Decision> ds = h.succeed("p1", lease);

        assertThat(messagesTo(ds, "p1", CoordinatorMessage.Ack.class)).extracting(CoordinatorMessage.Ack::lease)
                .containsExactly(lease);
    }

    @Test
    void resultForALostLeaseIsStaleOnceTheTaskRunsElsewhere() {
        h.join(hello("p1", "s", tasks("a")));
        long lease = h.assignsTo("p1").get(0).lease();
        h.on(new Event.PeerDisconnected("p1"));
        h.join(hello("p2", "s", tasks("a")));
        h.advance(10_001); // p1's grace ends, its task goes to p2
        assertThat(h.assignsTo("p2")).hasSize(1);
        h.join(hello("p1", "s", tasks("a")));

        List<Decision> ds = h.succeed("p1", lease);

        assertThat(messagesTo(ds, "p1", CoordinatorMessage.Error.class)).singleElement()
                .satisfies(e -> assertThat(e.code()).isEqualTo(ErrorCode.STALE_LEASE));
    }

    @Test
    void silentPeersTaskIsRequeuedAfterThreeMissedHeartbeats() {
        SchedulerHarness h = new SchedulerHarness(SchedulerConfig.defaults().withHeartbeatMs(1_000));
        h.join(hello("p1", "s", tasks("a", "b")));
        h.join(hello("p2", "s", tasks("a", "b")));
        String p1Task = taskOf(h.assignsTo("p1").get(0));
        h.advance(1_000);
        h.say("p2", new PeerMessage.Heartbeat(List.of()));
        h.advance(1_000);
        h.say("p2", new PeerMessage.Heartbeat(List.of()));
        h.succeed("p2", h.assignsTo("p2").get(0).lease());

        List<Decision> ds = h.advance(1_100); // p1 silent for 3.1 s > 3 x 1 s

        assertThat(ds).anySatisfy(d -> assertThat(d).isEqualTo(new Decision.Disconnect("p1",
                ((Decision.Disconnect) d).reason())));
        assertThat(taskOf(h.onlyAssignTo(ds, "p2"))).isEqualTo(p1Task);
    }

    @Test
    void lateJoinerGetsJobCompleteRightAfterWelcome() {
        h.join(hello("p1", "s", tasks("a")));
        h.runAll("p1");

        List<Decision> ds = h.join(hello("late", "s", tasks("a")));

        List<CoordinatorMessage> toLate = new ArrayList<>();
        for (Decision d : ds) {
            if (d instanceof Decision.Send s && s.peerId().equals("late")) {
                toLate.add(s.message());
            }
        }
        assertThat(toLate).hasSize(2);
        assertThat(toLate.get(0)).isInstanceOf(CoordinatorMessage.Welcome.class);
        assertThat(toLate.get(1)).isEqualTo(new CoordinatorMessage.JobComplete(h.jobOf("p1"), "success", List.of()));
        assertThat(h.jobOf("late")).isEqualTo(h.jobOf("p1"));
    }

    @Test
    void peerThatRanNothingStillSeesSuccessAndTaskDone() {
        h.join(hello("worker", "s", tasks("a")));
        h.join(hello("idle", "s", tasks("a")));
        h.succeed("worker", h.assignsTo("worker").get(0).lease());

        assertThat(h.assignsTo("idle")).isEmpty();
        assertThat(h.jobCompleteTo("idle").outcome()).isEqualTo("success");
        assertThat(messagesTo(h.all, "idle", CoordinatorMessage.TaskDone.class))
                .flatExtracting(CoordinatorMessage.TaskDone::tasks)
                .containsExactly(new CoordinatorMessage.DoneTask("a", "success", "worker"));
    }

    @Test
    void taskFailingItsAttemptsLimitFailsTheJobForEveryPeer() {
        TaskSpec flaky = new TaskSpec("x", "//x", null, 0, 2, 0, List.of(), null, List.of(), null);
        List<TaskSpec> schema = List.of(flaky, TaskSpec.ofTarget("y", "//y"));
        h.join(hello("p1", "s", schema));
        h.join(hello("p2", "s", schema));

        int failures = 0;
        for (int round = 0; round < 10; round++) { // bounded: the test must end even if the scheduler loops
            CoordinatorMessage.Assign a = assigns(h.all).stream().filter(x -> taskOf(x).equals("x"))
                    .reduce((first, second) -> second).orElseThrow();
            String holder = h.scheduler.stateForTests().attempts.get(a.lease()).peerId;
            if (!h.scheduler.stateForTests().attempts.get(a.lease()).isLive()) {
                break;
            }
            h.fail(holder, a.lease());
            failures++;
        }
        h.runAll("p1", "p2");

        assertThat(failures).isEqualTo(2);
        for (String p : List.of("p1", "p2")) {
            CoordinatorMessage.JobComplete done = h.jobCompleteTo(p);
            assertThat(done.outcome()).isEqualTo("failure");
            assertThat(done.failed()).containsExactly("x");
        }
    }

    @Test
    void retryPrefersAnotherPeer() {
        h.join(hello("p1", "s", tasks("a", "b")));
        h.join(hello("p2", "s", tasks("a", "b")));
        CoordinatorMessage.Assign onP1 = h.assignsTo("p1").get(0);
        h.succeed("p2", h.assignsTo("p2").get(0).lease()); // p2 is now free

        List<Decision> ds = h.fail("p1", onP1.lease());

        CoordinatorMessage.Assign retry = h.onlyAssignTo(ds, "p2");
        assertThat(taskOf(retry)).isEqualTo(taskOf(onP1));
        assertThat(retry.attempt()).isEqualTo(2);
    }

    @Test
    void nonRetryableFailureFailsTheTaskAtOnce() {
        h.join(hello("p1", "s", tasks("a")));
        long lease = h.assignsTo("p1").get(0).lease();

        h.say("p1", new PeerMessage.Finished(lease, Outcome.FAILURE, 1, 10, "build error", false));

        assertThat(h.jobCompleteTo("p1").failed()).containsExactly("a");
        assertThat(h.assignsTo("p1")).hasSize(1);
    }

    @Test
    void finishedForStaleOrForeignLeaseChangesNothing() {
        h.join(hello("p1", "s", tasks("a", "b")));
        h.join(hello("p2", "s", tasks("a", "b")));
        long p1Lease = h.assignsTo("p1").get(0).lease();

        List<Decision> foreign = h.succeed("p2", p1Lease);
        List<Decision> unknown = h.succeed("p1", 9_999);

        for (List<Decision> ds : List.of(foreign, unknown)) {
            assertThat(ds).hasSize(1);
            CoordinatorMessage.Error e = (CoordinatorMessage.Error) ((Decision.Send) ds.get(0)).message();
            assertThat(e.code()).isEqualTo(ErrorCode.STALE_LEASE);
            assertThat(e.fatal()).isFalse();
        }
        assertThat(h.scheduler.stateForTests().attempts.get(p1Lease).isLive()).isTrue();
    }

    @Test
    void finishedFromOldHolderAfterReassignmentIsRejected() {
        h.join(hello("p1", "s", tasks("a", "b")));
        h.join(hello("p2", "s", tasks("a", "b")));
        long p1Lease = h.assignsTo("p1").get(0).lease();
        String task = taskOf(h.assignsTo("p1").get(0));
        h.succeed("p2", h.assignsTo("p2").get(0).lease());
        h.command(new OperatorCommand.Reassign(h.uidOf("p1", task), "p2", true));

        List<Decision> late = h.succeed("p1", p1Lease);

        assertThat(late).singleElement().satisfies(d -> assertThat(((CoordinatorMessage.Error)
                ((Decision.Send) d).message()).code()).isEqualTo(ErrorCode.STALE_LEASE));
    }

    @Test
    void repeatedFinishedForAckedLeaseIsAckedAgainAndChangesNothing() {
        h.join(hello("p1", "s", tasks("a", "b")));
        long lease = h.assignsTo("p1").get(0).lease();
        h.succeed("p1", lease);

        List<Decision> again = h.succeed("p1", lease);

        assertThat(again).containsExactly(new Decision.Send("p1", new CoordinatorMessage.Ack(lease)));
    }

    @Test
    void sameSchemaNameWithDifferentTaskListNeverSharesAGroup() {
        h.join(hello("p1", "s", tasks("a", "b")));
        List<Decision> ds = h.join(hello("p2", "s", tasks("a", "c")));

        assertThat(h.jobOf("p1")).isNotEqualTo(h.jobOf("p2"));
        assertThat(messagesTo(ds, "p2", CoordinatorMessage.Error.class)).singleElement()
                .satisfies(e -> assertThat(e.code()).isEqualTo(ErrorCode.SCHEMA_CONFLICT));
    }

    @Test
    void departedPeersAndTheirFinishedJobsLeaveMemory() {
        h.join(hello("p1", "s", tasks("a")));
        h.join(hello("p2", "s", tasks("a")));
        h.runAll("p1", "p2");
        h.say("p1", new PeerMessage.Goodbye());
        h.on(new Event.PeerDisconnected("p2"));
        h.advance(10_001);

        State s = h.scheduler.stateForTests();
        assertThat(s.peers).isEmpty();
        assertThat(s.jobs).isEmpty();
        assertThat(s.tasksByUid).isEmpty();
        assertThat(s.attempts).isEmpty();
    }

    @Test
    void twoConsecutiveRunsOfOneSchemaMakeTwoJobs() {
        h.join(hello("p1", "s", tasks("a")));
        h.runAll("p1");
        long first = h.jobOf("p1");
        h.say("p1", new PeerMessage.Goodbye());

        h.join(hello("p1", "s", tasks("a")));

        assertThat(h.jobOf("p1")).isGreaterThan(first);
        assertThat(h.assignsTo("p1")).hasSize(2);
    }

    @Test
    void needsGateReadinessAndStepsRunInOrder() {
        List<TaskSpec> steps = List.of(TaskSpec.ofTarget("s1", "//a/..."),
                TaskSpec.ofTarget("s2", "//b/...").withNeeds(List.of("s1")),
                TaskSpec.ofTarget("s3", "//c/...").withNeeds(List.of("s2")));
        h.join(hello("p1", "s", steps, 4, java.util.Map.of()));
        assertThat(h.assignsTo("p1")).extracting(SchedulerHarness::taskOf).containsExactly("s1");
        h.runAll("p1");
        assertThat(h.assignsTo("p1")).extracting(SchedulerHarness::taskOf).containsExactly("s1", "s2", "s3");
    }

    @Test
    void longestExpectedTaskGoesFirstOnceHistoryIsKnown() {
        h.join(hello("p1", "s", tasks("short", "long")));
        CoordinatorMessage.Assign first = h.assignsTo("p1").get(0);
        h.say("p1", new PeerMessage.Finished(first.lease(), Outcome.SUCCESS, 0,
                taskOf(first).equals("short") ? 100 : 9_000, null, null));
        CoordinatorMessage.Assign second = h.assignsTo("p1").get(1);
        h.say("p1", new PeerMessage.Finished(second.lease(), Outcome.SUCCESS, 0,
                taskOf(second).equals("short") ? 100 : 9_000, null, null));
        h.say("p1", new PeerMessage.Goodbye());

        h.join(hello("p1", "s", tasks("short", "long")));

        assertThat(taskOf(h.assignsTo("p1").get(2))).isEqualTo("long");
    }

    @Test
    void slotsBoundConcurrentAttemptsPerPeer() {
        h.join(hello("p1", "s", tasks("a", "b", "c", "d", "e"), 3, java.util.Map.of()));
        assertThat(h.assignsTo("p1")).hasSize(3);
        h.succeed("p1", h.assignsTo("p1").get(0).lease());
        assertThat(h.assignsTo("p1")).hasSize(4);
    }

    @Test
    void executionCapCancelsAndCountsAsFailure() {
        TaskSpec capped = new TaskSpec("slow", "//slow", null, 0, 1, 5_000, List.of(), null, List.of(), null);
        h.join(hello("p1", "s", List.of(capped)));
        long lease = h.assignsTo("p1").get(0).lease();

        List<Decision> ds = h.advance(5_001);

        assertThat(messagesTo(ds, "p1", CoordinatorMessage.Cancel.class)).singleElement()
                .satisfies(c -> assertThat(c.lease()).isEqualTo(lease));
        assertThat(h.jobCompleteTo("p1").outcome()).isEqualTo("failure");
    }

    @Test
    void everyDecisionThatDependsOnStateIsPrecededByItsChange() {
        h.join(hello("p1", "s", tasks("a")));
        List<Decision> ds = h.succeed("p1", h.assignsTo("p1").get(0).lease());
        assertThat(SchedulerHarness.changes(ds)).anySatisfy(c -> assertThat(c).isInstanceOf(Change.AttemptChanged.class));
        assertThat(SchedulerHarness.changes(ds)).anySatisfy(c -> assertThat(c).isInstanceOf(Change.DurationObserved.class));
    }
}
