package io.taskshard.runners.shell;

import io.taskshard.runners.process.ExitVerdict;
import io.taskshard.runners.process.Launch;
import io.taskshard.runners.process.ProcessAttempt;
import io.taskshard.runners.process.TaskEnvironment;
import io.taskshard.runners.spi.FailedRun;
import io.taskshard.runners.spi.RunHandle;
import io.taskshard.runners.spi.RunListener;
import io.taskshard.runners.spi.Runner;
import io.taskshard.runners.spi.TaskRun;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Runs a task's {@code command} with {@code sh -c} (or, for a task without one, the configured
 * {@link CommandTemplate}). Exit 0 is success, anything else failure; cancel and timeout kill the
 * whole process tree.
 */
public final class ShellRunner implements Runner {
    public static final String NAME = "shell";

    private final ShellSettings settings;
    private final Clock clock;

    public ShellRunner(ShellSettings settings, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public ShellRunner(ShellSettings settings) {
        this(settings, Clock.systemUTC());
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public RunHandle start(TaskRun run, RunListener listener) {
        Objects.requireNonNull(run, "run");
        Objects.requireNonNull(listener, "listener");
        String command;
        Map<String, String> env;
        try {
            command = commandFor(run);
            env = TaskEnvironment.of(run);
        } catch (IllegalArgumentException e) {
            return FailedRun.of(NAME, run, e.getMessage(), false);
        }
        if (command == null) {
            // The peer lacks a setting, not the task: another peer may have a template.
            return FailedRun.of(NAME, run, "task '" + run.taskId() + "' has no 'command' and this peer's shell runner"
                    + " has no command template (runner option template=..., e.g. 'make {target}')", null);
        }
        Launch launch = new Launch(List.of(settings.shell(), "-c", command), env, command);
        return ProcessAttempt.start(NAME, run, listener, clock, settings.process(), ExitVerdict::posix, launch);
    }

    /**
     * The command to run: the task's own, else the template expanded; null when there is neither.
     *
     * @throws IllegalArgumentException for a blank command or a template placeholder the task lacks
     */
    static String commandFor(TaskRun run, ShellSettings settings) {
        String command = run.command();
        if (command != null) {
            if (command.isBlank()) {
                throw new IllegalArgumentException("task '" + run.taskId() + "' has an empty 'command'");
            }
            return command;
        }
        if (settings.template() == null) {
            return null;
        }
        Map<String, String> values = new HashMap<>();
        values.put("id", run.taskId());
        values.put("attempt", Integer.toString(run.attempt()));
        values.put("lease", Long.toString(run.lease()));
        if (run.target() != null) {
            values.put("target", run.target());
        }
        try {
            return settings.template().expand(values);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("task '" + run.taskId() + "': " + e.getMessage(), e);
        }
    }

    private String commandFor(TaskRun run) {
        return commandFor(run, settings);
    }
}
