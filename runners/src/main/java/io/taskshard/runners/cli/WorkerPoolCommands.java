package io.taskshard.runners.cli;

import io.taskshard.cli.CommandProvider;

/** Adds the worker-pool commands ({@code worker}, {@code submit}, {@code schedule}, {@code status}). */
public final class WorkerPoolCommands {
    private WorkerPoolCommands() {
    }

    /** {@code taskshard worker}. */
    public static final class Worker implements CommandProvider {
        @Override
        public Object command() {
            return new WorkerCommand();
        }
    }

    /** {@code taskshard submit}. */
    public static final class Submit implements CommandProvider {
        @Override
        public Object command() {
            return new SubmitCommand();
        }
    }

    /** {@code taskshard schedule}. */
    public static final class Schedule implements CommandProvider {
        @Override
        public Object command() {
            return new ScheduleCommand();
        }
    }

    /** {@code taskshard status}. */
    public static final class Status implements CommandProvider {
        @Override
        public Object command() {
            return new StatusCommand();
        }
    }
}
