package io.taskshard.runners.bazel;

import io.taskshard.runners.spi.Runner;
import io.taskshard.runners.spi.RunnerConfig;
import io.taskshard.runners.spi.RunnerProvider;
import java.util.Map;

/** Provides the {@code bazel} runner. */
public final class BazelRunnerProvider implements RunnerProvider {

    @Override
    public String name() {
        return BazelRunner.NAME;
    }

    @Override
    public String description() {
        return "builds (or tests) each task's target with bazel, mapping Bazel's exit codes to outcomes";
    }

    @Override
    public Map<String, String> options() {
        return BazelSettings.OPTIONS;
    }

    @Override
    public Runner create(RunnerConfig config) {
        return new BazelRunner(BazelSettings.from(config));
    }
}
