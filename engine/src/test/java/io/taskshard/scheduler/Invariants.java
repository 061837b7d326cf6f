package io.taskshard.scheduler;

import io.taskshard.model.JobState;
import io.taskshard.protocol.CoordinatorMessage;
import java.util.HashMap;
import java.util.Map;

/** The rules no event sequence may break. Checked after every event by the harness and property test. */
final class Invariants {
    private Invariants() {
    }

    static void check(State s, java.util.List<Decision> decisions, long lastLeaseBefore) {
        Map<Long, Integer> liveByTask = new HashMap<>();
        for (AttemptRun a : s.attempts.values()) {
            if (a.isLive()) {
                liveByTask.merge(a.task.uid, 1, Integer::sum);
                require(a.task.current == a, "live attempt " + a.lease + " is not its task's current attempt");
                Peer p = s.peers.get(a.peerId);
                require(p != null && p.running.contains(a.lease),
                        "live attempt " + a.lease + " not held by its peer " + a.peerId);
            }
        }
        liveByTask.forEach((uid, n) -> require(n == 1, "task " + uid + " has " + n + " live attempts"));
        for (Peer p : s.peers.values()) {
            require(p.running.size() <= p.slots || p.state != io.taskshard.model.PeerState.CONNECTED,
                    "peer " + p.id + " runs " + p.running.size() + " > " + p.slots + " slots");
            for (long lease : p.running) {
                AttemptRun a = s.attempts.get(lease);
                require(a != null && a.isLive(), "peer " + p.id + " holds dead lease " + lease);
            }
        }
        for (Job job : s.jobs.values()) {
            int ended = 0;
            int live = 0;
            int[] byState = new int[io.taskshard.model.TaskState.values().length];
            for (TaskRun t : job.tasks) {
                byState[t.state().ordinal()]++;
                ended += t.state().isEnd() ? 1 : 0;
                live += t.current != null ? 1 : 0;
                require((t.current != null) == (t.state() == io.taskshard.model.TaskState.RUNNING),
                        "task " + t.spec.id() + " is " + t.state() + " with current=" + t.current);
            }
            require(job.counts().equals(io.taskshard.model.TaskCounts.of(byState)),
                    "job " + job.id + " counts " + job.counts() + ", is " + io.taskshard.model.TaskCounts.of(byState));
            require(ended == job.endedTasks, "job " + job.id + " counts " + job.endedTasks + " ended, is " + ended);
            require(live == job.liveAttempts, "job " + job.id + " counts " + job.liveAttempts + " live, is " + live);
            if (job.state != JobState.RUNNING) {
                require(ended == job.tasks.size(), "finished job " + job.id + " has tasks not in an end state");
            }
        }
        long lease = lastLeaseBefore;
        for (Decision d : decisions) {
            if (d instanceof Decision.Send send && send.message() instanceof CoordinatorMessage.Assign a) {
                require(a.lease() > lease, "lease " + a.lease() + " does not increase (after " + lease + ")");
                lease = a.lease();
            }
        }
    }

    private static void require(boolean ok, String what) {
        if (!ok) {
            throw new AssertionError("invariant broken: " + what);
        }
    }
}
