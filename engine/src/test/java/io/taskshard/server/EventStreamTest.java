package io.taskshard.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The operator event stream over a real WebSocket: a snapshot, then deltas that keep a client exact. */
class EventStreamTest extends ServerTestBase {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final List<Subscriber> subscribers = new ArrayList<>();

    @AfterEach
    void closeSubscribers() {
        subscribers.forEach(s -> s.ws.abort());
    }

    @Test
    void aClientGetsASnapshotThenDeltasInVersionOrder() throws Exception {
        Subscriber s = subscribe();
        JsonNode snapshot = s.next();
        assertThat(snapshot.path("type").asText()).isEqualTo("snapshot");
        assertThat(snapshot.path("jobs")).isEmpty();
        assertThat(snapshot.path("peers")).isEmpty();
        long version = snapshot.path("version").asLong();

        RawPeer p = peer("p1");
        p.send(RawPeer.hello("p1", "events", taskIds("t", 2)));
        p.await("welcome");
        p.autoRun("success").await("job-complete");

        List<String> kinds = new ArrayList<>();
        long last = version;
        boolean jobSucceeded = false;
        while (!jobSucceeded) {
            JsonNode delta = s.next();
            assertThat(delta.path("type").asText()).isEqualTo("delta");
            assertThat(delta.path("version").asLong()).isGreaterThan(last);
            last = delta.path("version").asLong();
            for (JsonNode c : delta.path("changes")) {
                kinds.add(c.path("kind").asText());
                jobSucceeded |= c.path("kind").asText().equals("job") && c.path("state").asText().equals("succeeded");
            }
        }
        assertThat(kinds).contains("peer", "job", "task", "attempt");
        assertThat(s.frames.get(1).path("version").asLong()).isGreaterThan(version);
    }

    @Test
    void aClientJoiningMidJobFoldsSnapshotAndDeltasIntoTheServersState() {
        RawPeer a = peer("a");
        a.send(RawPeer.hello("a", "fold", taskIds("t", 40)));
        long job = a.await("welcome").path("job").path("id").asLong();
        RawPeer b = peer("b");
        b.send(RawPeer.hello("b", "fold", taskIds("t", 40)));
        b.await("welcome");
        a.autoRun("success");
        Subscriber early = subscribe();
        b.autoRun("success");
        Subscriber late = subscribe(); // while tasks are being run and committed
        a.await("job-complete");

        ApiClient api = new ApiClient(port);
        assertThat(api.get("/metrics").body()).contains("taskshard_event_subscribers 2");
        JsonNode tasks = api.get("/api/v1/jobs/" + job).json().path("tasks");
        for (Subscriber s : List.of(early, late)) {
            await().untilAsserted(() -> {
                Map<Long, JsonNode> folded = s.foldTasks();
                assertThat(folded).hasSize(40);
                for (JsonNode t : tasks) {
                    assertThat(folded.get(t.path("uid").asLong()).path("state").asText())
                            .as("task %s", t.path("id").asText()).isEqualTo("succeeded");
                }
            });
        }
    }

    private Subscriber subscribe() {
        Subscriber s = new Subscriber();
        s.ws = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create("ws://127.0.0.1:" + port + "/api/v1/events"), s)
                .orTimeout(30, java.util.concurrent.TimeUnit.SECONDS).join();
        subscribers.add(s);
        return s;
    }

    /** Collects frames; folds them into task states the way a UI would. */
    private static final class Subscriber implements WebSocket.Listener {
        final BlockingQueue<JsonNode> incoming = new LinkedBlockingQueue<>();
        final List<JsonNode> frames = new CopyOnWriteArrayList<>();
        final StringBuilder partial = new StringBuilder();
        WebSocket ws;

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    JsonNode frame = JSON.readTree(partial.toString());
                    frames.add(frame);
                    incoming.add(frame);
                } catch (JsonProcessingException e) {
                    throw new AssertionError("invalid JSON on the event stream", e);
                }
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        JsonNode next() throws InterruptedException {
            JsonNode f = incoming.poll(RawPeer.DEFAULT_AWAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(f).as("a frame within %s", RawPeer.DEFAULT_AWAIT).isNotNull();
            return f;
        }

        /** Snapshot tasks, then every task change of every later delta, in order. */
        Map<Long, JsonNode> foldTasks() {
            Map<Long, JsonNode> tasks = new HashMap<>();
            long version = -1;
            for (JsonNode f : frames) {
                if (f.path("type").asText().equals("snapshot")) {
                    f.path("tasks").forEach(t -> tasks.put(t.path("uid").asLong(), t));
                } else {
                    assertThat(f.path("version").asLong()).as("delta versions increase").isGreaterThan(version);
                    f.path("changes").forEach(c -> {
                        if (c.path("kind").asText().equals("task")) {
                            tasks.put(c.path("uid").asLong(), c);
                        }
                    });
                }
                version = f.path("version").asLong();
            }
            return tasks;
        }
    }
}
