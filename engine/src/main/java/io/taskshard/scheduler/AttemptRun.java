package io.taskshard.scheduler;

import io.taskshard.model.AttemptRecord;
import io.taskshard.model.AttemptState;

/** Mutable scheduler-side state of one attempt (one lease). */
final class AttemptRun {
    final long lease;
    final TaskRun task;
    final String peerId;
    final int number;
    final long assignedAt;
    /** Execution cap: the attempt is cancelled and failed at this time; 0 = none. */
    final long deadline;
    AttemptState state;
    long startedAt;
    long endedAt;
    Integer exitCode;
    long durationMs;
    String log;
    String reason;

    AttemptRun(long lease, TaskRun task, String peerId, int number, long assignedAt, long deadline) {
        this.lease = lease;
        this.task = task;
        this.peerId = peerId;
        this.number = number;
        this.assignedAt = assignedAt;
        this.deadline = deadline;
        this.state = AttemptState.ASSIGNED;
    }

    static AttemptRun fromRecord(AttemptRecord r, TaskRun task, long deadline) {
        AttemptRun a = new AttemptRun(r.lease(), task, r.peerId(), r.attempt(), r.assignedAt(), deadline);
        a.state = r.state();
        a.startedAt = r.startedAt();
        a.endedAt = r.endedAt();
        a.exitCode = r.exitCode();
        a.durationMs = r.durationMs();
        a.log = r.log();
        a.reason = r.reason();
        return a;
    }

    boolean isLive() {
        return state.isLive();
    }

    /** True when this attempt ended because its peer reported a result (and so was acked). */
    boolean endedByResult() {
        return state == AttemptState.SUCCEEDED || state == AttemptState.FAILED || state == AttemptState.ERROR;
    }

    AttemptRecord toRecord() {
        return new AttemptRecord(lease, task.job.id, task.spec.id(), number, peerId, state, assignedAt, startedAt,
                endedAt, exitCode, durationMs, log, reason);
    }
}
