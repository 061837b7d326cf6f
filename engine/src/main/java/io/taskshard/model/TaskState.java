package io.taskshard.model;

/** Where a task of a job stands. BLOCKED and READY together are "waiting" in the UIs. */
public enum TaskState {
    /** Some of its {@code needs} (or an earlier step) have not succeeded yet. */
    BLOCKED,
    /** May be assigned to an eligible peer. */
    READY,
    /** Has exactly one live attempt. */
    RUNNING,
    SUCCEEDED,
    FAILED,
    CANCELLED;

    public boolean isEnd() {
        return this == SUCCEEDED || this == FAILED || this == CANCELLED;
    }

    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
