package io.taskshard.scheduler;

import static io.taskshard.scheduler.SchedulerHarness.assigns;
import static io.taskshard.scheduler.SchedulerHarness.hello;
import static io.taskshard.scheduler.SchedulerHarness.messagesTo;
import static io.taskshard.scheduler.SchedulerHarness.taskOf;
import static io.taskshard.scheduler.SchedulerHarness.tasks;
import static org.assertj.core.api.Assertions.assertThat;

import io.taskshard.model.AttemptRecord;
import io.taskshard.model.AttemptState;
import io.taskshard.model.TaskSpec;
import io.taskshard.protocol.CoordinatorMessage;
import io.taskshard.protocol.PeerMessage;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A coordinator restart: state comes back from what was persisted, peers reconnect. */
class RecoveryTest {
    private final List<TaskSpec> schema = tasks("a", "b", "c", "d");

    @Test
    void peersReclaimTheirLeasesAfterRestartAndTheJobCompletesWithNothingLostOrDoubled() {
        SchedulerHarness before = new SchedulerHarness();
        ChangeFold disk = new ChangeFold();
        disk.apply(before.join(hello("p1", "s", schema)));
        disk.apply(before.join(hello("p2", "s", schema)));
        CoordinatorMessage.Assign p1First = before.assignsTo("p1").get(0);
        disk.apply(before.succeed("p1", p1First.lease()));
        long p2Lease = before.assignsTo("p2").get(0).lease();
        long p1Second = before.assignsTo("p1").get(1).lease();

        // Restart: a new scheduler from the folded changes, 2 s later.
        SchedulerHarness after = new SchedulerHarness();
        after.now = before.now + 2_000;
        after.scheduler = new Scheduler(after.scheduler.config(), disk.recovered(), after.now);
        disk.apply(after.join(new PeerMessage.Hello(1, "p1", new PeerMessage.SchemaMsg("s", schema), "cache",
                java.util.Map.of(), false, 1, List.of(), null, null,
                List.of(new PeerMessage.RunningLease(p1Second, "?")), false)));
        disk.apply(after.join(new PeerMessage.Hello(1, "p2", new PeerMessage.SchemaMsg("s", schema), "cache",
                java.util.Map.of(), false, 1, List.of(), null, null,
                List.of(new PeerMessage.RunningLease(p2Lease, "?")), false)));
        assertThat(assigns(after.all)).as("both slots are still busy with reclaimed leases").isEmpty();

        // p2's result was computed before the crash and never acked: the resend is accepted.
        disk.apply(after.succeed("p2", p2Lease));
        assertThat(messagesTo(after.last, "p2", CoordinatorMessage.Ack.class)).hasSize(1);
        disk.apply(after.succeed("p1", p1Second));
        while (!after.scheduler.stateForTests().jobs.isEmpty()
                && after.scheduler.stateForTests().peers.values().stream().anyMatch(p -> !p.running.isEmpty())) {
            for (String p : List.of("p1", "p2")) {
                Peer peer = after.scheduler.stateForTests().peers.get(p);
                if (!peer.running.isEmpty()) {
                    disk.apply(after.succeed(p, peer.running.iterator().next()));
                }
            }
        }

        assertThat(after.jobCompleteTo("p1").outcome()).isEqualTo("success");
        Set<String> succeeded = new HashSet<>();
        for (AttemptRecord a : disk.attempts.values()) {
            if (a.state() == AttemptState.SUCCEEDED) {
                assertThat(succeeded.add(a.taskId())).as("task %s succeeded twice", a.taskId()).isTrue();
            }
        }
        assertThat(succeeded).containsExactlyInAnyOrder("a", "b", "c", "d");
        long maxBefore = before.scheduler.lastLease();
        assertThat(assigns(after.all)).allSatisfy(a -> assertThat(a.lease()).isGreaterThan(maxBefore));
    }

    @Test
    void attemptsOfPeersThatDoNotComeBackBecomeLostAfterTheGracePeriod() {
        SchedulerHarness before = new SchedulerHarness();
        ChangeFold disk = new ChangeFold();
        disk.apply(before.join(hello("gone", "s", schema)));
        String held = taskOf(before.assignsTo("gone").get(0));

        SchedulerHarness after = new SchedulerHarness();
        after.scheduler = new Scheduler(after.scheduler.config(), disk.recovered(), after.now);
        after.join(hello("fresh", "s", schema));
        assertThat(after.assignsTo("fresh")).extracting(SchedulerHarness::taskOf).doesNotContain(held);
        after.runAll("fresh");

        after.advance(10_001);
        assertThat(after.assignsTo("fresh")).extracting(SchedulerHarness::taskOf).contains(held);
        after.runAll("fresh");
        assertThat(after.jobCompleteTo("fresh").outcome()).isEqualTo("success");
    }
}
