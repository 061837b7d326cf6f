package io.taskshard.runners.cli;

import io.taskshard.cli.CommandProvider;

/** Adds {@code taskshard peer} to the command line. */
public final class PeerCommandProvider implements CommandProvider {
    @Override
    public Object command() {
        return new PeerCommand();
    }
}
