package io.taskshard.runners.bazel;

import io.taskshard.runners.process.Launch;
import io.taskshard.runners.process.ProcessAttempt;
import io.taskshard.runners.process.TaskEnvironment;
import io.taskshard.runners.spi.FailedRun;
import io.taskshard.runners.spi.RunHandle;
import io.taskshard.runners.spi.RunListener;
import io.taskshard.runners.spi.Runner;
import io.taskshard.runners.spi.TaskFields;
import io.taskshard.runners.spi.TaskRun;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Builds or tests a task's {@code target} with Bazel:
 * {@code bazel [startup options] build|test [flags] [task bazelFlags] -- <target>}, in the run's
 * working directory (the workspace). Exit codes are read by {@link BazelExitCodes}.
 */
public final class BazelRunner implements Runner {
    public static final String NAME = "bazel";
    /** Task field choosing the command: {@code build} or {@code test}. */
    public static final String COMMAND_FIELD = "bazel";
    /** Task field with extra flags for this task only (a list of strings). */
    public static final String FLAGS_FIELD = "bazelFlags";

    private final BazelSettings settings;
    private final Clock clock;

    public BazelRunner(BazelSettings settings, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public BazelRunner(BazelSettings settings) {
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
        List<String> argv;
        Map<String, String> env;
        try {
            argv = argv(run, settings);
            env = TaskEnvironment.of(run);
        } catch (IllegalArgumentException e) {
            return FailedRun.of(NAME, run, e.getMessage(), false);
        }
        Launch launch = new Launch(argv, env, String.join(" ", argv));
        return ProcessAttempt.start(NAME, run, listener, clock, settings.process(), BazelExitCodes::interpret, launch);
    }

    /**
     * The Bazel command line for a run. Pure.
     *
     * @throws IllegalArgumentException when the task has no target or a bad {@code bazel}/{@code bazelFlags} field
     */
    static List<String> argv(TaskRun run, BazelSettings settings) {
        TaskFields fields = run.fields();
        String target = run.target();
        if (target == null || target.isBlank()) {
            throw new IllegalArgumentException("task '" + run.taskId() + "' has no 'target' for bazel to build");
        }
        String command = settings.command();
        String asked = fields.string(COMMAND_FIELD);
        if (asked != null) {
            command = asked.trim().toLowerCase(Locale.ROOT);
            if (!BazelSettings.COMMANDS.contains(command)) {
                throw new IllegalArgumentException("task '" + run.taskId() + "', field '" + COMMAND_FIELD
                        + "': must be one of " + BazelSettings.COMMANDS + ", got '" + asked + "'");
            }
        }
        List<String> argv = new ArrayList<>();
        argv.add(settings.binary());
        argv.addAll(settings.startupOptions());
        argv.add(command);
        argv.addAll(settings.flags());
        argv.addAll(fields.strings(FLAGS_FIELD));
        argv.add("--"); // everything after is a target pattern, even one starting with '-'
        argv.add(target);
        return argv;
    }
}
