package io.taskshard.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.taskshard.protocol.ErrorCode;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Issue 8's fuzz test: {@value #FRAMES} random and mutated frames (bad JSON, wrong types, huge
 * numbers, deep nesting, unknown fields and types, out-of-order messages, oversized and binary
 * frames) over {@value #CONNECTIONS} real WebSocket connections, and {@value #API_REQUESTS}
 * random requests against {@code /api/v1/...}, while a well-behaved peer runs its job. The server
 * answers every certainly-invalid frame with an {@code error} of a known code, never drops a
 * joined connection, never answers the API with a 5xx, and the good peer's job completes.
 */
class ProtocolFuzzTest extends ServerTestBase {
    static final long SEED = 20_261_123L;
    static final int FRAMES = 10_000;
    static final int CONNECTIONS = 4;
    /** Frames pipelined between two probes; the probe's answer proves the batch was handled. */
    static final int BATCH = 50;
    static final int API_REQUESTS = 2_000;
    static final int MAX_FRAME_BYTES = 64 * 1024;
    static final int GOOD_TASKS = 200;
    /** Probe leases: far above any real lease, so they are always stale. */
    static final long PROBE_BASE = 7_000_000_000_000L;

    final ConcurrentMap<String, LongAdder> answers = new ConcurrentHashMap<>();
    final ConcurrentMap<String, LongAdder> sentByKind = new ConcurrentHashMap<>();
    final ConcurrentMap<Integer, LongAdder> apiByStatus = new ConcurrentHashMap<>();
    final AtomicLong probes = new AtomicLong();
    final AtomicLong apiRetries = new AtomicLong();
    final List<String> retriedAfter = new java.util.concurrent.CopyOnWriteArrayList<>();

    @Override
    ServerConfig config(Path dir) {
        // Pipelined fuzzing is faster than any peer: the rate limit (LimitsTest) would answer most frames.
        return super.config(dir).withMaxFrameBytes(MAX_FRAME_BYTES)
                .withLimits(ServerLimits.DEFAULTS.withPeerRate(1_000_000, 1_000_000));
    }

    @Test
    void tenThousandBadFramesAndRandomApiRequestsGetErrorsNeverCrashesAndAGoodPeerFinishes() throws Exception {
        long started = System.nanoTime();
        RawPeer good = peer("good");
        good.send(RawPeer.hello("good", "good", IntStream.rangeClosed(1, GOOD_TASKS).mapToObj(i -> "g" + i).toList()));
        long goodJob = good.await("welcome").path("job").path("id").asLong();
        good.autoRun("success");

        List<Future<?>> fuzzers = new ArrayList<>();
        try (var pool = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < CONNECTIONS; c++) {
                int index = c;
                fuzzers.add(pool.submit(() -> fuzzPeer(index, FRAMES / CONNECTIONS)));
            }
            fuzzers.add(pool.submit(this::fuzzApi));
            for (Future<?> f : fuzzers) {
                f.get(); // rethrows a fuzzer's assertion failure
            }
        }

        JsonNode complete = good.await("job-complete");
        assertThat(complete.path("outcome").asText()).as("the good peer's job").isEqualTo("success");
        assertThat(good.received("error")).as("the good peer got no errors").isEmpty();
        assertThat(server.store().job(goodJob).orElseThrow().job().doneCount()).isEqualTo(GOOD_TASKS);
        assertThat(server.coordinator().isFailed()).isFalse();
        ApiClient.Response health = new ApiClient(port).get("/healthz");
        assertThat(health.status()).as(health.body()).isEqualTo(200);

        Set<String> known = knownErrorCodes();
        assertThat(answers.keySet()).as("every error code the server sent is a documented one")
                .allSatisfy(code -> assertThat(!code.startsWith("error:") || known.contains(code.substring(6)))
                        .as(code).isTrue());
        assertThat(apiByStatus.keySet()).as("API answers: never a 5xx").allSatisfy(s -> assertThat(s).isLessThan(500));
        System.out.printf("ProtocolFuzzTest (seed %d): %d frames tried over %d connections (%s), %d probes;"
                        + " answers %s; %d API requests, answers by status %s (%d resent on a fresh connection after the server closed a kept-alive one, after: %s); good job of %d tasks completed; %d s%n",
                SEED, FRAMES, CONNECTIONS, sorted(sentByKind), probes.get(), sorted(answers), API_REQUESTS,
                sorted(apiByStatus), apiRetries.get(), retriedAfter.stream().limit(3).toList(), GOOD_TASKS, Duration.ofNanos(System.nanoTime() - started).toSeconds());
    }

    private void fuzzPeer(int index, int frames) {
        String name = "fuzz-" + index;
        RawPeer p = RawPeer.connect(port, name);
        try {
            p.send(RawPeer.hello(name, name, List.of("f1", "f2", "f3")));
            p.await("welcome");
            FrameFuzzer fuzzer = new FrameFuzzer(SEED + index, MAX_FRAME_BYTES);
            int seen = 0;
            for (int sent = 0; sent < frames; ) {
                int invalid = 0;
                int batch = Math.min(BATCH, frames - sent);
                List<String> kinds = new ArrayList<>();
                for (int i = 0; i < batch; i++, sent++) {
                    FrameFuzzer.Frame f = fuzzer.next();
                    kinds.add(f.kind());
                    sentByKind.computeIfAbsent(f.kind(), k -> new LongAdder()).increment();
                    invalid += f.certainlyInvalid() ? 1 : 0;
                    if (f.binary()) {
                        p.sendBinary(f.text().getBytes(StandardCharsets.UTF_8));
                    } else {
                        p.send(f.text());
                    }
                }
                long probe = PROBE_BASE + probes.incrementAndGet();
                p.send(Map.of("type", "started", "lease", probe));
                p.await("error", e -> e.path("message").asText().contains(Long.toString(probe)));
                List<JsonNode> history = p.history();
                List<JsonNode> batchAnswers = history.subList(seen, history.size());
                seen = history.size();
                long errors = batchAnswers.stream().filter(f -> f.path("type").asText().equals("error")).count() - 1;
                for (JsonNode a : batchAnswers) {
                    String type = a.path("type").asText();
                    answers.computeIfAbsent(type.equals("error") ? "error:" + a.path("code").asText() : type,
                            k -> new LongAdder()).increment();
                    assertThat(a.path("fatal").asBoolean()).as("%s: a joined peer's bad frame is never fatal: %s",
                            name, a).isFalse();
                }
                assertThat(errors).as("%s: every certainly-invalid frame of the batch %s is answered with an error",
                        name, kinds).isGreaterThanOrEqualTo(invalid);
                assertThat(p.isClosed()).as("%s: the connection survives the fuzzing", name).isFalse();
            }
            answers.computeIfAbsent("error:stale-lease", k -> new LongAdder()).add(0);
        } finally {
            p.close();
        }
    }

    private void fuzzApi() {
        java.util.Random random = new java.util.Random(SEED);
        String[] methods = {"GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS"};
        String[] paths = {"/api/v1/peers", "/api/v1/peers/{id}", "/api/v1/peers/{id}/drain", "/api/v1/peers/{id}/undrain",
                "/api/v1/jobs", "/api/v1/jobs/{id}", "/api/v1/jobs/{id}/comparison", "/api/v1/jobs/{id}/trace",
                "/api/v1/jobs/{id}/cancel", "/api/v1/tasks/{id}", "/api/v1/tasks/{id}/reassign",
                "/api/v1/tasks/{id}/retry", "/api/v1/tasks/{id}/cancel", "/api/v1/tasks/{id}/priority",
                "/api/v1/schedules", "/api/v1/schedules/{id}", "/api/v1/audit", "/api/v1/{id}", "/api/v1/{id}/{id}",
                "/api/v2/jobs", "/healthz", "/metrics"};
        // Never the good peer, its job or its tasks: the fuzzing must not be able to stop its job.
        String[] ids = {"fuzz-0", "fuzz-1", "f1", "f2", "9999999", "-1", "0", "99999999999999999999", "abc",
                "%2e%2e", "%00", "%25", "a%20b", "%C3%A9t%C3%A9", "1e9", "null", "" + Long.MAX_VALUE};
        FrameFuzzer bodies = new FrameFuzzer(SEED ^ 0x5eed, 4096);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        String previous = "(none)";
        for (int i = 0; i < API_REQUESTS; i++) {
            String path = paths[random.nextInt(paths.length)];
            while (path.contains("{id}")) {
                path = path.replaceFirst("\\{id}", ids[random.nextInt(ids.length)]);
            }
            if (random.nextInt(5) == 0) {
                path += "?limit=" + ids[random.nextInt(ids.length)] + "&since=" + random.nextLong();
            }
            String method = methods[random.nextInt(methods.length)];
            String body = switch (random.nextInt(4)) {
                case 0 -> "";
                case 1 -> "{\"peer\":\"fuzz-" + random.nextInt(3) + "\",\"priority\":" + random.nextInt() + "}";
                case 2 -> "{\"schema\":{\"name\":\"api-fuzz\",\"tasks\":[{\"id\":\"x" + i + "\"}]},\"execCap\":"
                        + random.nextInt(5) + "}";
                default -> bodies.next().text();
            };
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(20))
                    .header("Content-Type", random.nextBoolean() ? "application/json" : "text/plain")
                    .method(method, method.equals("GET") || method.equals("HEAD") || body.isEmpty()
                            ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
            HttpResponse<String> r = sendApi(http, request.build(), previous);
            apiByStatus.computeIfAbsent(r.statusCode(), k -> new LongAdder()).increment();
            assertThat(r.statusCode()).as("%s %s with body %.200s answered %s", method, path, body, r.body())
                    .isLessThan(500);
            previous = method + " " + path + " (" + body.length() + " chars) -> " + r.statusCode();
            if (r.statusCode() >= 400 && !method.equals("HEAD")) {
                assertThat(r.body()).as("%s %s: every error is JSON {error, message}", method, path)
                        .startsWith("{\"error\":").contains("\"message\":");
            }
        }
    }

    /**
     * A request that got no byte back because the pooled keep-alive connection it went out on had
     * been closed by the server (Jetty closes the connection after a request it could not parse,
     * or whose body it did not read, and the JDK client may still pick it) is resent once, and
     * counted. The same request failing twice fails the test.
     */
    private HttpResponse<String> sendApi(HttpClient http, HttpRequest request, String previous) {
        for (int attempt = 1; ; attempt++) {
            try {
                return http.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (java.io.IOException e) {
                if (attempt == 1 && String.valueOf(e.getMessage()).contains("received no bytes")) {
                    apiRetries.incrementAndGet();
                    retriedAfter.add(previous);
                    continue;
                }
                throw new AssertionError(request.method() + " " + request.uri() + " failed: " + e
                        + "; the request before it: " + previous, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }

    private static Set<String> knownErrorCodes() {
        Set<String> codes = new java.util.HashSet<>();
        for (Field f : ErrorCode.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
                try {
                    codes.add((String) f.get(null));
                } catch (IllegalAccessException e) {
                    throw new AssertionError(e);
                }
            }
        }
        return codes;
    }

    private static <K extends Comparable<K>> Map<K, Long> sorted(Map<K, LongAdder> counts) {
        return counts.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().sum(),
                Long::sum, TreeMap::new));
    }
}
