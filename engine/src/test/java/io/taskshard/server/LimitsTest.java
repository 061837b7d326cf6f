package io.taskshard.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The server's limits (issue 8): each is refused with a clear answer naming the limit, and nothing else breaks. */
class LimitsTest extends ServerTestBase {
    static final int MAX_PEERS = 2;
    static final int MAX_TASKS = 5;
    static final int RATE = 20;
    static final int BURST = 10;
    static final int MAX_BODY = 2_000;
    static final int MAX_JOBS = 2;

    @Override
    ServerConfig config(Path dir) {
        return super.config(dir).withLimits(ServerLimits.DEFAULTS.withMaxPeers(MAX_PEERS).withMaxTasks(MAX_TASKS)
                .withPeerRate(RATE, BURST).withMaxBodyBytes(MAX_BODY)
                .withJobs(io.taskshard.scheduler.JobLimits.DEFAULTS.withMaxJobs(MAX_JOBS)));
    }

    @Test
    void aPeerOverMaxPeersIsRefusedButAKnownPeerMayReconnect() {
        join("a");
        join("b");
        RawPeer c = peer("c");
        c.send(RawPeer.hello("c", "limits", taskIds("t", 3)));
        JsonNode error = c.awaitError("too-many-peers");
        assertThat(error.path("fatal").asBoolean()).isTrue();
        assertThat(error.path("message").asText()).contains("2 peers").contains("max-peers");
        c.awaitClosed();

        RawPeer again = peer("a-again"); // a replaces its own connection: not a new peer
        again.send(RawPeer.hello("a", "limits", taskIds("t", 3)));
        again.await("welcome");
    }

    @Test
    void aSchemaOverMaxTasksIsRefusedNamingTheLimit() {
        RawPeer big = peer("big");
        big.send(RawPeer.hello("big", "too-big", taskIds("t", MAX_TASKS + 1)));
        JsonNode error = big.awaitError("too-many-tasks");
        assertThat(error.path("fatal").asBoolean()).isTrue();
        assertThat(error.path("message").asText()).contains("has 6 tasks").contains("at most 5").contains("max-tasks");
        big.awaitClosed();
        join("fits"); // exactly at the limit is fine
    }

    @Test
    void framesOverThePeerRateAreAnsweredRateLimitedAndNotProcessed() {
        RawPeer fast = join("fast");
        int sent = 3 * BURST;
        for (int i = 0; i < sent; i++) {
            fast.send(Map.of("type", "started", "lease", 9_000_000L + i)); // a processed one is answered stale-lease
        }
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                .until(() -> fast.received("error").size() >= sent);
        long processed = count(fast, "stale-lease");
        long refused = count(fast, "rate-limited");
        assertThat(processed + refused).as("every frame got exactly one answer").isEqualTo(sent);
        assertThat(refused).as("frames over the burst were refused").isPositive();
        assertThat(processed).as("the burst (less the token the hello took) got through").isGreaterThanOrEqualTo(BURST - 1);
        JsonNode limited = fast.awaitError("rate-limited");
        assertThat(limited.path("fatal").asBoolean()).isFalse();
        assertThat(limited.path("message").asText()).contains("20 frames/s").contains("not processed");
        // Once the budget refills, frames are processed again, on the same connection.
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).pollInterval(java.time.Duration.ofMillis(200))
                .until(() -> {
                    fast.send(Map.of("type", "started", "lease", 1_234_567L));
                    return fast.received("error").stream().anyMatch(e -> e.path("message").asText().contains("1234567"));
                });
        assertThat(fast.isClosed()).isFalse();
    }

    private static long count(RawPeer p, String code) {
        return p.received("error").stream().filter(e -> e.path("code").asText().equals(code)).count();
    }

    @Test
    void anApiBodyOverMaxBodyBytesGets413WithAJsonError() {
        ApiClient api = new ApiClient(port);
        StringBuilder tasks = new StringBuilder();
        for (int i = 0; tasks.length() < MAX_BODY; i++) {
            tasks.append(i == 0 ? "" : ",").append("{\"id\":\"task-number-").append(i).append("\"}");
        }
        ApiClient.Response r = api.post("/api/v1/jobs", "{\"schema\":{\"name\":\"big\",\"tasks\":[" + tasks + "]}}");
        assertThat(r.status()).as(r.body()).isEqualTo(413);
        assertThat(r.error()).isEqualTo("too-large");
        assertThat(r.json().path("message").asText()).contains("max-body-bytes");
        ApiClient.Response small = api.post("/api/v1/jobs", "{\"schema\":{\"name\":\"small\",\"tasks\":[{\"id\":\"a\"}]}}");
        assertThat(small.status()).as(small.body()).isLessThan(300);
    }

    @Test
    void aHelloStartingAJobOverMaxJobsIsRefusedNamingTheLimit() {
        RawPeer a = peer("a");
        a.send(RawPeer.hello("a", "job-one", taskIds("t", 1)));
        a.await("welcome");
        RawPeer b = peer("b");
        b.send(RawPeer.hello("b", "job-two", taskIds("t", 1)));
        b.await("welcome");

        a.send(Map.of("type", "goodbye")); // its job stays held (running, no peer): it still counts
        a.close(); // and frees a peer slot (max-peers is 2 here)
        java.util.concurrent.atomic.AtomicReference<JsonNode> refused = new java.util.concurrent.atomic.AtomicReference<>();
        java.util.concurrent.atomic.AtomicInteger tries = new java.util.concurrent.atomic.AtomicInteger();
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() -> {
            RawPeer c = peer("c" + tries.incrementAndGet());
            c.send(RawPeer.hello("c", "job-three", taskIds("t", 1)));
            JsonNode error = c.await("error");
            c.awaitClosed();
            refused.set(error);
            return error.path("code").asText().equals("too-many-jobs"); // too-many-peers until a's close is seen
        });
        assertThat(refused.get().path("fatal").asBoolean()).isTrue();
        assertThat(refused.get().path("message").asText()).contains("max-jobs");

        ApiClient api = new ApiClient(port);
        ApiClient.Response submit = api.post("/api/v1/jobs", "{\"schema\":{\"name\":\"s\",\"tasks\":[{\"id\":\"a\"}]}}");
        assertThat(submit.status()).as(submit.body()).isEqualTo(429);
        assertThat(submit.error()).isEqualTo("too-many-jobs");
        assertThat(api.get("/api/v1/jobs").json().path("jobs")).hasSize(2);
    }

    @Test
    void aSubmittedJobOverMaxTasksIsRefusedNamingTheLimit() {
        ApiClient api = new ApiClient(port);
        ApiClient.Response r = api.post("/api/v1/jobs", "{\"schema\":{\"name\":\"s\",\"tasks\":[{\"id\":\"a\"},"
                + "{\"id\":\"b\"},{\"id\":\"c\"},{\"id\":\"d\"},{\"id\":\"e\"},{\"id\":\"f\"}]}}");
        assertThat(r.status()).as(r.body()).isEqualTo(413);
        assertThat(r.error()).isEqualTo("too-many-tasks");
        assertThat(r.json().path("message").asText()).contains("max-tasks").contains("6 tasks");
    }

    @Test
    void anAliasBombInSchemaTextIsRefusedNamingTheLimit() {
        ApiClient api = new ApiClient(port);
        String bomb = io.taskshard.schema.SchemaLoaderBombTest.aliasBomb();
        ApiClient.Response r = api.post("/api/v1/jobs", RawPeer.toJson(Map.of("schemaText", bomb)));
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.json().path("message").asText()).contains("aliases expand to more than").contains("alias-expansion limit");
        assertThat(api.get("/api/v1/jobs").json().path("jobs")).isEmpty();
    }

    @Test
    void deeplyNestedJsonIsRefusedNamingTheLimit() {
        int depth = io.taskshard.protocol.InputLimits.DEFAULT_MAX_NESTING_DEPTH + 10;
        String deep = "[".repeat(depth) + "]".repeat(depth);
        ApiClient api = new ApiClient(port);
        ApiClient.Response r = api.post("/api/v1/jobs", "{\"schema\": {\"name\": \"d\", \"tasks\": " + deep + "}}");
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.json().path("message").asText()).contains("nesting depth");

        RawPeer p = peer("deep");
        p.send("{\"type\": \"hello\", \"protocol\": 1, \"peer\": \"deep\", \"schema\": {\"name\": \"d\","
                + " \"tasks\": " + deep + "}}");
        JsonNode error = p.awaitError("bad-json");
        assertThat(error.path("message").asText()).contains("nesting depth");
    }

    private RawPeer join(String name) {
        RawPeer p = peer(name);
        p.send(RawPeer.hello(name, "limits", taskIds("t", 3)));
        p.await("welcome");
        return p;
    }
}
