package io.taskshard.model;

/** A job runs until every task is in an end state, then it has an outcome. */
public enum JobState {
    RUNNING,
    SUCCEEDED,
    FAILED,
    CANCELLED;

    public boolean isEnd() {
        return this != RUNNING;
    }

    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
