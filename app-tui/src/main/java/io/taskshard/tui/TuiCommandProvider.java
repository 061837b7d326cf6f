package io.taskshard.tui;

import io.taskshard.cli.CommandProvider;

/** Adds {@code taskshard tui}. */
public final class TuiCommandProvider implements CommandProvider {
    @Override
    public Object command() {
        return new TuiCommand();
    }
}
