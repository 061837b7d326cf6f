package io.taskshard.runners.spi;

import java.util.Map;

/** Claims the built-in name "shell"; only registered by the test that checks name clashes. */
public final class DuplicateShellProvider implements RunnerProvider {
    @Override
    public String name() {
        return "shell";
    }

    @Override
    public String description() {
        return "clashes with the built-in shell runner";
    }

    @Override
    public Map<String, String> options() {
        return Map.of();
    }

    @Override
    public Runner create(RunnerConfig config) {
        throw new AssertionError("a clashing provider must never be used");
    }
}
