package io.taskshard.scheduler;

import io.taskshard.model.TaskRecord;
import io.taskshard.model.TaskSpec;
import io.taskshard.model.TaskState;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Mutable scheduler-side state of one task of a job. */
final class TaskRun {
    final long uid;
    final Job job;
    final TaskSpec spec;
    /** Position in the schema; the last tie-breaker of the ready order. */
    final int index;
    final long expectedMs;
    /** How long it may wait while ready (submitted jobs): stated, else the configured default. */
    final long toleranceMs;
    final List<TaskRun> dependents = new ArrayList<>(0);
    /** Peers on which an attempt failed: a retry prefers another peer. */
    final Set<String> failedOn = new HashSet<>(2);
    TaskState state;
    int priority;
    int attemptsUsed;
    /** Failed attempts counted against {@code spec.attempts()}; an operator retry resets it. */
    int failuresCounted;
    int unmetNeeds;
    AttemptRun current;
    String preferredPeer;
    long readySince;

    TaskRun(long uid, Job job, TaskSpec spec, int index, long expectedMs, long defaultToleranceMs) {
        this.uid = uid;
        this.job = job;
        this.spec = spec;
        this.index = index;
        this.expectedMs = expectedMs;
        this.priority = spec.priority();
        long stated = spec.delayToleranceMs();
        this.toleranceMs = stated > 0 ? stated : defaultToleranceMs;
    }

    /** When its current wait breaches its delay tolerance. */
    long breachAt() {
        return readySince + toleranceMs > readySince ? readySince + toleranceMs : Long.MAX_VALUE;
    }

    boolean isWaiting() {
        return state == TaskState.READY || state == TaskState.BLOCKED;
    }

    TaskRecord toRecord() {
        return new TaskRecord(uid, job.id, spec.id(), state, priority, attemptsUsed,
                current == null ? 0 : current.lease, preferredPeer, readySince);
    }
}
