package io.taskshard.scheduler;

import io.taskshard.model.AttemptState;
import io.taskshard.model.AuditRecord;
import io.taskshard.model.Change;
import io.taskshard.model.JobKind;
import io.taskshard.model.JobState;
import io.taskshard.model.PeerState;
import io.taskshard.model.StoredJob;
import io.taskshard.model.TaskState;
import io.taskshard.scheduler.Decision.Reply;
import java.util.ArrayList;

/**
 * Operator actions. Each answers with exactly one {@link Reply} and is audited, accepted or not.
 * Refusals say why in words an operator can act on.
 */
final class OperatorCommands {
    private final State s;
    private final Lifecycle life;
    private final Schedules schedules;
    private final Retries retries;

    OperatorCommands(State s, Lifecycle life, Schedules schedules) {
        this.s = s;
        this.life = life;
        this.schedules = schedules;
        this.retries = new Retries(s, life);
    }

    void handle(Event.Command c, long now, Out out) {
        Reply reply = switch (c.command()) {
            case OperatorCommand.Reassign r -> reassign(c.requestId(), r, now, out);
            case OperatorCommand.Retry r -> retry(c.requestId(), r, c.storedJob(), now, out);
            case OperatorCommand.CancelTask r -> cancelTask(c.requestId(), r, now, out);
            case OperatorCommand.CancelJob r -> cancelJob(c.requestId(), r, now, out);
            case OperatorCommand.Drain r -> drain(c.requestId(), r, out);
            case OperatorCommand.SetPriority r -> priority(c.requestId(), r, out);
            case OperatorCommand.Submit r -> submit(c.requestId(), r, now, out);
            case OperatorCommand.AddSchedule r -> schedules.add(c.requestId(), r, now, out);
            case OperatorCommand.RemoveSchedule r -> schedules.remove(c.requestId(), r, out);
        };
        String action = c.command() instanceof OperatorCommand.Drain d && !d.drain() ? "undrain" // one class, two actions
                : c.command().getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT);
        out.persist(new Change.Audited(new AuditRecord(now, c.actor(), action, target(c.command()),
                reply.status() < 300 ? String.valueOf(c.command()) : reply.message(), reply.status() < 300)));
        out.reply(reply);
    }

    private static String target(OperatorCommand command) {
        return switch (command) {
            case OperatorCommand.Reassign r -> "task:" + r.taskUid();
            case OperatorCommand.Retry r -> "task:" + r.taskUid();
            case OperatorCommand.CancelTask r -> "task:" + r.taskUid();
            case OperatorCommand.SetPriority r -> "task:" + r.taskUid();
            case OperatorCommand.CancelJob r -> "job:" + r.jobId();
            case OperatorCommand.Drain r -> "peer:" + r.peer();
            case OperatorCommand.Submit r -> "schema:" + r.schema().name();
            case OperatorCommand.AddSchedule r -> "schedule:" + r.name();
            case OperatorCommand.RemoveSchedule r -> "schedule:" + r.scheduleId();
        };
    }

    private Reply unknownTask(long id, long uid) {
        return Reply.refused(id, 404, "unknown-task", "no task " + uid + " in a running job: its job ended and"
                + " left the coordinator's memory (ended jobs stay readable, but take no commands); start a new run");
    }

    private static Reply conflict(long id, String message) {
        return Reply.refused(id, 409, "conflict", message);
    }

    /**
     * A command on a running task the operator did not confirm as running: it may have started
     * between the dialog and the click, and restarting it silently would throw its work away.
     */
    private static Reply runningUnconfirmed(long id, TaskRun t, String what) {
        String where = t.current == null ? "" : " on " + t.current.peerId;
        return conflict(id, "task '" + t.spec.id() + "' started running" + where + " meanwhile; confirm to " + what);
    }

    private Reply reassign(long id, OperatorCommand.Reassign r, long now, Out out) {
        TaskRun t = s.tasksByUid.get(r.taskUid());
        if (t == null) {
            return unknownTask(id, r.taskUid());
        }
        Peer p = s.peers.get(r.peer());
        if (p == null) {
            return Reply.refused(id, 404, "unknown-peer", "no peer '" + r.peer() + "'");
        }
        String why = whyNotTo(t, p);
        if (why != null) {
            return conflict(id, "cannot reassign task '" + t.spec.id() + "' to " + p.id + ": " + why);
        }
        if (t.state() == TaskState.RUNNING && !r.confirmRunning()) {
            return runningUnconfirmed(id, t, "move it to " + p.id);
        }
        if (t.state() == TaskState.RUNNING) {
            life.revoke(t.current, AttemptState.CANCELLED, "reassigned to " + p.id + " by operator", now, out);
            s.prefer(t, p.id);
            life.requeue(t, now, out);
        } else {
            s.prefer(t, p.id);
            s.markDirty(t.job);
            out.persist(new Change.TaskChanged(t.toRecord()));
        }
        return Reply.ok(id, t.toRecord());
    }

    private static String whyNotTo(TaskRun t, Peer p) {
        if (t.job.state != JobState.RUNNING || t.job.failing) {
            return "its job has ended or is failing";
        }
        if (!t.isWaiting() && t.state() != TaskState.RUNNING) {
            return "the task already ended (" + t.state().wire() + ")";
        }
        if (t.current != null && t.current.peerId.equals(p.id)) {
            return "it is already running there";
        }
        if (p.state != PeerState.CONNECTED) {
            return "the peer is " + p.state.wire();
        }
        if (p.draining) {
            return "the peer is draining";
        }
        boolean member = t.job.kind == JobKind.SUBMITTED ? p.worker : t.job.peers.contains(p);
        if (!member) {
            return "the peer is not part of job " + t.job.id;
        }
        if (!p.fits(t)) {
            return "the peer lacks the task's labels or resources";
        }
        return null;
    }

    /**
     * {@code stored}: the task's job as stored, when the shell found it ended there; the job is
     * taken back into memory if it left (a retry of an ended job re-opens it).
     */
    private Reply retry(long id, OperatorCommand.Retry r, StoredJob stored, long now, Out out) {
        TaskRun t = s.tasksByUid.get(r.taskUid());
        if (t == null && stored != null) {
            t = Recovery.restoreEnded(s, stored, r.taskUid(), now);
        }
        if (t == null) {
            return Reply.refused(id, 404, "unknown-task", "no task " + r.taskUid()
                    + " (if its job ended just now, try again)");
        }
        String why = retries.whyNot(t);
        if (why != null) {
            life.retireIfDone(t.job); // a job taken back from the store for nothing leaves again
            return conflict(id, why);
        }
        if (t.state() == TaskState.RUNNING && !r.confirmRunning()) {
            return runningUnconfirmed(id, t, "restart it");
        }
        retries.retry(t, now, out);
        return Reply.ok(id, t.toRecord());
    }

    /** A submitted job is bounded like a peer's: refused with 429 when it would go over the job limits. */
    private Reply submit(long id, OperatorCommand.Submit r, long now, Out out) {
        Bounds.Refusal refusal = Bounds.checkNewJob(s, null, r.template().specs().size());
        if (refusal != null) {
            return Reply.refused(id, refusal.httpStatus(), refusal.code(), refusal.message());
        }
        return new Reply(id, 201, null, null, schedules.submit(r.template(), now, out).toRecord());
    }

    private Reply cancelTask(long id, OperatorCommand.CancelTask r, long now, Out out) {
        TaskRun t = s.tasksByUid.get(r.taskUid());
        if (t == null) {
            return unknownTask(id, r.taskUid());
        }
        if (t.state().isEnd()) {
            return conflict(id, "task '" + t.spec.id() + "' already ended (" + t.state().wire() + ")");
        }
        if (t.state() == TaskState.RUNNING) {
            life.revoke(t.current, AttemptState.CANCELLED, "cancelled by operator", now, out);
        }
        t.cancelledByOperator = true;
        life.ended(t, TaskState.CANCELLED, null, now, out);
        return Reply.ok(id, t.toRecord());
    }

    private Reply cancelJob(long id, OperatorCommand.CancelJob r, long now, Out out) {
        Job job = s.jobs.get(r.jobId());
        if (job == null) {
            return Reply.refused(id, 404, "unknown-job", "no running job " + r.jobId());
        }
        if (job.state != JobState.RUNNING) {
            return conflict(id, "job " + job.id + " already ended (" + job.state.wire() + ")");
        }
        job.cancelRequested = true;
        JobStateSnapshot before = new JobStateSnapshot(job.id, job.name);
        for (TaskRun t : new ArrayList<>(job.tasks)) {
            if (t.state() == TaskState.RUNNING) {
                life.revoke(t.current, AttemptState.CANCELLED, "job cancelled by operator", now, out);
                t.cancelledByOperator = true;
                life.ended(t, TaskState.CANCELLED, null, now, out);
            } else if (t.isWaiting()) {
                t.cancelledByOperator = true;
                life.ended(t, TaskState.CANCELLED, null, now, out);
            }
        }
        return Reply.ok(id, before);
    }

    /** Reply body of a job cancel (the job may have left memory by the time the reply is read). */
    record JobStateSnapshot(long id, String name) {
    }

    private Reply drain(long id, OperatorCommand.Drain r, Out out) {
        Peer p = s.peers.get(r.peer());
        if (p == null || !p.isPresent()) {
            return Reply.refused(id, 404, "unknown-peer", "no connected peer '" + r.peer() + "'");
        }
        p.draining = r.drain();
        if (!p.draining) {
            if (p.job != null) {
                p.job.mayTakeWork.add(p);
                s.markDirty(p.job);
            }
            s.workersDirty |= p.worker;
        }
        out.persist(new Change.PeerChanged(p.toRecord()));
        return Reply.ok(id, p.toRecord());
    }

    private Reply priority(long id, OperatorCommand.SetPriority r, Out out) {
        TaskRun t = s.tasksByUid.get(r.taskUid());
        if (t == null) {
            return unknownTask(id, r.taskUid());
        }
        if (t.state().isEnd()) {
            return conflict(id, "task '" + t.spec.id() + "' already ended (" + t.state().wire() + ")");
        }
        boolean wasReady = s.readySetOf(t.job).remove(t); // its position in the ready order depends on priority
        t.priority = r.priority();
        if (wasReady) {
            s.readySetOf(t.job).add(t);
        }
        out.persist(new Change.TaskChanged(t.toRecord()));
        return Reply.ok(id, t.toRecord());
    }
}
