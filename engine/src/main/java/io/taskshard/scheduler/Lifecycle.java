package io.taskshard.scheduler;

import io.taskshard.model.AttemptState;
import io.taskshard.model.Change;
import io.taskshard.model.JobKind;
import io.taskshard.model.JobState;
import io.taskshard.model.PeerState;
import io.taskshard.model.TaskState;
import io.taskshard.protocol.CoordinatorMessage;
import io.taskshard.protocol.TaskSpecJson;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.TreeSet;

/** The transitions of tasks, attempts and jobs, shared by peer events, ticks and operator commands. */
final class Lifecycle {
    private final State s;

    Lifecycle(State s) {
        this.s = s;
    }

    void makeReady(TaskRun t, long now, Out out) {
        t.moveTo(TaskState.READY);
        t.readySince = now;
        s.readySetOf(t.job).add(t);
        s.markDirty(t.job);
        out.persist(new Change.TaskChanged(t.toRecord()));
    }

    /**
     * A failed task of a submitted job is ready again only at {@code at} (attempts with backoff):
     * its state is ready with {@code readySince} in the future; {@link Clockwork} queues it then.
     */
    private void waitOutBackoff(TaskRun t, long at, Out out) {
        t.moveTo(TaskState.READY);
        t.readySince = at;
        s.backoff.add(t);
        out.persist(new Change.TaskChanged(t.toRecord()));
    }

    /** Queues the tasks whose retry backoff is over (entries of tasks that moved on meanwhile are dropped). */
    void releaseBackoff(long now) {
        while (!s.backoff.isEmpty() && s.backoff.peek().readySince <= now) {
            TaskRun t = s.backoff.poll();
            if (t.state() == TaskState.READY && t.job.state == JobState.RUNNING && !t.job.failing) {
                s.readySetOf(t.job).add(t);
                s.markDirty(t.job);
            }
        }
    }

    /** Puts a task that lost its attempt (or was reset) back in line, or blocks it on its needs. */
    void requeue(TaskRun t, long now, Out out) {
        if (t.job.failing || t.job.cancelRequested) {
            ended(t, TaskState.CANCELLED, null, now, out);
        } else if (t.unmetNeeds > 0) {
            t.moveTo(TaskState.BLOCKED);
                out.persist(new Change.TaskChanged(t.toRecord()));
        } else {
            makeReady(t, now, out);
        }
    }

    void assign(TaskRun t, Peer p, long now, Out out) {
        s.readySetOf(t.job).remove(t);
        long lease = ++s.lastLease;
        long cap = t.spec.timeoutMs();
        AttemptRun a = new AttemptRun(lease, t, p.id, ++t.attemptsUsed, now, cap > 0 ? now + cap : 0);
        s.attempts.put(lease, a);
        if (a.deadline > 0) {
            s.deadlines.add(a);
        }
        t.current = a;
        t.moveTo(TaskState.RUNNING);
        t.job.liveAttempts++;
        p.running.add(lease);
        out.persist(new Change.AttemptChanged(a.toRecord()));
        out.persist(new Change.TaskChanged(t.toRecord()));
        out.send(p.id, new CoordinatorMessage.Assign(lease, TaskSpecJson.toWire(t.spec), a.number, cap));
    }

    /** Ends a live attempt in {@code state}; the task is left for the caller to move on. */
    void endAttempt(AttemptRun a, AttemptState state, String reason, long now, Out out) {
        a.state = state;
        a.endedAt = now;
        if (reason != null) {
            a.reason = reason;
        }
        TaskRun t = a.task;
        if (t.current == a) {
            t.current = null;
        }
        t.job.liveAttempts--;
        Peer p = s.peers.get(a.peerId);
        if (p != null && p.running.remove(a.lease)) {
            if (p.job != null) {
                p.job.mayTakeWork.add(p);
                s.markDirty(p.job);
            }
            if (p.worker) {
                s.workersDirty = true;
            }
        }
        out.persist(new Change.AttemptChanged(a.toRecord()));
    }

    /** Ends a live attempt the coordinator takes back (reassign, cancel, lost) and tells the peer. */
    void revoke(AttemptRun a, AttemptState state, String reason, long now, Out out) {
        endAttempt(a, state, reason, now, out);
        Peer p = s.peers.get(a.peerId);
        if (p != null && p.state == PeerState.CONNECTED) {
            out.send(p.id, new CoordinatorMessage.Cancel(a.lease, reason));
        }
    }

    void succeeded(TaskRun t, String by, long durationMs, long now, Out out) {
        out.persist(new Change.DurationObserved(State.taskKey(t.job.name, t.spec.id()), durationMs));
        s.expectedMs.put(State.taskKey(t.job.name, t.spec.id()), durationMs);
        Peer p = s.peers.get(by);
        if (p != null) {
            p.tasksDone++;
        }
        ended(t, TaskState.SUCCEEDED, by, now, out);
        for (TaskRun d : t.dependents()) {
            if (--d.unmetNeeds == 0 && d.state() == TaskState.BLOCKED) {
                makeReady(d, now, out);
            }
        }
    }

    /** A failed or errored attempt: retry (on another peer where one exists) or fail the task. */
    void attemptFailed(TaskRun t, String peerId, boolean retryable, long now, Out out) {
        t.markFailedOn(peerId);
        t.failuresCounted++;
        if (retryable && t.failuresCounted < t.spec.attempts() && !t.job.failing) {
            long wait = t.job.kind == JobKind.SUBMITTED ? s.config.retryBackoffAfter(t.failuresCounted) : 0;
            if (wait > 0) {
                waitOutBackoff(t, now + wait, out);
            } else {
                makeReady(t, now, out);
            }
            return;
        }
        t.job.failedTasks.add(t.spec.id());
        ended(t, TaskState.FAILED, peerId, now, out);
        failJob(t.job, now, out);
    }

    /**
     * A task failed for good: the job cannot succeed, so nothing new starts. Waiting tasks
     * are cancelled; running ones may finish; the job completes once nothing runs.
     */
    private void failJob(Job job, long now, Out out) {
        if (job.failing) {
            return;
        }
        job.failing = true;
        for (TaskRun w : new ArrayList<>(job.tasks)) {
            if (w.isWaiting()) {
                cancelWaiting(w, "job failed", now, out);
            }
        }
    }

    /**
     * Ends a job {@code cancelled}: live attempts are revoked, waiting tasks cancelled; the job
     * completes (and leaves memory once no peer of it is left). {@code reason} goes on the
     * revoked attempts.
     */
    void cancelJob(Job job, String reason, long now, Out out) {
        job.cancelRequested = true;
        for (TaskRun t : new ArrayList<>(job.tasks)) {
            if (t.state() == TaskState.RUNNING && t.current != null) {
                revoke(t.current, AttemptState.CANCELLED, reason, now, out);
                ended(t, TaskState.CANCELLED, null, now, out);
            } else if (t.isWaiting()) {
                ended(t, TaskState.CANCELLED, null, now, out);
            }
        }
        maybeComplete(job, now, out);
    }

    void cancelWaiting(TaskRun t, String reason, long now, Out out) {
        s.readySetOf(t.job).remove(t);
        ended(t, TaskState.CANCELLED, null, now, out);
    }

    /** Moves a task to an end state, records it for task-done, and cancels what can no longer run. */
    void ended(TaskRun t, TaskState end, String by, long now, Out out) {
        s.readySetOf(t.job).remove(t);
        t.moveTo(end);
        s.prefer(t, null);
        Job job = t.job;
        job.endedTasks++;
        job.done.add(new CoordinatorMessage.DoneTask(t.spec.id(), outcomeWord(end), by));
        out.persist(new Change.TaskChanged(t.toRecord()));
        if (end != TaskState.SUCCEEDED) {
            cancelDependents(t, now, out);
        }
        out.persist(job.published());
        maybeComplete(job, now, out);
    }

    private void cancelDependents(TaskRun root, long now, Out out) {
        Deque<TaskRun> todo = new ArrayDeque<>(root.dependents());
        while (!todo.isEmpty()) {
            TaskRun d = todo.pop();
            if (d.isWaiting()) {
                s.readySetOf(d.job).remove(d);
                d.cancelledByOperator = root.cancelledByOperator;
                d.moveTo(TaskState.CANCELLED);
                d.job.endedTasks++;
                d.job.done.add(new CoordinatorMessage.DoneTask(d.spec.id(), "cancelled", null));
                out.persist(new Change.TaskChanged(d.toRecord()));
                todo.addAll(d.dependents());
            }
        }
    }

    static String outcomeWord(TaskState end) {
        return switch (end) {
            case SUCCEEDED -> "success";
            case FAILED -> "failure";
            default -> "cancelled";
        };
    }

    /** Completes the job when every task has ended and nothing runs. */
    void maybeComplete(Job job, long now, Out out) {
        if (job.state != JobState.RUNNING || !job.allTasksEnded() || job.liveAttempts > 0) {
            return;
        }
        job.state = job.cancelRequested ? JobState.CANCELLED
                : job.failedTasks.isEmpty() ? JobState.SUCCEEDED : JobState.FAILED;
        job.finishedAt = now;
        s.readyByJob.remove(job.id);
        out.persist(job.published());
        job.done.flushAll(job.peers, out);
        CoordinatorMessage done = jobComplete(job);
        for (Peer p : job.peers) {
            if (p.state == PeerState.CONNECTED) {
                p.toldJobOver = true;
                out.send(p.id, done);
            }
        }
        retireIfDone(job);
    }

    static CoordinatorMessage.JobComplete jobComplete(Job job) {
        String outcome = switch (job.state) {
            case SUCCEEDED -> "success";
            case FAILED -> "failure";
            default -> "cancelled";
        };
        List<String> cancelled = new ArrayList<>();
        int cancelledCount = job.counts().cancelled();
        for (TaskRun t : job.tasks) {
            if (cancelled.size() == Math.min(cancelledCount, CoordinatorMessage.JobComplete.DEFAULT_CANCELLED_LISTED)) {
                break;
            }
            if (t.state() == TaskState.CANCELLED) {
                cancelled.add(t.spec.id());
            }
        }
        return new CoordinatorMessage.JobComplete(job.id, outcome, List.copyOf(job.failedTasks), cancelled,
                cancelledCount);
    }

    /** An ended job leaves memory once no peer of it is left (submitted jobs at once). */
    void retireIfDone(Job job) {
        if (job.state == JobState.RUNNING) {
            return;
        }
        if (job.kind == JobKind.SHARED && !job.peers.isEmpty()) {
            return;
        }
        s.jobs.remove(job.id);
        s.dirtyJobs.remove(job);
        for (TaskRun t : job.tasks) {
            s.tasksByUid.remove(t.uid);
            s.prefer(t, null);
        }
        s.attempts.values().removeIf(a -> a.task.job == job);
    }

    /** Sends the record of every job whose task counts changed in this event and did not go out. */
    void publishCounts(Out out) {
        for (Job job : s.countsTouched) {
            if (job.countsUnpublished() && s.jobs.get(job.id) == job) {
                out.persist(job.published());
            }
        }
        s.countsTouched.clear();
    }

    /** Hands ready tasks to peers with free slots, for every job something changed in. */
    void dispatch(long now, Out out) {
        while (!s.dirtyJobs.isEmpty()) {
            Job job = s.dirtyJobs.iterator().next();
            s.dirtyJobs.remove(job);
            if (job.state != JobState.RUNNING || job.failing) {
                continue;
            }
            TreeSet<TaskRun> ready = s.readySetOf(job);
            for (Iterator<Peer> it = job.mayTakeWork.iterator(); it.hasNext() && !ready.isEmpty(); ) {
                Peer p = it.next();
                fill(p, ready, job.peers, now, out);
                if (!p.canTakeWork()) {
                    it.remove(); // full, draining or away: it is offered again when that changes
                }
            }
        }
        if (s.workersDirty) {
            s.workersDirty = false;
            if (s.submittedReady.isEmpty()) {
                return; // nothing queued: no need to look at every peer (10,000 joining workers made that O(n^2))
            }
            List<Peer> workers = s.peers.values().stream().filter(p -> p.worker).toList();
            for (Peer w : workers) {
                fill(w, s.submittedReady, workers, now, out);
            }
        }
    }

    private void fill(Peer p, TreeSet<TaskRun> ready, Iterable<Peer> others, long now, Out out) {
        while (p.canTakeWork() && !ready.isEmpty()) {
            TaskRun t = pick(p, ready, others);
            if (t == null) {
                return;
            }
            assign(t, p, now, out);
        }
    }

    private TaskRun pick(Peer p, TreeSet<TaskRun> ready, Iterable<Peer> others) {
        for (TaskRun t : ready) {
            if (t.job.failing || (t.preferredPeer != null && !t.preferredPeer.equals(p.id)) || !p.fits(t)) {
                continue;
            }
            // a task an operator pinned to p runs there even after failing there: only p may run it,
            // so waiting for "another peer" would never end
            if (t.preferredPeer == null && t.failedOn(p.id) && someoneElseCanTakeNow(t, p, others)) {
                continue;
            }
            return t;
        }
        return null;
    }

    /** A retry prefers a peer it has not failed on, if such a peer has a free slot right now. */
    private static boolean someoneElseCanTakeNow(TaskRun t, Peer p, Iterable<Peer> others) {
        for (Peer q : others) {
            if (q != p && q.canTakeWork() && q.fits(t) && !t.failedOn(q.id)) {
                return true;
            }
        }
        return false;
    }
}
