package io.taskshard.gui;

import java.util.ArrayList;
import java.util.List;

/**
 * The servers the connect dialog offers, most recently used first, without repeats, at most
 * {@link #DEFAULT_MAX_SERVERS}. Pure and immutable; {@link GuiSettings} stores it.
 *
 * @param servers addresses as the user typed them (e.g. {@code ci-coord:7070})
 */
public record ServerHistory(List<String> servers) {
    public static final int DEFAULT_MAX_SERVERS = 10;

    public ServerHistory {
        servers = List.copyOf(servers);
    }

    /** {@code server} first, an earlier entry of it dropped, the list cut to the maximum. */
    public ServerHistory use(String server) {
        String s = server.strip();
        if (s.isEmpty()) {
            return this;
        }
        List<String> next = new ArrayList<>();
        next.add(s);
        for (String old : servers) {
            if (!old.equals(s) && next.size() < DEFAULT_MAX_SERVERS) {
                next.add(old);
            }
        }
        return new ServerHistory(next);
    }
}
