package io.taskshard.runners.shell;

import io.taskshard.runners.spi.Runner;
import io.taskshard.runners.spi.RunnerConfig;
import io.taskshard.runners.spi.RunnerProvider;
import java.util.Map;

/** Provides the {@code shell} runner. */
public final class ShellRunnerProvider implements RunnerProvider {

    @Override
    public String name() {
        return ShellRunner.NAME;
    }

    @Override
    public String description() {
        return "runs each task's command with sh -c (or a command template such as 'make {target}')";
    }

    @Override
    public Map<String, String> options() {
        return ShellSettings.OPTIONS;
    }

    @Override
    public Runner create(RunnerConfig config) {
        return new ShellRunner(ShellSettings.from(config));
    }
}
