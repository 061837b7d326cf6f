package io.taskshard.runners.sim;

import io.taskshard.runners.spi.Runner;
import io.taskshard.runners.spi.RunnerConfig;
import io.taskshard.runners.spi.RunnerProvider;
import java.util.Map;

/** Provides the {@code sim} runner. */
public final class SimRunnerProvider implements RunnerProvider {

    @Override
    public String name() {
        return SimRunner.NAME;
    }

    @Override
    public String description() {
        return "simulates tasks: sleeps for the task's 'simulate' duration (or a seeded random one), with optional failures";
    }

    @Override
    public Map<String, String> options() {
        return SimSettings.OPTIONS;
    }

    @Override
    public Runner create(RunnerConfig config) {
        return new SimRunner(SimSettings.from(config));
    }
}
