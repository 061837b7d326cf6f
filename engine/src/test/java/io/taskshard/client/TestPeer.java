package io.taskshard.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.taskshard.protocol.ProtocolCodec;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A bare peer on the JDK WebSocket client, speaking docs/protocol.md by hand (the server tests'
 * RawPeer is package-private there). {@link #autoRun} answers every assign with started +
 * finished success; otherwise {@link #await} hands frames to the test one by one.
 */
final class TestPeer implements AutoCloseable {
    static final Duration DEFAULT_AWAIT = Duration.ofSeconds(15);
    private static final ObjectMapper JSON = ProtocolCodec.mapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final String name;
    private final BlockingQueue<JsonNode> incoming = new LinkedBlockingQueue<>();
    private final List<JsonNode> skipped = new ArrayList<>();
    private volatile boolean autoRun;
    private WebSocket ws;

    private TestPeer(String name) {
        this.name = name;
    }

    /** Connects to {@code address}'s peer endpoint and sends a hello for tasks {@code ids} of {@code schema}. */
    static TestPeer join(ServerAddress address, String name, String schema, List<String> ids) {
        TestPeer peer = new TestPeer(name);
        peer.ws = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5))
                .buildAsync(address.peerUri(), peer.new Listener())
                .orTimeout(30, java.util.concurrent.TimeUnit.SECONDS).join();
        List<Map<String, Object>> tasks = ids.stream().<Map<String, Object>>map(id -> Map.of("id", id, "target", "//" + id))
                .toList();
        Map<String, Object> hello = new LinkedHashMap<>();
        hello.put("type", "hello");
        hello.put("protocol", 1);
        hello.put("peer", name);
        hello.put("schema", Map.of("name", schema, "tasks", tasks));
        hello.put("cacheId", "test-cache");
        hello.put("repoState", Map.of("repo", Map.of("baseRef", "base-1", "patchset", "ps-1")));
        peer.send(hello);
        return peer;
    }

    /** A long-lived worker with one slot, for submitted jobs. */
    static TestPeer worker(ServerAddress address, String name) {
        TestPeer peer = new TestPeer(name);
        peer.ws = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5))
                .buildAsync(address.peerUri(), peer.new Listener())
                .orTimeout(30, java.util.concurrent.TimeUnit.SECONDS).join();
        peer.send(Map.of("type", "hello", "protocol", 1, "peer", name, "worker", true, "slots", 1));
        return peer;
    }

    /** The job id from this peer's welcome. */
    long awaitWelcome() {
        return await("welcome").path("job").path("id").asLong();
    }

    synchronized void send(Map<String, ?> frame) {
        try {
            ws.sendText(JSON.writeValueAsString(frame), true).join();
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** Reports success for this assign. */
    void finish(JsonNode assign) {
        long lease = assign.path("lease").asLong();
        send(Map.of("type", "started", "lease", lease));
        send(Map.of("type", "finished", "lease", lease, "outcome", "success", "exitCode", 0, "durationMs", 5));
    }

    /** From now on, every assign (also ones already received) is run to success at once. */
    void autoRun() {
        autoRun = true;
        List<JsonNode> pending = new ArrayList<>();
        synchronized (skipped) {
            skipped.removeIf(f -> isAssign(f) && pending.add(f));
            incoming.removeIf(f -> isAssign(f) && pending.add(f));
        }
        pending.forEach(this::finish);
    }

    /** The next frame of this type, keeping the others for later calls. */
    JsonNode await(String type) {
        synchronized (skipped) {
            for (int i = 0; i < skipped.size(); i++) {
                if (type.equals(skipped.get(i).path("type").asText())) {
                    return skipped.remove(i);
                }
            }
            long deadline = System.nanoTime() + DEFAULT_AWAIT.toNanos();
            while (true) {
                JsonNode f;
                try {
                    f = incoming.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError(e);
                }
                if (f == null) {
                    throw new AssertionError(name + ": no '" + type + "' frame within " + DEFAULT_AWAIT);
                }
                if (type.equals(f.path("type").asText())) {
                    return f;
                }
                skipped.add(f);
            }
        }
    }

    private static boolean isAssign(JsonNode f) {
        return "assign".equals(f.path("type").asText());
    }

    /** Leaves with a goodbye (its work is released at once). */
    void leave() {
        send(Map.of("type", "goodbye"));
        close();
    }

    @Override
    public void close() {
        autoRun = false;
        if (ws != null && !ws.isOutputClosed()) {
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").exceptionally(e -> null);
        }
        if (ws != null) {
            ws.abort();
        }
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                JsonNode frame;
                try {
                    frame = JSON.readTree(partial.toString());
                } catch (JsonProcessingException e) {
                    throw new AssertionError("server sent invalid JSON: " + partial, e);
                }
                partial.setLength(0);
                if (autoRun && isAssign(frame)) {
                    Thread.ofVirtual().start(() -> finish(frame));
                } else {
                    incoming.add(frame);
                }
            }
            webSocket.request(1);
            return null;
        }
    }
}
