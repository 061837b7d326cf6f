package io.taskshard.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskshard.model.Change;
import io.taskshard.model.RecoveredState;
import io.taskshard.model.RepoEntry;
import io.taskshard.model.Resources;
import io.taskshard.model.TaskSpec;
import io.taskshard.protocol.CoordinatorMessage;
import io.taskshard.protocol.Outcome;
import io.taskshard.protocol.PeerMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Drives a {@link Scheduler} by hand with a manual clock, records every decision, and checks
 * the invariants after every event. Modelled on db-scheduler's manual test harness.
 */
final class SchedulerHarness {
    final List<Decision> all = new ArrayList<>();
    List<Decision> last = List.of();
    Scheduler scheduler;
    long now = 1_000_000;
    private long lastSeenLease;
    private long requestIds;

    SchedulerHarness() {
        // Heartbeats every minute: long enough that scenarios advancing the clock by seconds
        // don't lose peers to silence unless they mean to (they use their own config then).
        this(SchedulerConfig.defaults().withGraceMs(10_000).withHeartbeatMs(60_000));
    }

    SchedulerHarness(SchedulerConfig config) {
        this.scheduler = new Scheduler(config, RecoveredState.EMPTY, now);
    }

    static List<TaskSpec> tasks(String... ids) {
        List<TaskSpec> list = new ArrayList<>();
        for (String id : ids) {
            list.add(TaskSpec.ofTarget(id, "//" + id));
        }
        return list;
    }

    static PeerMessage.Hello hello(String peer, String schema, List<TaskSpec> tasks) {
        return hello(peer, schema, tasks, 1, Map.of());
    }

    static PeerMessage.Hello hello(String peer, String schema, List<TaskSpec> tasks, int slots,
                                   Map<String, RepoEntry> repoState) {
        return new PeerMessage.Hello(1, peer, new PeerMessage.SchemaMsg(schema, tasks), "cache", repoState, false,
                slots, List.of(), Resources.NONE, null, List.of(), false);
    }

    List<Decision> on(Event event) {
        last = scheduler.handle(event, now);
        all.addAll(last);
        Invariants.check(scheduler.stateForTests(), last, lastSeenLease);
        for (CoordinatorMessage.Assign a : assigns(last)) {
            lastSeenLease = a.lease();
        }
        return last;
    }

    List<Decision> join(PeerMessage.Hello hello) {
        return on(new Event.PeerJoined(hello));
    }

    List<Decision> say(String peer, PeerMessage message) {
        return on(new Event.FromPeer(peer, message));
    }

    List<Decision> succeed(String peer, long lease) {
        return say(peer, new PeerMessage.Finished(lease, Outcome.SUCCESS, 0, 1_000, null, null));
    }

    List<Decision> fail(String peer, long lease) {
        return say(peer, new PeerMessage.Finished(lease, Outcome.FAILURE, 1, 1_000, "boom", null));
    }

    List<Decision> command(OperatorCommand command) {
        return on(new Event.Command(++requestIds, "test", command));
    }

    /** A command with the task's job as the shell read it from the store. */
    List<Decision> command(OperatorCommand command, io.taskshard.model.StoredJob stored) {
        return on(new Event.Command(++requestIds, "test", command, stored));
    }

    /** Moves the clock and ticks. */
    List<Decision> advance(long ms) {
        now += ms;
        return on(new Event.Tick());
    }

    static List<CoordinatorMessage.Assign> assigns(List<Decision> ds) {
        return messages(ds, CoordinatorMessage.Assign.class);
    }

    static <T extends CoordinatorMessage> List<T> messages(List<Decision> ds, Class<T> type) {
        List<T> out = new ArrayList<>();
        for (Decision d : ds) {
            if (d instanceof Decision.Send s && type.isInstance(s.message())) {
                out.add(type.cast(s.message()));
            }
        }
        return out;
    }

    static <T extends CoordinatorMessage> List<T> messagesTo(List<Decision> ds, String peer, Class<T> type) {
        List<T> out = new ArrayList<>();
        for (Decision d : ds) {
            if (d instanceof Decision.Send s && s.peerId().equals(peer) && type.isInstance(s.message())) {
                out.add(type.cast(s.message()));
            }
        }
        return out;
    }

    /** Live leases by peer, from the assigns and ends seen so far. */
    List<CoordinatorMessage.Assign> assignsTo(String peer) {
        return messagesTo(all, peer, CoordinatorMessage.Assign.class);
    }

    CoordinatorMessage.Assign onlyAssignTo(List<Decision> ds, String peer) {
        List<CoordinatorMessage.Assign> list = messagesTo(ds, peer, CoordinatorMessage.Assign.class);
        assertThat(list).as("assigns to %s in %s", peer, ds).hasSize(1);
        return list.get(0);
    }

    static String taskOf(CoordinatorMessage.Assign a) {
        return (String) a.task().get("id");
    }

    static List<Change> changes(List<Decision> ds) {
        return ds.stream().filter(d -> d instanceof Decision.Persist).map(d -> ((Decision.Persist) d).change())
                .collect(Collectors.toList());
    }

    Decision.Reply reply(List<Decision> ds) {
        return ds.stream().filter(d -> d instanceof Decision.Reply).map(d -> (Decision.Reply) d)
                .findFirst().orElseThrow(() -> new AssertionError("no reply in " + ds));
    }

    CoordinatorMessage.JobComplete jobCompleteTo(String peer) {
        List<CoordinatorMessage.JobComplete> list = messagesTo(all, peer, CoordinatorMessage.JobComplete.class);
        assertThat(list).as("job-complete to %s", peer).hasSize(1);
        return list.get(0);
    }

    long jobOf(String peer) {
        return Objects.requireNonNull(scheduler.stateForTests().peers.get(peer).job, "job of " + peer).id;
    }

    long uidOf(String peer, String taskId) {
        return scheduler.stateForTests().peers.get(peer).job.byTaskId.get(taskId).uid;
    }

    /** Runs every assign that reaches {@code peer} to success, repeatedly, until none is left. */
    int runAll(String... peers) {
        int finished = 0;
        boolean progress = true;
        while (progress) {
            progress = false;
            for (String peer : peers) {
                State s = scheduler.stateForTests();
                Peer p = s.peers.get(peer);
                if (p == null || p.running.isEmpty()) {
                    continue;
                }
                long lease = p.running.iterator().next();
                succeed(peer, lease);
                finished++;
                progress = true;
            }
        }
        return finished;
    }
}
