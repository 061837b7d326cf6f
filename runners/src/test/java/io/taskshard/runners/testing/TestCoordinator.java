package io.taskshard.runners.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.taskshard.coordinator.CoordinatorConfig;
import io.taskshard.server.ServerConfig;
import io.taskshard.server.TaskshardServer;
import io.taskshard.store.SqliteStore;
import io.taskshard.store.StoreOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.StreamSupport;

/**
 * A real coordinator for peer tests: {@link TaskshardServer} on a free port with SQLite in a
 * temporary directory, plus reads of its operator API. {@link #restart()} stops it and starts a
 * new one on the same port and data directory (what a coordinator restart looks like to peers).
 */
public final class TestCoordinator implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private ServerConfig config;
    private TaskshardServer server;

    private TestCoordinator(ServerConfig config) {
        this.config = config;
    }

    /** Starts a coordinator holding a lost peer's work for {@code graceMs}. */
    public static TestCoordinator start(Path dataDir, long graceMs) {
        return start(ServerConfig.defaults(dataDir).withPort(0).withGraceMs(graceMs));
    }

    public static TestCoordinator start(ServerConfig config) {
        TestCoordinator c = new TestCoordinator(config);
        c.boot();
        return c;
    }

    private void boot() {
        server = new TaskshardServer(config, Clock.systemUTC(), dir -> SqliteStore.open(dir, StoreOptions.DEFAULTS),
                CoordinatorConfig.defaults());
        int port = server.start();
        config = config.withPort(port); // a restart binds the same port
    }

    public int port() {
        return config.port();
    }

    /** The peer WebSocket URL. */
    public URI peerUri() {
        return URI.create("ws://127.0.0.1:" + port() + "/v1/peer");
    }

    /** Stops the server (peers see their connection closed); {@link #startAgain()} brings it back. */
    public void stop() {
        server.close();
    }

    public void startAgain() {
        boot();
    }

    public void restart() {
        stop();
        startAgain();
    }

    /** GET an operator API path, e.g. {@code /api/v1/jobs}; fails the test on a non-2xx answer. */
    public JsonNode get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    public JsonNode post(String path, String json) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** The only (or newest) job's id; empty when there is none yet. */
    public Optional<Long> newestJobId() {
        JsonNode jobs = get("/api/v1/jobs").path("jobs");
        return jobs.isEmpty() ? Optional.empty() : Optional.of(jobs.get(0).path("id").asLong());
    }

    /** A task of a job, with its attempts ({@code GET /api/v1/jobs/{id}}). */
    public JsonNode task(long jobId, String taskId) {
        for (JsonNode t : get("/api/v1/jobs/" + jobId).path("tasks")) {
            if (taskId.equals(t.path("id").asText())) {
                return t;
            }
        }
        throw new AssertionError("job " + jobId + " has no task '" + taskId + "'");
    }

    /** The attempts of a task, oldest first. */
    public List<JsonNode> attempts(long jobId, String taskId) {
        return new ArrayList<>(StreamSupport.stream(task(jobId, taskId).path("attempts").spliterator(), false).toList());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port() + path);
    }

    private static JsonNode send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> r = HTTP.send(request.timeout(Duration.ofSeconds(20)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() / 100 != 2) {
                throw new AssertionError(r.request().method() + " " + r.uri() + " answered " + r.statusCode() + ": "
                        + r.body());
            }
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
