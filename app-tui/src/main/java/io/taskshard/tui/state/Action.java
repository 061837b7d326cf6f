package io.taskshard.tui.state;

import io.taskshard.client.TaskRef;

/**
 * What a key press asks the shell to do beyond changing the view: quit, or send one operator
 * command. Commands are sent off the UI thread; their answer comes back as a status message.
 */
public sealed interface Action {
    /** Words for the status line while the command is under way, e.g. "retrying //app:test". */
    String describe();

    /** Leave the dashboard (restoring the terminal). */
    record Quit() implements Action {
        @Override
        public String describe() {
            return "quitting";
        }
    }

    /** Only {@code peer} may then take the task; a running one is cancelled and re-queued for it. */
    /**
     * @param running "" for a task not running when the dialog was drawn; else its progress
     *                ("slow-1 has run 29 s of ~30 s"): the operator confirmed restarting it, so
     *                the command is sent with {@code confirmRunning}
     */
    record Reassign(TaskRef task, String taskId, String peer, String running) implements Action {
        public Reassign(TaskRef task, String taskId, String peer) {
            this(task, taskId, peer, "");
        }

        public boolean confirmRunning() {
            return !running.isEmpty();
        }

        @Override
        public String describe() {
            return running.isEmpty() ? "reassign " + taskId + " to " + peer
                    : "reassign " + taskId + " to " + peer + ": " + running + ": restart it on " + peer;
        }
    }

    /** @param running as for {@link Reassign} */
    record Retry(TaskRef task, String taskId, String running) implements Action {
        public Retry(TaskRef task, String taskId) {
            this(task, taskId, "");
        }

        public boolean confirmRunning() {
            return !running.isEmpty();
        }

        @Override
        public String describe() {
            return running.isEmpty() ? "retry " + taskId : "retry " + taskId + ": " + running + ": restart it";
        }
    }

    record CancelTask(TaskRef task, String taskId) implements Action {
        @Override
        public String describe() {
            return "cancel task " + taskId;
        }
    }

    record CancelJob(long jobId) implements Action {
        @Override
        public String describe() {
            return "cancel job " + jobId + " (every unfinished task)";
        }
    }

    record SetPriority(TaskRef task, String taskId, int priority) implements Action {
        @Override
        public String describe() {
            return "set the priority of " + taskId + " to " + priority;
        }
    }

    /** Drain ({@code drain} true) or undrain a peer. */
    record Drain(String peer, boolean drain) implements Action {
        @Override
        public String describe() {
            return (drain ? "drain" : "undrain") + " peer " + peer;
        }
    }
}
