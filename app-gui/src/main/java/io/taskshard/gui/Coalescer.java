package io.taskshard.gui;

import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Turns a storm of "something changed" signals from any thread into at most one pending run of
 * {@code task} on the UI executor ({@code Platform::runLater}): a signal while a run is pending
 * is folded into it. The run reads the latest state itself, so nothing is lost, and the FX
 * queue never holds more than one of these however fast the event stream is.
 */
public final class Coalescer {
    private final Executor ui;
    private final Runnable task;
    private final AtomicBoolean pending = new AtomicBoolean();

    public Coalescer(Executor ui, Runnable task) {
        this.ui = Objects.requireNonNull(ui, "ui");
        this.task = Objects.requireNonNull(task, "task");
    }

    /** Schedules a run unless one is already pending. Safe from any thread. */
    public void signal() {
        if (pending.compareAndSet(false, true)) {
            ui.execute(() -> {
                // Cleared before running: a change during the run schedules the next one.
                pending.set(false);
                task.run();
            });
        }
    }
}
