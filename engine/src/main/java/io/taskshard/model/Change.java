package io.taskshard.model;

import java.util.List;

/**
 * A change of coordinator state that must be stored before any message depending on it goes
 * out. The scheduler emits these; the store writes a batch of them in one transaction; the
 * operator read model and the event stream are fed from the same records.
 */
public sealed interface Change {

    /** A new job with its task specs and the initial state of every task. */
    record JobCreated(JobRecord job, List<TaskSpec> specs, List<TaskRecord> tasks) implements Change {
    }

    record JobChanged(JobRecord job) implements Change {
    }

    record TaskChanged(TaskRecord task) implements Change {
    }

    /** Insert or update of the attempt with this lease. */
    record AttemptChanged(AttemptRecord attempt) implements Change {
    }

    record PeerChanged(PeerRecord peer) implements Change {
    }

    /** A successful attempt took this long; feeds longest-expected-first ordering. */
    record DurationObserved(String taskKey, long durationMs) implements Change {
    }

    record Audited(AuditRecord audit) implements Change {
    }

    /** A schedule was added, or fired (its next fire time and counters moved on). */
    record ScheduleChanged(ScheduleRecord schedule) implements Change {
    }

    /** A schedule was removed; it fires no more. */
    record ScheduleRemoved(long scheduleId) implements Change {
    }
}
