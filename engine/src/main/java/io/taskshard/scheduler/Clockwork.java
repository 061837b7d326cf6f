package io.taskshard.scheduler;

import io.taskshard.model.AttemptState;
import io.taskshard.model.JobKind;
import io.taskshard.model.JobState;
import io.taskshard.model.PeerState;
import java.util.ArrayList;
import java.util.List;

/**
 * What happens because time passed: grace periods, silence, execution caps, retry backoffs,
 * schedules that are due, coalesced task-done.
 */
final class Clockwork {
    /** How often connected peers are checked for silence (cheap, but not on every tick). */
    static final long SILENCE_CHECK_EVERY_MS = 200;

    private final State s;
    private final Lifecycle life;
    private final PeerEvents peerEvents;
    private final Schedules schedules;

    Clockwork(State s, Lifecycle life, PeerEvents peerEvents, Schedules schedules) {
        this.s = s;
        this.life = life;
        this.peerEvents = peerEvents;
        this.schedules = schedules;
    }

    void tick(long now, Out out) {
        expireGrace(now, out);
        if (now - s.lastSilenceCheck >= SILENCE_CHECK_EVERY_MS) {
            s.lastSilenceCheck = now;
            loseSilentPeers(now, out);
            endAbandonedJobs(now, out);
        }
        enforceExecutionCaps(now, out);
        life.releaseBackoff(now);
        schedules.fireDue(now, out);
        flushTaskDone(now, out);
    }

    private void expireGrace(long now, Out out) {
        if (s.disconnected.isEmpty()) {
            return;
        }
        List<Peer> due = new ArrayList<>();
        for (Peer p : s.disconnected) {
            if (p.graceDeadline <= now) {
                due.add(p);
            }
        }
        for (Peer p : due) {
            peerEvents.lost(p, "peer did not come back within " + s.config.graceMs() + " ms", now, out);
        }
    }

    /**
     * No frame for 3 heartbeats: its socket is closed and it is treated like any peer whose
     * socket closed, held for the grace period (docs/protocol.md). A peer paused by SIGSTOP or a
     * long GC keeps its work if it comes back in time; losing it at once requeued work it was
     * still doing.
     */
    private void loseSilentPeers(long now, Out out) {
        long limit = SchedulerConfig.MISSED_HEARTBEATS * s.config.heartbeatMs();
        List<Peer> silent = new ArrayList<>();
        for (Peer p : s.peers.values()) {
            if (p.state == PeerState.CONNECTED && now - p.lastSeenAt > limit) {
                silent.add(p);
            }
        }
        for (Peer p : silent) {
            String reason = "no frame for " + (now - p.lastSeenAt) + " ms (limit " + limit + " ms)";
            out.disconnect(p.id, reason); // the shell does not report this close back: the decision is ours
            peerEvents.disconnected(p.id, now, out);
        }
    }

    /**
     * A running shared job nobody works on any more (no peer connected or within its grace
     * period for {@code abandoned-job-after}) ends cancelled and leaves memory; its data stays in
     * the store. Without this, every hello with a new schema name pinned a job forever, and a
     * restart loaded them all again. Submitted jobs are left alone: workers come and go.
     */
    private void endAbandonedJobs(long now, Out out) {
        long after = s.config.jobLimits().abandonedAfterMs();
        if (after <= 0) {
            return;
        }
        List<Job> abandoned = new ArrayList<>();
        for (Job job : s.jobs.values()) {
            if (job.kind == JobKind.SHARED && job.state == JobState.RUNNING && job.peers.isEmpty()
                    && now - job.idleSince >= after) {
                abandoned.add(job);
            }
        }
        for (Job job : abandoned) {
            life.cancelJob(job, "abandoned: no peer for " + (now - job.idleSince) + " ms (abandoned-job-after "
                    + after + " ms)", now, out);
        }
    }

    private void enforceExecutionCaps(long now, Out out) {
        while (!s.deadlines.isEmpty() && s.deadlines.peek().deadline <= now) {
            AttemptRun a = s.deadlines.poll();
            if (!a.isLive()) {
                continue;
            }
            String reason = "execution cap of " + a.task.spec.timeoutMs() + " ms exceeded";
            life.revoke(a, AttemptState.FAILED, reason, now, out);
            life.attemptFailed(a.task, a.peerId, true, now, out);
        }
    }

    private void flushTaskDone(long now, Out out) {
        for (Job job : s.jobs.values()) {
            if (job.state == JobState.RUNNING) {
                job.done.step(job.peers, s.config.taskDoneCoalesceMs(), now, out);
            }
        }
    }
}
