package io.taskshard.runners.demo;

import io.taskshard.client.ServerAddress;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * What a {@link DemoDashboard} is given: where the demo's coordinator listens, a title, and the
 * demo's end, so the dashboard can say "job succeeded — press q to quit" when it comes.
 *
 * @param server  the embedded coordinator (operator API and event stream)
 * @param title   e.g. "taskshard demo: 3 simulated peers x 1 slot, schema 'demo' (24 tasks)"
 * @param outcome completes when every simulated peer has ended
 */
public record DemoSession(ServerAddress server, String title, CompletableFuture<Outcome> outcome) {
    public DemoSession {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(outcome, "outcome");
    }

    /**
     * How the demo's job ended.
     *
     * @param jobId     the job the simulated peers formed (0 if none was formed)
     * @param succeeded whether every peer ended with the job succeeded
     * @param message   one line, e.g. "job succeeded: 24 tasks done"
     */
    public record Outcome(long jobId, boolean succeeded, String message) {
    }
}
