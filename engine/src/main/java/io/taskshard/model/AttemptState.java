package io.taskshard.model;

/** The life of one attempt (one lease). Every state but ASSIGNED and RUNNING is final. */
public enum AttemptState {
    ASSIGNED,
    RUNNING,
    SUCCEEDED,
    FAILED,
    /** The runner itself broke (peer-side error), as opposed to the task failing. */
    ERROR,
    /** The peer went away and did not come back within the grace period. */
    LOST,
    /** Taken back: reassigned, cancelled, timed out, or the job ended. */
    CANCELLED;

    public boolean isLive() {
        return this == ASSIGNED || this == RUNNING;
    }

    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
