package io.taskshard.model;

/** SHARED jobs are formed by peers that all need the same schema; SUBMITTED ones run on workers. */
public enum JobKind {
    SHARED,
    SUBMITTED;

    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
