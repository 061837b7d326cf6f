package io.taskshard.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.taskshard.protocol.ProtocolCodec;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A bare peer for tests: the JDK's own WebSocket client, JSON written by hand, every received
 * frame kept. {@link #await} waits for the next frame of a type; frames skipped on the way are
 * kept for later calls. {@link #autoRun} answers every {@code assign} with started + finished.
 */
final class RawPeer implements AutoCloseable {
    static final Duration DEFAULT_AWAIT = Duration.ofSeconds(15);
    private static final ObjectMapper JSON = ProtocolCodec.mapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final String name;
    private final WebSocket ws;
    private final BlockingQueue<JsonNode> incoming = new LinkedBlockingQueue<>();
    private final List<JsonNode> skipped = new ArrayList<>();
    private final List<JsonNode> history = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Integer> closed;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(Thread.ofVirtual().factory());
    private final Object sendLock = new Object();
    private final java.util.Set<Long> autoRunLeases = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile String autoOutcome;

    private RawPeer(String name, WebSocket ws, CompletableFuture<Integer> closed, Listener listener) {
        this.name = name;
        this.ws = ws;
        this.closed = closed;
        listener.owner = this;
    }

    static RawPeer connect(int port, String name) {
        return connect(port, name, Map.of());
    }

    static RawPeer connect(int port, String name, Map<String, String> headers) {
        CompletableFuture<Integer> closed = new CompletableFuture<>();
        Listener listener = new Listener(closed);
        WebSocket.Builder builder = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
        headers.forEach(builder::header);
        WebSocket ws = builder.buildAsync(URI.create("ws://127.0.0.1:" + port + PeerEndpoint.PATH), listener)
                .orTimeout(DEFAULT_AWAIT.toSeconds(), TimeUnit.SECONDS).join(); // a hung upgrade fails the test, not CI
        RawPeer peer = new RawPeer(name, ws, closed, listener);
        listener.ready.complete(null);
        return peer;
    }

    String name() {
        return name;
    }

    /** Sends a frame and waits until it is written. */
    RawPeer send(String json) {
        synchronized (sendLock) { // the JDK client refuses overlapping sends
            ws.sendText(json, true).orTimeout(DEFAULT_AWAIT.toSeconds(), TimeUnit.SECONDS).join();
        }
        return this;
    }

    RawPeer sendBinary(byte[] data) {
        synchronized (sendLock) {
            ws.sendBinary(java.nio.ByteBuffer.wrap(data), true).orTimeout(DEFAULT_AWAIT.toSeconds(), TimeUnit.SECONDS)
                    .join();
        }
        return this;
    }

    RawPeer send(Map<String, ?> frame) {
        return send(toJson(frame));
    }

    /** Next frame of this type (waiting up to {@link #DEFAULT_AWAIT}). */
    JsonNode await(String type) {
        return await(type, f -> true);
    }

    /** Next frame of this type that matches. */
    synchronized JsonNode await(String type, Predicate<JsonNode> match) {
        Predicate<JsonNode> wanted = f -> type.equals(f.path("type").asText()) && match.test(f);
        for (Iterator<JsonNode> it = skipped.iterator(); it.hasNext(); ) {
            JsonNode f = it.next();
            if (wanted.test(f)) {
                it.remove();
                return f;
            }
        }
        long deadline = System.nanoTime() + DEFAULT_AWAIT.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            JsonNode f;
            try {
                f = left <= 0 ? null : incoming.poll(left, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(name + " interrupted while waiting for '" + type + "'", e);
            }
            if (f == null) {
                throw new AssertionError(name + ": no '" + type + "' frame within " + DEFAULT_AWAIT
                        + "; received so far: " + history);
            }
            if (wanted.test(f)) {
                return f;
            }
            skipped.add(f);
        }
    }

    /** Error frame with this code. */
    JsonNode awaitError(String code) {
        return await("error", f -> code.equals(f.path("code").asText()));
    }

    /** Every frame received so far, in order. */
    List<JsonNode> history() {
        return List.copyOf(history);
    }

    List<JsonNode> received(String type) {
        return history.stream().filter(f -> type.equals(f.path("type").asText())).toList();
    }

    /** Answers every assign (also ones already received) with started + finished{outcome}. */
    RawPeer autoRun(String outcome) {
        autoOutcome = outcome;
        for (JsonNode f : history) {
            if ("assign".equals(f.path("type").asText())) {
                runLater(f);
            }
        }
        return this;
    }

    private void runLater(JsonNode assign) {
        long lease = assign.path("lease").asLong();
        if (!autoRunLeases.add(lease)) {
            return; // seen both in the history and by the listener
        }
        worker.submit(() -> {
            String outcome = autoOutcome;
            if (outcome == null || closed.isDone()) {
                return;
            }
            send(Map.of("type", "started", "lease", lease));
            send(Map.of("type", "finished", "lease", lease, "outcome", outcome, "exitCode",
                    "success".equals(outcome) ? 0 : 1, "durationMs", 5));
        });
    }

    /** The close status, once the server closed the socket. */
    int awaitClosed() {
        return closed.orTimeout(DEFAULT_AWAIT.toSeconds(), TimeUnit.SECONDS).join();
    }

    boolean isClosed() {
        return closed.isDone();
    }

    /** Drops the TCP connection without a close handshake (a crashed peer). */
    void abort() {
        autoOutcome = null;
        ws.abort();
    }

    @Override
    public void close() {
        autoOutcome = null;
        worker.shutdownNow();
        if (!ws.isOutputClosed()) {
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").exceptionally(e -> null);
        }
        ws.abort();
    }

    // --- frame builders --------------------------------------------------------------------

    static String toJson(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** A hello for a schema of simple tasks {@code ids}, with {@code extra} fields added or replaced. */
    static Map<String, Object> hello(String peer, String schemaName, List<String> ids, Map<String, Object> extra) {
        List<Map<String, Object>> tasks = new ArrayList<>();
        for (String id : ids) {
            tasks.add(Map.of("id", id, "target", "//" + id));
        }
        Map<String, Object> hello = new LinkedHashMap<>();
        hello.put("type", "hello");
        hello.put("protocol", 1);
        hello.put("peer", peer);
        hello.put("schema", Map.of("name", schemaName, "tasks", tasks));
        hello.put("cacheId", "test-cache");
        hello.put("repoState", Map.of("repo", Map.of("baseRef", "base-1", "patchset", "ps-1")));
        hello.putAll(extra);
        return hello;
    }

    static Map<String, Object> hello(String peer, String schemaName, List<String> ids) {
        return hello(peer, schemaName, ids, Map.of());
    }

    /** JDK WebSocket listener: joins partial text, records frames, feeds {@link #autoRun}. */
    private static final class Listener implements WebSocket.Listener {
        private final CompletableFuture<Integer> closed;
        private final CompletableFuture<Void> ready = new CompletableFuture<>();
        private final StringBuilder partial = new StringBuilder();
        private volatile RawPeer owner;

        Listener(CompletableFuture<Integer> closed) {
            this.closed = closed;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                ready.join(); // frames can arrive before connect() has built the RawPeer
                RawPeer peer = owner;
                JsonNode frame;
                try {
                    frame = JSON.readTree(text);
                } catch (JsonProcessingException e) {
                    throw new AssertionError("server sent invalid JSON: " + text, e);
                }
                peer.history.add(frame);
                peer.incoming.add(frame);
                if (peer.autoOutcome != null && "assign".equals(frame.path("type").asText())) {
                    peer.runLater(frame);
                }
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.complete(-1);
        }
    }
}
