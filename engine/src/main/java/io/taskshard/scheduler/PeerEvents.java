package io.taskshard.scheduler;

import io.taskshard.model.AttemptState;
import io.taskshard.model.Change;
import io.taskshard.model.JobKind;
import io.taskshard.model.PeerState;
import io.taskshard.model.TaskRecord;
import io.taskshard.model.TaskSpec;
import io.taskshard.model.TaskState;
import io.taskshard.protocol.CoordinatorMessage;
import io.taskshard.protocol.ErrorCode;
import io.taskshard.protocol.Outcome;
import io.taskshard.protocol.PeerMessage;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** What peers say and do: join, report, leave, fall silent. */
final class PeerEvents {
    /** Longest log tail kept per attempt. */
    static final int MAX_LOG_CHARS = 8 * 1024;

    private final State s;
    private final Lifecycle life;

    PeerEvents(State s, Lifecycle life) {
        this.s = s;
        this.life = life;
    }

    void joined(PeerMessage.Hello hello, String hash, String owner, long now, Out out) {
        int mark = out.mark(); // the welcome goes ahead of any cancel or error decided while joining
        Peer p = s.peers.get(hello.peer());
        boolean rejoin = p != null && p.isPresent() && sameGroup(p, hello, hash);
        if (!rejoin && !hello.worker() && Grouping.choose(s.jobs.values(), hello.schema().name(), hash,
                hello.cacheId(), hello.repoState(), hello.complexPatchset()) == null) {
            Bounds.Refusal refusal = Bounds.checkNewJob(s, owner, hello.schema().tasks().size());
            if (refusal != null) {
                refuse(p, hello.peer(), refusal, now, out);
                return;
            }
        }
        if (p != null && p.isPresent() && !rejoin) {
            // Back with something else entirely: what it held under its old identity is lost.
            release(p, AttemptState.LOST, "peer rejoined with a different schema or role", now, out);
            leaveJob(p, now, out);
        }
        if (p == null) {
            p = new Peer(hello.peer());
            s.peers.put(p.id, p);
        }
        s.disconnected.remove(p);
        p.state = PeerState.CONNECTED;
        p.slots = hello.slots();
        p.labels = hello.labels();
        p.resources = hello.resources();
        p.worker = hello.worker();
        p.connectedAt = now;
        p.lastSeenAt = now;
        if (rejoin) {
            reconcileRunning(p, hello.running(), now, out);
        } else {
            cancelUnknown(p, hello.running(), out);
            p.running.clear();
            p.tasksDone = 0;
            p.draining = false; // a drain covers one session; a fresh join is a new run
            p.toldJobOver = false;
            p.job = hello.worker() ? null : joinOrCreateJob(p, hello, hash, owner, now, out);
        }
        out.persist(new Change.PeerChanged(p.toRecord()));
        Job job = p.job;
        if (job != null) {
            out.sendBefore(mark, p.id, new CoordinatorMessage.Welcome(p.id,
                    new CoordinatorMessage.JobInfo(job.id, job.name, job.tasks.size(), job.endedTasks),
                    s.config.heartbeatMs()));
            if (job.state.isEnd()) {
                p.toldJobOver = true;
                out.send(p.id, Lifecycle.jobComplete(job));
            } else {
                job.mayTakeWork.add(p);
                s.markDirty(job);
            }
        } else {
            out.sendBefore(mark, p.id, new CoordinatorMessage.Welcome(p.id, null, s.config.heartbeatMs()));
            s.workersDirty = true;
        }
    }

    private static boolean sameGroup(Peer p, PeerMessage.Hello hello, String hash) {
        if (hello.worker() || p.worker) {
            return hello.worker() && p.worker;
        }
        Job j = p.job;
        return j != null && j.name.equals(hello.schema().name()) && j.schemaHash.equals(hash)
                && j.cacheId.equals(hello.cacheId());
    }

    /** A hello that would start a job over the limits: told why (fatal) and cut off; nothing is created. */
    private void refuse(Peer existing, String peerId, Bounds.Refusal refusal, long now, Out out) {
        if (existing != null && existing.isPresent()) {
            // It came back with a new schema: what it held under the old one is lost, as on any such rejoin.
            lost(existing, "peer rejoined with a new schema that was refused: " + refusal.message(), now, out);
        }
        out.error(peerId, refusal.code(), refusal.message(), true);
        out.disconnect(peerId, refusal.code() + ": " + refusal.message());
    }

    private Job joinOrCreateJob(Peer p, PeerMessage.Hello hello, String hash, String owner, long now, Out out) {
        String name = hello.schema().name();
        Job job = Grouping.choose(s.jobs.values(), name, hash, hello.cacheId(), hello.repoState(),
                hello.complexPatchset());
        if (job == null) {
            warnIfSchemaDiffers(p, name, hash, hello.cacheId(), out);
            job = createJob(JobKind.SHARED, name, hash, hello.cacheId(), hello.complexPatchset(),
                    hello.schema().tasks(), now, out);
            job.owner = owner;
        }
        job.peers.add(p);
        job.addRepoState(hello.repoState());
        out.persist(job.published());
        return job;
    }

    /** Same name and cache, different task list: legal, but worth telling the peer why it is alone. */
    private void warnIfSchemaDiffers(Peer p, String name, String hash, String cacheId, Out out) {
        for (Job other : s.jobs.values()) {
            if (other.kind == JobKind.SHARED && other.isJoinable() && other.name.equals(name)
                    && other.cacheId.equals(cacheId) && !other.schemaHash.equals(hash)) {
                out.error(p.id, ErrorCode.SCHEMA_CONFLICT, "schema '" + name + "' has a different task list than"
                        + " the one job " + other.id + " runs; starting a separate job", false);
                return;
            }
        }
    }

    Job createJob(JobKind kind, String name, String hash, String cacheId, boolean complex, List<TaskSpec> specs,
                  long now, Out out) {
        Job job = new Job(++s.lastJobId, kind, name, hash, cacheId, complex, now, s.countsTouched);
        s.jobs.put(job.id, job);
        for (int i = 0; i < specs.size(); i++) {
            TaskSpec spec = specs.get(i);
            TaskRun t = new TaskRun(++s.lastTaskUid, job, spec, i, s.expectedOf(name, spec.id()),
                    s.observedOf(name, spec.id()), s.config.defaultDelayToleranceMs());
            job.tasks.add(t);
            job.byTaskId.put(spec.id(), t);
            s.tasksByUid.put(t.uid, t);
        }
        List<TaskRecord> initial = new ArrayList<>(job.tasks.size());
        for (TaskRun t : job.tasks) {
            for (String need : t.spec.needs()) {
                TaskRun n = job.byTaskId.get(need);
                if (n != null) {
                    n.addDependent(t);
                    t.unmetNeeds++;
                }
            }
            if (t.unmetNeeds == 0) {
                t.moveTo(TaskState.READY);
                t.readySince = now;
                s.readySetOf(job).add(t);
            } else {
                t.moveTo(TaskState.BLOCKED);
            }
            initial.add(t.toRecord());
        }
        out.persist(new Change.JobCreated(job.toRecord(), specs, initial));
        s.markDirty(job);
        life.maybeComplete(job, now, out);
        return job;
    }

    /** A peer back within its grace period keeps what it still runs; the rest is lost. */
    private void reconcileRunning(Peer p, List<PeerMessage.RunningLease> claimed, long now, Out out) {
        Set<Long> claimedLeases = new HashSet<>();
        for (PeerMessage.RunningLease r : claimed) {
            claimedLeases.add(r.lease());
        }
        for (Long lease : new ArrayList<>(p.running)) {
            if (!claimedLeases.contains(lease)) {
                AttemptRun a = s.attempts.get(lease);
                life.endAttempt(a, AttemptState.LOST, "peer came back without it", now, out);
                life.requeue(a.task, now, out);
            }
        }
        cancelUnknown(p, claimed, out);
        List<Long> kept = new ArrayList<>(p.running);
        for (int i = p.slots; i < kept.size(); i++) {
            AttemptRun a = s.attempts.get(kept.get(i)); // came back with fewer slots than it holds
            life.revoke(a, AttemptState.CANCELLED, "peer came back with only " + p.slots + " slots", now, out);
            life.requeue(a.task, now, out);
        }
    }

    /** Leases a peer claims that are not live and its own: tell it to stop them. */
    private void cancelUnknown(Peer p, List<PeerMessage.RunningLease> claimed, Out out) {
        for (PeerMessage.RunningLease r : claimed) {
            AttemptRun a = s.attempts.get(r.lease());
            if (a == null || !a.isLive() || !a.peerId.equals(p.id) || !p.running.contains(r.lease())) {
                if (a == null || !a.endedByResult()) {
                    out.send(p.id, new CoordinatorMessage.Cancel(r.lease(), "lease is no longer yours"));
                }
            }
        }
    }

    void said(String peerId, PeerMessage message, long now, Out out) {
        Peer p = s.peers.get(peerId);
        if (p == null || p.state != PeerState.CONNECTED) {
            return; // the shell only forwards frames of joined connections; a late frame of a gone peer changes nothing
        }
        p.lastSeenAt = now;
        switch (message) {
            case PeerMessage.Started m -> started(p, m.lease(), now, out);
            case PeerMessage.Progress m -> progress(p, m, out);
            case PeerMessage.Finished m -> finished(p, m, now, out);
            case PeerMessage.Heartbeat m -> { }
            case PeerMessage.Goodbye m -> goodbye(p, now, out);
            case PeerMessage.Hello m -> out.error(p.id, ErrorCode.ALREADY_JOINED, "this connection already joined", false);
        }
    }

    private AttemptRun ownLiveAttempt(Peer p, long lease, Out out) {
        AttemptRun a = s.attempts.get(lease);
        if (a == null || !a.isLive() || !a.peerId.equals(p.id)) {
            out.error(p.id, ErrorCode.STALE_LEASE, "lease " + lease + " is not a live lease of peer " + p.id, false);
            return null;
        }
        return a;
    }

    private void started(Peer p, long lease, long now, Out out) {
        AttemptRun a = ownLiveAttempt(p, lease, out);
        if (a != null && a.state == AttemptState.ASSIGNED) {
            a.state = AttemptState.RUNNING;
            a.startedAt = now;
            out.persist(new Change.AttemptChanged(a.toRecord()));
        }
    }

    private void progress(Peer p, PeerMessage.Progress m, Out out) {
        AttemptRun a = ownLiveAttempt(p, m.lease(), out);
        if (a != null && m.log() != null) {
            a.log = tail(m.log());
            out.persist(new Change.AttemptChanged(a.toRecord()));
        }
    }

    private void finished(Peer p, PeerMessage.Finished m, long now, Out out) {
        AttemptRun a = s.attempts.get(m.lease());
        if (a != null && !a.isLive() && a.endedByResult() && a.peerId.equals(p.id)) {
            out.send(p.id, new CoordinatorMessage.Ack(m.lease())); // a resend of a stored result
            return;
        }
        a = ownLiveAttempt(p, m.lease(), out);
        if (a == null) {
            return;
        }
        a.exitCode = m.exitCode();
        a.durationMs = m.durationMs() > 0 ? m.durationMs() : now - (a.startedAt > 0 ? a.startedAt : a.assignedAt);
        if (m.log() != null) {
            a.log = tail(m.log());
        }
        if (a.startedAt == 0) {
            a.startedAt = Math.max(a.assignedAt, now - a.durationMs);
        }
        AttemptState end = switch (m.outcome()) {
            case SUCCESS -> AttemptState.SUCCEEDED;
            case FAILURE -> AttemptState.FAILED;
            case ERROR -> AttemptState.ERROR;
        };
        life.endAttempt(a, end, null, now, out);
        out.send(p.id, new CoordinatorMessage.Ack(a.lease));
        if (m.outcome() == Outcome.SUCCESS) {
            life.succeeded(a.task, p.id, a.durationMs, now, out);
        } else {
            life.attemptFailed(a.task, p.id, !Boolean.FALSE.equals(m.retryable()), now, out);
        }
    }

    private static String tail(String log) {
        return log.length() <= MAX_LOG_CHARS ? log : log.substring(log.length() - MAX_LOG_CHARS);
    }

    private void goodbye(Peer p, long now, Out out) {
        release(p, AttemptState.CANCELLED, "peer left", now, out);
        p.state = PeerState.LEFT;
        leaveJob(p, now, out);
        out.persist(new Change.PeerChanged(p.toRecord()));
        forget(p);
    }

    void disconnected(String peerId, long now, Out out) {
        Peer p = s.peers.get(peerId);
        if (p == null || p.state != PeerState.CONNECTED) {
            return;
        }
        p.state = PeerState.DISCONNECTED;
        p.graceDeadline = now + s.config.graceMs();
        s.disconnected.add(p);
        out.persist(new Change.PeerChanged(p.toRecord()));
    }

    /** Grace over (or silent too long): its attempts end as lost and their tasks are ready again. */
    void lost(Peer p, String reason, long now, Out out) {
        s.disconnected.remove(p);
        release(p, AttemptState.LOST, reason, now, out);
        p.state = PeerState.LOST;
        leaveJob(p, now, out);
        out.persist(new Change.PeerChanged(p.toRecord()));
        forget(p);
    }

    /**
     * A peer that left or was lost has nothing more to do here: its record is stored, and if
     * it comes back it joins afresh. Keeping it would pin its (possibly retired) job in memory.
     */
    private void forget(Peer p) {
        s.peers.remove(p.id);
        s.disconnected.remove(p);
    }

    private void release(Peer p, AttemptState end, String reason, long now, Out out) {
        for (Long lease : new ArrayList<>(p.running)) {
            AttemptRun a = s.attempts.get(lease);
            life.endAttempt(a, end, reason, now, out);
            life.requeue(a.task, now, out);
        }
        Set<TaskRun> reserved = s.preferredByPeer.remove(p.id);
        if (reserved != null) {
            for (TaskRun t : reserved) {
                t.preferredPeer = null; // reassigned to a peer that is gone: anyone may take it
                if (t.isWaiting()) {
                    s.markDirty(t.job);
                }
            }
        }
    }

    private void leaveJob(Peer p, long now, Out out) {
        Job job = p.job;
        if (job == null) {
            return;
        }
        job.peers.remove(p); // p.job stays: its last stored record still says which job it was in
        job.mayTakeWork.remove(p);
        if (job.peers.isEmpty()) {
            job.idleSince = now;
        }
        life.maybeComplete(job, now, out);
        life.retireIfDone(job);
    }
}
