package io.taskshard.gui;

import io.taskshard.cli.CommandProvider;

/** Adds {@code taskshard gui}. */
public final class GuiCommandProvider implements CommandProvider {
    @Override
    public Object command() {
        return new GuiCommand();
    }
}
