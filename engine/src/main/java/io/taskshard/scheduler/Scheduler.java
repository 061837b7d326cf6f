package io.taskshard.scheduler;

import io.taskshard.model.RecoveredState;
import java.util.ArrayList;
import java.util.List;

/**
 * The pure scheduling state machine: {@link #handle} takes an event and the current time and
 * returns decisions. It does no I/O, reads no clock and starts no threads.
 */
public final class Scheduler {
    private final SchedulerConfig config;

    public Scheduler(SchedulerConfig config, RecoveredState recovered, long now) {
        this.config = config;
    }

    public List<Decision> handle(Event event, long now) {
        List<Decision> out = new ArrayList<>();
        handle(event, now, out);
        return out;
    }

    /** Appends the decisions for {@code event} to {@code out} (lets the shell batch without copying). */
    public void handle(Event event, long now, List<Decision> out) {
        throw new UnsupportedOperationException("being written");
    }

    public SchedulerConfig config() {
        return config;
    }
}
