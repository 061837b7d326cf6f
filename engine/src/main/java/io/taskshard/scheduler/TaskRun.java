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
    /** Expected run time for the ready order: the last observed one, else the configured default. */
    final long expectedMs;
    /** The last observed run time of this task id in a job of this name; 0 = never observed. */
    final long observedMs;
    /** How long it may wait while ready (submitted jobs): stated, else the configured default. */
    final long toleranceMs;
    // Both made on first use: most tasks have no dependents and never fail, and an empty list and
    // set per task were ~90 MB of a 1,000,000-task job (docs/benchmarks.md, scale).
    private List<TaskRun> dependents;
    /** Peers on which an attempt failed: a retry prefers another peer. */
    private Set<String> failedOn;
    /** Written only through {@link #moveTo}, which keeps the job's per-state counts true. */
    private TaskState state;
    int priority;
    int attemptsUsed;
    /** Failed attempts counted against {@code spec.attempts()}; an operator retry resets it. */
    int failuresCounted;
    int unmetNeeds;
    AttemptRun current;
    String preferredPeer;
    long readySince;
    /**
     * Ended cancelled by an operator's cancel (of it, or of a task it needs), not by a failure:
     * a retry that re-runs a failed job's work leaves these cancelled. Stored with the task.
     */
    boolean cancelledByOperator;

    TaskRun(long uid, Job job, TaskSpec spec, int index, long expectedMs, long observedMs, long defaultToleranceMs) {
        this.uid = uid;
        this.job = job;
        this.spec = spec;
        this.index = index;
        this.expectedMs = expectedMs;
        this.observedMs = observedMs;
        this.priority = spec.priority();
        long stated = spec.delayToleranceMs();
        this.toleranceMs = stated > 0 ? stated : defaultToleranceMs;
    }

    TaskState state() {
        return state;
    }

    /** Changes the task's state and the job's count of tasks per state with it. */
    void moveTo(TaskState next) {
        job.countMove(state, next);
        state = next;
    }

    /** Tasks that need this one. */
    List<TaskRun> dependents() {
        return dependents == null ? List.of() : dependents;
    }

    void addDependent(TaskRun t) {
        if (dependents == null) {
            dependents = new ArrayList<>(2);
        }
        dependents.add(t);
    }

    boolean failedOn(String peerId) {
        return failedOn != null && failedOn.contains(peerId);
    }

    void markFailedOn(String peerId) {
        if (failedOn == null) {
            failedOn = new HashSet<>(2);
        }
        failedOn.add(peerId);
    }

    /** An operator retry: every peer is as good as any other again. */
    void forgetFailures() {
        failedOn = null;
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
                current == null ? 0 : current.lease, preferredPeer, readySince, observedMs, failuresCounted,
                cancelledByOperator);
    }
}
