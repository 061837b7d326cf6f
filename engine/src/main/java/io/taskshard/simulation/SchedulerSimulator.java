package io.taskshard.simulation;

import io.taskshard.model.RecoveredState;
import io.taskshard.model.Resources;
import io.taskshard.model.TaskSpec;
import io.taskshard.protocol.CoordinatorMessage;
import io.taskshard.protocol.Outcome;
import io.taskshard.protocol.PeerMessage;
import io.taskshard.scheduler.Decision;
import io.taskshard.scheduler.Event;
import io.taskshard.scheduler.Scheduler;
import io.taskshard.scheduler.SchedulerConfig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Runs the real {@link Scheduler} in virtual time: N peers with S slots join with one schema,
 * every {@code assign} is "run" for the task's actual duration and answered with
 * {@code finished}, until the job completes. No network, no store, no overhead: the makespan
 * is the scheduling policy's alone. Deterministic for a given workload.
 */
public final class SchedulerSimulator {
    /** Schema name of the simulated job; also the history's key prefix. */
    static final String SCHEMA = "simulated";
    /** Peers are never silent in the simulation; a day of virtual heartbeat keeps the scheduler from probing. */
    private static final long HEARTBEAT_MS = 86_400_000L;

    private SchedulerSimulator() {
    }

    /**
     * The result of one simulated run.
     *
     * @param makespanMs   from the first join to the last task's end
     * @param attempts     assigns made (== tasks when nothing failed)
     */
    public record Result(long makespanMs, int attempts) {
    }

    /**
     * Simulates the workload on {@code peers} x {@code slots}. With {@code withHistory} the
     * scheduler knows every task's recorded duration (as after an earlier run of the same
     * schema); without, every task has the default expectation, so ties fall to schema order.
     */
    public static Result run(Workload w, int peers, int slots, boolean withHistory) {
        List<TaskSpec> specs = new ArrayList<>(w.size());
        Map<String, Integer> indexById = new HashMap<>();
        Map<String, Long> history = new HashMap<>();
        for (int i = 0; i < w.size(); i++) {
            specs.add(TaskSpec.ofTarget(w.id(i), w.id(i)));
            indexById.put(w.id(i), i);
            history.put(SCHEMA + "::" + w.id(i), w.historyMs()[i]);
        }
        RecoveredState recovered = new RecoveredState(List.of(), Map.of(), List.of(), List.of(), List.of(), 0, 0, 0,
                withHistory ? history : Map.of());
        SchedulerConfig config = new SchedulerConfig(SchedulerConfig.DEFAULT_GRACE_MS, HEARTBEAT_MS,
                SchedulerConfig.DEFAULT_TASK_DONE_COALESCE_MS, SchedulerConfig.DEFAULT_EXPECTED_MS);
        Scheduler scheduler = new Scheduler(config, recovered, 0);
        PriorityQueue<Finish> running = new PriorityQueue<>();
        List<Decision> out = new ArrayList<>();
        int[] attempts = {0};
        long[] completedAt = {-1};
        for (int p = 1; p <= peers; p++) {
            PeerMessage.Hello hello = new PeerMessage.Hello(PeerMessage.PROTOCOL_VERSION, "peer-" + p,
                    new PeerMessage.SchemaMsg(SCHEMA, specs), "", Map.of(), false, slots, List.of(), Resources.NONE,
                    null, List.of(), false);
            scheduler.handle(new Event.PeerJoined(hello), 0, out);
            collect(out, 0, w, indexById, running, attempts, completedAt);
        }
        while (!running.isEmpty() && completedAt[0] < 0) {
            Finish f = running.poll();
            PeerMessage.Finished finished = new PeerMessage.Finished(f.lease, Outcome.SUCCESS, 0, f.durationMs, "",
                    null);
            scheduler.handle(new Event.FromPeer(f.peerId, finished), f.at, out);
            collect(out, f.at, w, indexById, running, attempts, completedAt);
        }
        if (completedAt[0] < 0) {
            throw new IllegalStateException("the simulated job never completed: " + attempts[0] + " assigns for "
                    + w.size() + " tasks");
        }
        return new Result(completedAt[0], attempts[0]);
    }

    private static void collect(List<Decision> out, long now, Workload w, Map<String, Integer> indexById,
                                PriorityQueue<Finish> running, int[] attempts, long[] completedAt) {
        for (Decision d : out) {
            if (d instanceof Decision.Send(String peerId, CoordinatorMessage.Assign assign)) {
                int index = indexById.get((String) assign.task().get("id"));
                long duration = w.actualMs()[index];
                running.add(new Finish(now + duration, peerId, assign.lease(), duration));
                attempts[0]++;
            } else if (d instanceof Decision.Send(String peerId, CoordinatorMessage.JobComplete complete)
                    && completedAt[0] < 0) {
                if (!"success".equals(complete.outcome())) {
                    throw new IllegalStateException("the simulated job ended " + complete.outcome());
                }
                completedAt[0] = now;
            }
        }
        out.clear();
    }

    /** A running attempt's end, in virtual time; ties by lease so runs are deterministic. */
    private record Finish(long at, String peerId, long lease, long durationMs) implements Comparable<Finish> {
        @Override
        public int compareTo(Finish o) {
            return at != o.at ? Long.compare(at, o.at) : Long.compare(lease, o.lease);
        }
    }
}
