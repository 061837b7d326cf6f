package io.taskshard.scheduler;

import io.taskshard.model.AttemptState;
import io.taskshard.model.AuditRecord;
import io.taskshard.model.Change;
import io.taskshard.model.JobKind;
import io.taskshard.model.JobState;
import io.taskshard.model.PeerState;
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

    OperatorCommands(State s, Lifecycle life, Schedules schedules) {
        this.s = s;
        this.life = life;
        this.schedules = schedules;
    }

    void handle(Event.Command c, long now, Out out) {
        Reply reply = switch (c.command()) {
            case OperatorCommand.Reassign r -> reassign(c.requestId(), r, now, out);
            case OperatorCommand.Retry r -> retry(c.requestId(), r, now, out);
            case OperatorCommand.CancelTask r -> cancelTask(c.requestId(), r, now, out);
            case OperatorCommand.CancelJob r -> cancelJob(c.requestId(), r, now, out);
            case OperatorCommand.Drain r -> drain(c.requestId(), r, out);
            case OperatorCommand.SetPriority r -> priority(c.requestId(), r, out);
            case OperatorCommand.Submit r ->
                    new Reply(c.requestId(), 201, null, null, schedules.submit(r.template(), now, out).toRecord());
            case OperatorCommand.AddSchedule r -> schedules.add(c.requestId(), r, now, out);
            case OperatorCommand.RemoveSchedule r -> schedules.remove(c.requestId(), r, out);
        };
        String action = c.command().getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT);
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
        return Reply.refused(id, 404, "unknown-task", "no task " + uid + " in any job the coordinator is running");
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

    private Reply retry(long id, OperatorCommand.Retry r, long now, Out out) {
        TaskRun t = s.tasksByUid.get(r.taskUid());
        if (t == null) {
            return unknownTask(id, r.taskUid());
        }
        if (t.job.state != JobState.RUNNING || t.job.failing || t.job.cancelRequested) {
            return conflict(id, "job " + t.job.id + " has ended or is failing; start a new run instead");
        }
        for (String need : t.spec.needs()) {
            TaskRun n = t.job.byTaskId.get(need);
            if (n.state() == TaskState.FAILED || n.state() == TaskState.CANCELLED) {
                return conflict(id, "task '" + t.spec.id() + "' needs '" + need + "', which is " + n.state().wire()
                        + "; retry '" + need + "' first");
            }
        }
        if (t.state() == TaskState.RUNNING && !r.confirmRunning()) {
            return runningUnconfirmed(id, t, "restart it");
        }
        switch (t.state()) {
            case RUNNING -> life.revoke(t.current, AttemptState.CANCELLED, "restarted by operator", now, out);
            case CANCELLED -> {
                t.job.endedTasks--;
                out.persist(new Change.JobChanged(t.job.toRecord()));
            }
            default -> {
                return conflict(id, "task '" + t.spec.id() + "' is " + t.state().wire() + "; only running or"
                        + " cancelled tasks can be retried");
            }
        }
        t.failuresCounted = 0;
        t.forgetFailures();
        life.requeue(t, now, out);
        return Reply.ok(id, t.toRecord());
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
                life.ended(t, TaskState.CANCELLED, null, now, out);
            } else if (t.isWaiting()) {
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
