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

    TaskRun(long uid, Job job, TaskSpec spec, int index, long expectedMs) {
        this.uid = uid;
        this.job = job;
        this.spec = spec;
        this.index = index;
        this.expectedMs = expectedMs;
        this.priority = spec.priority();
    }

    boolean isWaiting() {
        return state == TaskState.READY || state == TaskState.BLOCKED;
    }

    TaskRecord toRecord() {
        return new TaskRecord(uid, job.id, spec.id(), state, priority, attemptsUsed,
                current == null ? 0 : current.lease, preferredPeer, readySince);
    }
}
