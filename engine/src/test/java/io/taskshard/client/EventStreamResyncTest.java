package io.taskshard.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.websocket.WsContext;
import io.taskshard.client.ConnectionState.Live;
import io.taskshard.client.ConnectionState.Reconnecting;
import io.taskshard.model.JobRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Frames the real coordinator never sends out of order, sent on purpose by a scripted WebSocket
 * server (Javalin, like the coordinator): each connection plays the next script. The stream
 * must resynchronise from a fresh snapshot rather than fold a frame that does not fit.
 */
class EventStreamResyncTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ConcurrentLinkedQueue<Consumer<WsContext>> scripts = new ConcurrentLinkedQueue<>();
    private final List<ConnectionState> states = new CopyOnWriteArrayList<>();
    private final List<ModelChange> changes = new CopyOnWriteArrayList<>();
    private Javalin server;
    private EventStream stream;

    private void start() {
        start(ClientTestBase.TEST_OPTIONS);
    }

    private void start(ClientOptions options) {
        server = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.routes.ws(ServerAddress.EVENTS_PATH, ws -> ws.onConnect(ctx -> {
                Consumer<WsContext> script = scripts.poll();
                if (script != null) {
                    script.accept(ctx);
                }
            }));
            cfg.routes.get(ServerAddress.API_PATH + "/audit",
                    ctx -> ctx.contentType("application/json").result("{\"audit\": []}"));
        }).start("127.0.0.1", 0);
        LiveModel model = new LiveModel();
        model.addListener(changes::add);
        stream = EventStream.open(ServerAddress.parse("127.0.0.1:" + server.port()), options, model);
        stream.addStateListener(states::add);
    }

    @AfterEach
    void stop() {
        if (stream != null) {
            stream.close();
        }
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void aDeltaThatIsNotNewerMakesTheStreamReconnectForAFreshSnapshot() {
        scripts.add(ctx -> {
            ctx.send(snapshot(5, 1, 3_000)); // large: the JDK hands it over in pieces
            ctx.send(delta(6, 1));
            ctx.send(delta(6, 1)); // a repeat: out of order
        });
        scripts.add(ctx -> ctx.send(snapshot(3, 2, 2)));

        start();

        await().until(() -> stream.state() instanceof Live && stream.model().version() == 3);
        LiveView v = stream.model().view();
        assertThat(v.jobs()).extracting(JobRecord::id).containsExactly(2L);
        assertThat(v.tasks(2)).hasSize(2);
        assertThat(v.tasks(1)).as("the first connection's model was replaced").isEmpty();
        assertThat(states).filteredOn(s -> s instanceof Reconnecting).singleElement()
                .satisfies(s -> assertThat(((Reconnecting) s).reason())
                        .contains("resynchronising: delta 6 is not newer than the model (version 6)"));
    }

    @Test
    void aConnectionWhoseFirstFrameIsNotASnapshotIsGivenUp() {
        scripts.add(ctx -> {
            ctx.send(snapshot(5, 1, 1));
            ctx.closeSession(); // the stream reconnects
        });
        scripts.add(ctx -> ctx.send(delta(9, 1))); // newer than the model, but this connection sent no snapshot
        scripts.add(ctx -> ctx.send(snapshot(12, 2, 1)));

        start();

        await().until(() -> stream.state() instanceof Live && stream.model().version() == 12);
        assertThat(changes).filteredOn(c -> c instanceof ModelChange.Resynced).extracting(ModelChange::version)
                .containsExactly(5L, 12L);
        assertThat(changes).extracting(ModelChange::version).as("delta 9 was never folded").doesNotContain(9L);
        assertThat(states).filteredOn(s -> s instanceof Reconnecting).extracting(s -> ((Reconnecting) s).reason())
                .anySatisfy(r -> assertThat(r).contains("the connection's first frame was not a snapshot"));
    }

    @Test
    void aConnectionThatGoesSilentIsGivenUpAfterTheIdleTimeout() {
        scripts.add(ctx -> ctx.send(snapshot(5, 1, 1))); // then nothing, not even pings
        scripts.add(ctx -> {
            ctx.send(snapshot(8, 1, 1));
            ctx.enableAutomaticPings(50, TimeUnit.MILLISECONDS); // pings keep this one alive
        });

        // Far above the ping interval: on a loaded 2-core machine a ping may arrive a few hundred
        // ms late, and a live connection given up for that would fail the check below.
        Duration idleTimeout = Duration.ofMillis(1_500);
        start(ClientTestBase.TEST_OPTIONS.withIdleTimeout(idleTimeout));

        await().until(() -> stream.model().version() == 8 && stream.state() instanceof Live);
        assertThat(states).filteredOn(s -> s instanceof Reconnecting).singleElement()
                .satisfies(s -> assertThat(((Reconnecting) s).reason()).startsWith("nothing heard for"));
        // Longer than the idle timeout: only the pings can keep the stream live this long.
        await().during(idleTimeout.plusSeconds(1)).atMost(idleTimeout.plusSeconds(10))
                .until(() -> stream.state() instanceof Live);
    }

    private static String snapshot(long version, long jobId, int tasks) {
        List<Map<String, Object>> taskList = new ArrayList<>();
        for (int i = 1; i <= tasks; i++) {
            taskList.add(task(jobId, i));
        }
        return json(Map.of("type", "snapshot", "version", version, "jobs", List.of(job(jobId)), "peers", List.of(),
                "tasks", taskList, "attempts", List.of()));
    }

    private static String delta(long version, long jobId) {
        Map<String, Object> change = new LinkedHashMap<>(job(jobId));
        change.put("kind", "job");
        return json(Map.of("type", "delta", "version", version, "changes", List.of(change)));
    }

    private static Map<String, Object> job(long id) {
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("id", id);
        j.put("jobKind", "shared");
        j.put("name", "scripted");
        j.put("state", "running");
        j.put("taskCount", 0);
        j.put("counts", Map.of("blocked", 0, "ready", 0, "running", 0, "succeeded", 0, "failed", 0, "cancelled", 0));
        return j;
    }

    private static Map<String, Object> task(long jobId, int n) {
        return Map.of("uid", jobId * 100_000 + n, "jobId", jobId, "id", "//pkg" + n + ":test", "state", "ready",
                "maxAttempts", 3, "target", "//pkg" + n + ":test", "needs", List.of(), "labels", List.of(),
                "resources", Map.of("cpu", 0.0, "memoryMb", 0));
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
