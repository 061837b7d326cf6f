package io.taskshard.gui;

import io.taskshard.client.ClientOptions;
import io.taskshard.client.ServerAddress;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * What a dashboard window is opened with.
 *
 * @param server   the coordinator to show first
 * @param client   token and timeouts for it
 * @param subtitle said in the title after "taskshard", e.g. "embedded coordinator on :7070"
 * @param settings remembered servers and window layout
 * @param clock    the "now" of live bars
 * @param notice   completes with a line to show prominently (the demo's outcome); may never complete
 */
public record DashboardOptions(ServerAddress server, ClientOptions client, String subtitle, GuiSettings settings,
                               Clock clock, CompletableFuture<String> notice) {
    public DashboardOptions {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(subtitle, "subtitle");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(notice, "notice");
    }
}
