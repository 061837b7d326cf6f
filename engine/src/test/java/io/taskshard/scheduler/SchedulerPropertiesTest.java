package io.taskshard.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskshard.model.JobState;
import io.taskshard.model.Resources;
import io.taskshard.model.TaskSpec;
import io.taskshard.protocol.Outcome;
import io.taskshard.protocol.PeerMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

/**
 * Thousands of random event sequences — joins, results, silence, disconnects, restarts of
 * peers, operator actions, time passing — with the invariants checked after every event by
 * {@link SchedulerHarness} (a task never has two live leases, no peer above its slots, every
 * task of a finished job is in an end state, leases strictly increase). At the end, peers
 * that keep working must bring every job to an end.
 */
class SchedulerPropertiesTest {
    private static final String[] PEERS = {"p1", "p2", "p3", "p4"};
    private static final List<List<TaskSpec>> SCHEMAS = List.of(
            List.of(TaskSpec.ofTarget("a", "//a"), TaskSpec.ofTarget("b", "//b").withNeeds(List.of("a")),
                    TaskSpec.ofTarget("c", "//c"), TaskSpec.ofTarget("d", "//d").withNeeds(List.of("a", "c"))),
            List.of(new TaskSpec("x", "//x", null, 0, 2, 4_000, List.of(), null, List.of(), null),
                    TaskSpec.ofTarget("y", "//y"), TaskSpec.ofTarget("z", "//z").withPriority(5)));

    @Property(tries = 2000)
    void invariantsHoldForRandomEventSequences(@ForAll @LongRange(min = 1) long seed) {
        Random rnd = new Random(seed);
        SchedulerHarness h = new SchedulerHarness(SchedulerConfig.defaults().withGraceMs(3_000).withHeartbeatMs(2_000));
        for (int step = 0; step < 120; step++) {
            randomEvent(h, rnd);
        }
        drainToCompletion(h, rnd);
    }

    private static void randomEvent(SchedulerHarness h, Random rnd) {
        State s = h.scheduler.stateForTests();
        String peer = PEERS[rnd.nextInt(PEERS.length)];
        Peer p = s.peers.get(peer);
        List<Long> leases = new ArrayList<>(s.attempts.keySet());
        long anyLease = leases.isEmpty() ? rnd.nextInt(50) : leases.get(rnd.nextInt(leases.size()));
        switch (rnd.nextInt(14)) {
            case 0, 1 -> h.join(hello(peer, rnd, p));
            case 2, 3, 4 -> {
                if (p != null && !p.running.isEmpty()) {
                    long lease = p.running.iterator().next();
                    Outcome o = rnd.nextInt(4) == 0 ? Outcome.FAILURE : rnd.nextInt(10) == 0 ? Outcome.ERROR
                            : Outcome.SUCCESS;
                    h.say(peer, new PeerMessage.Finished(lease, o, 0, rnd.nextInt(5_000), null,
                            rnd.nextInt(8) == 0 ? Boolean.FALSE : null));
                }
            }
            case 5 -> h.say(peer, new PeerMessage.Finished(anyLease, Outcome.SUCCESS, 0, 10, null, null));
            case 6 -> h.say(peer, new PeerMessage.Started(anyLease));
            case 7 -> h.say(peer, new PeerMessage.Heartbeat(List.of()));
            case 8 -> h.on(new Event.PeerDisconnected(peer));
            case 9 -> h.say(peer, new PeerMessage.Goodbye());
            case 10, 11 -> h.advance(rnd.nextInt(2_500));
            default -> h.command(randomCommand(s, rnd, peer));
        }
    }

    private static PeerMessage.Hello hello(String peer, Random rnd, Peer existing) {
        List<PeerMessage.RunningLease> running = new ArrayList<>();
        if (existing != null && rnd.nextBoolean()) {
            existing.running.forEach(l -> running.add(new PeerMessage.RunningLease(l, "?")));
        }
        if (rnd.nextInt(10) == 0) {
            running.add(new PeerMessage.RunningLease(rnd.nextInt(100), "?"));
        }
        return new PeerMessage.Hello(1, peer, new PeerMessage.SchemaMsg("s" + rnd.nextInt(2),
                SCHEMAS.get(rnd.nextInt(SCHEMAS.size()))), "c", Map.of(), false, 1 + rnd.nextInt(3), List.of(),
                Resources.NONE, null, running, false);
    }

    private static OperatorCommand randomCommand(State s, Random rnd, String peer) {
        List<Long> uids = new ArrayList<>(s.tasksByUid.keySet());
        long uid = uids.isEmpty() ? 1 : uids.get(rnd.nextInt(uids.size()));
        return switch (rnd.nextInt(6)) {
            case 0 -> new OperatorCommand.Reassign(uid, peer, rnd.nextBoolean());
            case 1 -> new OperatorCommand.Retry(uid, rnd.nextBoolean());
            case 2 -> new OperatorCommand.CancelTask(uid);
            case 3 -> new OperatorCommand.CancelJob(s.jobs.isEmpty() ? 1 : s.jobs.keySet().iterator().next());
            case 4 -> new OperatorCommand.Drain(peer, rnd.nextBoolean());
            default -> new OperatorCommand.SetPriority(uid, rnd.nextInt(10));
        };
    }

    /** Liveness: undrained peers that answer everything bring every job to an end. */
    private static void drainToCompletion(SchedulerHarness h, Random rnd) {
        for (String peer : PEERS) {
            Peer p = h.scheduler.stateForTests().peers.get(peer);
            if (p != null && p.isPresent()) {
                h.command(new OperatorCommand.Drain(peer, false));
            }
        }
        for (int round = 0; round < 400 && hasRunningJob(h); round++) {
            for (String peer : PEERS) {
                Peer p = h.scheduler.stateForTests().peers.get(peer);
                if (p != null && p.state == io.taskshard.model.PeerState.CONNECTED && p.toldJobOver) {
                    h.say(peer, new PeerMessage.Goodbye()); // as a peer does on job-complete
                } else if (p != null && p.state == io.taskshard.model.PeerState.CONNECTED && !p.running.isEmpty()) {
                    h.say(peer, new PeerMessage.Finished(p.running.iterator().next(),
                            rnd.nextInt(6) == 0 ? Outcome.FAILURE : Outcome.SUCCESS, 0, 100, null, null));
                } else if (p != null) {
                    h.say(peer, new PeerMessage.Heartbeat(List.of()));
                }
            }
            if (round % 10 == 9) {
                for (String peer : PEERS) {
                    h.join(hello(peer, rnd, null)); // anyone gone comes back, so orphaned jobs get a peer
                }
            }
            h.advance(500);
        }
        assertThat(hasRunningJob(h)).as("some job never ended: %s", describeRunning(h)).isFalse();
    }

    private static String describeRunning(SchedulerHarness h) {
        StringBuilder b = new StringBuilder();
        State s = h.scheduler.stateForTests();
        for (Job j : s.jobs.values()) {
            if (j.state == JobState.RUNNING) {
                b.append("job ").append(j.id).append(' ').append(j.kind).append(" failing=").append(j.failing)
                        .append(" counts=").append(j.counts()).append(" live=").append(j.liveAttempts)
                        .append(" peers=");
                j.peers.forEach(p -> b.append(p.id).append('/').append(p.state).append(p.toldJobOver ? "/told" : "")
                        .append(p.draining ? "/draining" : "").append(" run=").append(p.running).append(' '));
                b.append("; ");
            }
        }
        s.peers.values().forEach(p -> b.append(p.id).append("->").append(p.job == null ? 0 : p.job.id).append(' '));
        return b.toString();
    }

    private static boolean hasRunningJob(SchedulerHarness h) {
        return h.scheduler.stateForTests().jobs.values().stream().anyMatch(j -> j.state == JobState.RUNNING);
    }
}
