package io.taskshard.scheduler;

import io.taskshard.model.AttemptRecord;
import io.taskshard.model.AttemptState;
import io.taskshard.model.JobRecord;
import io.taskshard.model.JobState;
import io.taskshard.model.PeerRecord;
import io.taskshard.model.PeerState;
import io.taskshard.model.RecoveredState;
import io.taskshard.model.StoredJob;
import io.taskshard.model.TaskRecord;
import io.taskshard.model.TaskSpec;
import io.taskshard.model.TaskState;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Rebuilds scheduling state from the store after a restart. Attempts that were running stay
 * live and their peers get the reconnect grace period, counted from {@code now}: a peer that
 * comes back keeps them; the rest end as lost at the first tick after the deadline.
 */
final class Recovery {
    private Recovery() {
    }

    static void restore(State s, RecoveredState r, long now) {
        s.lastLease = r.maxLease();
        s.lastJobId = r.maxJobId();
        s.lastTaskUid = r.maxTaskUid();
        Map<Long, Map<String, TaskRecord>> tasksByJob = new HashMap<>();
        for (TaskRecord tr : r.tasks()) {
            tasksByJob.computeIfAbsent(tr.jobId(), j -> HashMap.newHashMap(
                    r.specsByJob().getOrDefault(j, List.of()).size())).put(tr.taskId(), tr);
        }
        for (JobRecord jr : r.jobs()) {
            restoreJob(s, jr, r.specsByJob().getOrDefault(jr.id(), List.of()),
                    tasksByJob.getOrDefault(jr.id(), Map.of()), now);
        }
        Map<String, PeerRecord> peerRecords = new HashMap<>();
        for (PeerRecord pr : r.peers()) {
            peerRecords.put(pr.id(), pr);
        }
        for (AttemptRecord ar : r.attempts()) {
            restoreAttempt(s, ar, peerRecords, now);
        }
        for (Job job : s.jobs.values()) {
            settle(s, job, tasksByJob.getOrDefault(job.id, Map.of()));
        }
    }

    /**
     * Takes an ended job back from the store (an operator retries one of its tasks after it left
     * memory); returns the task with {@code taskUid}, or null when the stored job is not ended
     * (then it ended in memory a moment ago and is not stored as such yet) or lacks that task.
     */
    static TaskRun restoreEnded(State s, StoredJob stored, long taskUid, long now) {
        JobRecord jr = stored.job();
        if (jr.state() == JobState.RUNNING || s.jobs.containsKey(jr.id())) {
            return null;
        }
        Map<String, TaskRecord> records = HashMap.newHashMap(stored.tasks().size());
        for (TaskRecord tr : stored.tasks()) {
            records.put(tr.taskId(), tr);
        }
        Job job = restoreJob(s, jr, stored.specs(), records, now);
        job.finishedAt = jr.finishedAt();
        for (AttemptRecord ar : stored.attempts()) {
            restoreAttempt(s, ar, Map.of(), now); // all ended: no peer is brought back
        }
        settle(s, job, records);
        return s.tasksByUid.get(taskUid);
    }

    /** After a job's attempts are back: failures counted as stored, ready tasks queued. */
    private static void settle(State s, Job job, Map<String, TaskRecord> records) {
        for (TaskRun t : job.tasks) {
            TaskRecord tr = records.get(t.spec.id());
            if (tr != null && tr.failuresCounted() >= 0) {
                // as stored: failures before an operator retry do not count again (-1: stored before
                // this was kept, so every failed attempt counts, as restoreAttempt counted them)
                t.failuresCounted = tr.failuresCounted();
            }
            if (t.state() == TaskState.RUNNING && t.current == null) {
                t.moveTo(TaskState.READY); // stored as running but no live attempt survived
            }
            if (t.state() == TaskState.READY) {
                s.readySetOf(job).add(t);
            }
        }
        s.markDirty(job);
    }

    private static Job restoreJob(State s, JobRecord jr, List<TaskSpec> specs, Map<String, TaskRecord> records,
                                  long now) {
        Job job = new Job(jr.id(), jr.kind(), jr.name(), jr.schemaHash(), jr.cacheId(), jr.complexPatchset(),
                jr.createdAt(), s.countsTouched);
        job.state = jr.state();
        job.addRepoState(jr.repoState());
        job.failedTasks.addAll(jr.failedTasks());
        s.jobs.put(job.id, job);
        for (int i = 0; i < specs.size(); i++) {
            TaskSpec spec = specs.get(i);
            TaskRecord tr = records.get(spec.id());
            TaskRun t = new TaskRun(tr.uid(), job, spec, i, s.expectedOf(job.name, spec.id()),
                    s.observedOf(job.name, spec.id()), s.config.defaultDelayToleranceMs());
            t.moveTo(tr.state());
            t.priority = tr.priority();
            t.attemptsUsed = tr.attemptsUsed();
            s.prefer(t, tr.preferredPeer());
            t.readySince = tr.readySince();
            t.cancelledByOperator = tr.cancelledByOperator();
            job.tasks.add(t);
            job.byTaskId.put(spec.id(), t);
            s.tasksByUid.put(t.uid, t);
            if (t.state().isEnd()) {
                job.endedTasks++;
            }
        }
        for (TaskRun t : job.tasks) {
            for (String need : t.spec.needs()) {
                TaskRun n = job.byTaskId.get(need);
                if (n != null) {
                    n.addDependent(t);
                    if (n.state() != TaskState.SUCCEEDED) {
                        t.unmetNeeds++;
                    }
                }
            }
        }
        job.failing = !job.failedTasks.isEmpty();
        job.idleSince = now; // the abandonment clock starts again: peers get the time to come back
        return job;
    }

    private static void restoreAttempt(State s, AttemptRecord ar, Map<String, PeerRecord> peerRecords, long now) {
        Job job = s.jobs.get(ar.jobId());
        TaskRun t = job == null ? null : job.byTaskId.get(ar.taskId());
        if (t == null) {
            return;
        }
        long cap = t.spec.timeoutMs();
        AttemptRun a = AttemptRun.fromRecord(ar, t, cap > 0 ? ar.assignedAt() + cap : 0);
        s.attempts.put(a.lease, a);
        if (a.state == AttemptState.FAILED || a.state == AttemptState.ERROR) {
            t.markFailedOn(a.peerId);
            t.failuresCounted++;
        }
        if (!a.isLive()) {
            return;
        }
        t.current = a;
        t.moveTo(TaskState.RUNNING);
        job.liveAttempts++;
        if (a.deadline > 0) {
            s.deadlines.add(a);
        }
        Peer p = s.peers.computeIfAbsent(a.peerId, id -> restorePeer(id, peerRecords.get(id), job, now, s));
        p.running.add(a.lease);
    }

    private static Peer restorePeer(String id, PeerRecord pr, Job job, long now, State s) {
        Peer p = new Peer(id);
        p.state = PeerState.DISCONNECTED;
        p.graceDeadline = now + s.config.graceMs();
        p.slots = pr != null ? pr.slots() : 1;
        p.worker = pr != null && pr.worker();
        p.job = p.worker ? null : job;
        if (pr != null) {
            p.labels = pr.labels();
            p.resources = pr.resources();
            p.draining = pr.draining();
        }
        if (p.job != null) {
            job.peers.add(p);
        }
        s.disconnected.add(p);
        return p;
    }
}
