package io.taskshard.runners.demo;

import io.taskshard.cli.CommandProvider;

/** Adds {@code taskshard demo}. */
public final class DemoCommandProvider implements CommandProvider {
    @Override
    public Object command() {
        return new DemoCommand();
    }
}
