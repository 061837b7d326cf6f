package io.taskshard.analysis;

import io.taskshard.model.JobKind;
import io.taskshard.model.JobState;
import io.taskshard.model.PeerRecord;
import io.taskshard.model.PeerState;
import io.taskshard.model.Placement;
import io.taskshard.model.TaskRecord;
import io.taskshard.model.TaskSpec;
import io.taskshard.model.TaskState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Why a task that has not started waits, in words for an operator, from what a client holds: the
 * job, its tasks and the peers. Pure.
 *
 * <p>The words follow the scheduler's rules (scheduler.Lifecycle's dispatch): a ready task goes to
 * a connected, undrained peer with a free slot whose labels and resources fit it
 * ({@link Placement#fits}); a peer of the job for a shared job, any worker for a submitted job;
 * only the peer an operator reassigned it to, while that peer is there. For a submitted job the
 * "on hold" words are {@link Placement#holdReason}, the function behind the server's
 * {@code holdReason} field that {@code taskshard status} prints ("on hold: ..."); the same
 * per-peer words ({@link Placement#whyNot}) say why no peer of a shared job fits.
 */
public final class TaskWaits {
    private TaskWaits() {
    }

    /**
     * The reason, or null when the task does not wait (it runs or ended, or a peer that may take
     * it has a free slot: it is about to start).
     *
     * @param peers the peers the client knows now
     * @param now   epoch ms (for the retry backoff)
     */
    public static String why(JobView job, TaskRecord task, TaskSpec spec, Collection<PeerRecord> peers, long now) {
        if (job.job().state() != JobState.RUNNING) {
            return null;
        }
        if (task.state() == TaskState.BLOCKED) {
            Map<String, TaskState> states = job.tasks().stream()
                    .collect(Collectors.toMap(TaskRecord::taskId, TaskRecord::state, (a, b) -> a));
            List<String> open = spec.needs().stream().filter(n -> states.get(n) != TaskState.SUCCEEDED).toList();
            return open.isEmpty() ? null : "waiting for its needs: " + String.join(", ", open);
        }
        if (task.state() != TaskState.READY) {
            return null;
        }
        if (!job.job().failedTasks().isEmpty()) {
            return "on hold: job " + job.job().id() + " is failing (" + String.join(", ", job.job().failedTasks())
                    + " failed): it starts no more tasks";
        }
        if (task.readySince() > now) {
            return "waiting out its retry backoff until " + Instant.ofEpochMilli(task.readySince());
        }
        boolean submitted = job.job().kind() == JobKind.SUBMITTED;
        if (task.preferredPeer() != null) {
            String pinned = pinned(spec, task.preferredPeer(), peers);
            if (pinned != null || isPresent(task.preferredPeer(), peers)) {
                return pinned;
            }
            // the peer it was reassigned to is gone: the coordinator lets any peer take it
        }
        List<PeerRecord> candidates = peers.stream().filter(p -> p.state() == PeerState.CONNECTED)
                .filter(p -> submitted ? p.worker() : p.jobId() == job.job().id()).toList();
        if (submitted) {
            String hold = Placement.holdReason(spec, peers);
            if (hold != null) {
                return "on hold: " + hold;
            }
        } else if (candidates.isEmpty()) {
            return "on hold: no peer of this job is connected";
        }
        List<PeerRecord> fit = new ArrayList<>();
        List<String> unfit = new ArrayList<>();
        for (PeerRecord p : candidates) {
            String not = Placement.whyNot(spec, p);
            if (not == null) {
                fit.add(p);
            } else {
                unfit.add(p.id() + " " + not);
            }
        }
        if (fit.isEmpty()) {
            return "on hold: no connected peer of this job fits: " + named(unfit);
        }
        if (fit.stream().anyMatch(TaskWaits::hasFreeSlot)) {
            return null;
        }
        return "waiting for a free slot: " + busy(fit, unfit, submitted);
    }

    /** Why a task pinned to {@code peerId} waits for it; null when it is free or gone (see {@link #isPresent}). */
    private static String pinned(TaskSpec spec, String peerId, Collection<PeerRecord> peers) {
        Optional<PeerRecord> peer = peers.stream().filter(p -> p.id().equals(peerId)).findFirst();
        if (peer.isEmpty() || !isPresent(peerId, peers)) {
            return null;
        }
        PeerRecord p = peer.get();
        String pin = "pinned to peer " + p.id() + " (reassigned)";
        if (p.state() == PeerState.DISCONNECTED) {
            return pin + ", which is disconnected: waiting for it to come back";
        }
        String not = Placement.whyNot(spec, p);
        if (not != null) {
            return "on hold: " + pin + ", which " + not;
        }
        return hasFreeSlot(p) ? null : pin + ", waiting for its free slot (" + slots(List.of(p)) + " slots busy)";
    }

    /** Connected or disconnected within its grace period: the coordinator keeps a task reassigned to it. */
    private static boolean isPresent(String peerId, Collection<PeerRecord> peers) {
        return peers.stream().anyMatch(p -> p.id().equals(peerId)
                && (p.state() == PeerState.CONNECTED || p.state() == PeerState.DISCONNECTED));
    }

    private static boolean hasFreeSlot(PeerRecord p) {
        return p.running().size() < p.slots();
    }

    /**
     * "all 3 peers of this job are busy (6/6 slots)", "the only worker, w1, is busy (2/2 slots)",
     * "the 2 peers of this job that fit are busy (4/4 slots); p3 lacks label gpu".
     */
    private static String busy(List<PeerRecord> fit, List<String> unfit, boolean submitted) {
        boolean one = fit.size() == 1;
        String noun = submitted ? (one ? "worker" : "workers") : (one ? "peer of this job" : "peers of this job");
        String who;
        if (unfit.isEmpty()) {
            who = one ? "the only " + noun + ", " + fit.getFirst().id() + ", is" : "all " + fit.size() + " " + noun
                    + " are";
        } else {
            who = one ? "the one " + noun + " that fits, " + fit.getFirst().id() + ", is"
                    : "the " + fit.size() + " " + noun + " that fit are";
        }
        return who + " busy (" + slots(fit) + " slots)" + (unfit.isEmpty() ? "" : "; " + named(unfit));
    }

    /** {@code 5/6}: slots in use of all slots. */
    private static String slots(List<PeerRecord> peers) {
        int used = peers.stream().mapToInt(p -> p.running().size()).sum();
        int all = peers.stream().mapToInt(PeerRecord::slots).sum();
        return used + "/" + all;
    }

    private static String named(List<String> why) {
        List<String> shown = why.subList(0, Math.min(why.size(), Placement.MAX_WORKERS_NAMED));
        String more = why.size() > shown.size() ? "; and " + (why.size() - shown.size()) + " more" : "";
        return String.join("; ", shown) + more;
    }
}
