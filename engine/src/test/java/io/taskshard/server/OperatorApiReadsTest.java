package io.taskshard.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.taskshard.server.ApiClient.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The operator API's reads and errors against a real server, SQLite file and raw WebSocket peers. */
class OperatorApiReadsTest extends ServerTestBase {
    private ApiClient api;

    @BeforeEach
    void client() {
        api = new ApiClient(port);
    }

    /** Peer {@code name} joins schema {@code schema}; returns its welcome. */
    private JsonNode join(String name, String schema, List<String> ids) {
        RawPeer p = peer(name);
        p.send(RawPeer.hello(name, schema, ids));
        return p.await("welcome");
    }

    @Test
    void peersAndJobsAreListedOnceTwoPeersJoined() {
        long job = join("p1", "s", taskIds("t", 3)).path("job").path("id").asLong();
        join("p2", "s", taskIds("t", 3));

        Response peers = api.get("/api/v1/peers");
        assertThat(peers.status()).isEqualTo(200);
        assertThat(peers.json().path("peers")).extracting(p -> p.path("id").asText()).containsExactly("p1", "p2");
        assertThat(peers.json().path("peers").get(0).path("state").asText()).isEqualTo("connected");
        assertThat(peers.json().path("peers").get(0).path("jobId").asLong()).isEqualTo(job);

        Response jobs = api.get("/api/v1/jobs");
        assertThat(jobs.status()).isEqualTo(200);
        JsonNode first = jobs.json().path("jobs").get(0);
        assertThat(first.path("id").asLong()).isEqualTo(job);
        assertThat(first.path("name").asText()).isEqualTo("s");
        assertThat(first.path("state").asText()).isEqualTo("running");
        assertThat(first.path("jobKind").asText()).isEqualTo("shared");
        assertThat(first.path("taskCount").asInt()).isEqualTo(3);
        assertThat(api.get("/api/v1/jobs?state=running").json().path("jobs")).hasSize(1);
        assertThat(api.get("/api/v1/jobs?state=succeeded").json().path("jobs")).isEmpty();
    }

    @Test
    void aJobShowsItsTasksWithSpecFieldsStateAndAttempts() {
        long job = join("p1", "detail", taskIds("t", 2)).path("job").path("id").asLong();
        RawPeer p = peers.getFirst();
        long lease = p.await("assign").path("lease").asLong();

        await().untilAsserted(() -> {
            JsonNode detail = api.get("/api/v1/jobs/" + job).json();
            assertThat(detail.path("job").path("id").asLong()).isEqualTo(job);
            assertThat(detail.path("tasks")).extracting(t -> t.path("id").asText()).containsExactly("t1", "t2");
            JsonNode running = findTask(detail, t -> t.path("currentLease").asLong() == lease);
            assertThat(running.path("state").asText()).isEqualTo("running");
            assertThat(running.path("target").asText()).startsWith("//t");
            assertThat(running.path("maxAttempts").asInt()).isEqualTo(3);
            assertThat(running.path("attempts")).singleElement()
                    .satisfies(a -> assertThat(a.path("peer").asText()).isEqualTo("p1"))
                    .satisfies(a -> assertThat(a.path("lease").asLong()).isEqualTo(lease));
        });
    }

    @Test
    void aFinishedJobHasAComparisonAndADownloadableTrace() {
        long job = join("p1", "done", taskIds("t", 3)).path("job").path("id").asLong();
        peers.getFirst().autoRun("success").await("job-complete");
        await().until(() -> "succeeded".equals(api.get("/api/v1/jobs/" + job).json().path("job").path("state").asText()));

        Response comparison = api.get("/api/v1/jobs/" + job + "/comparison");
        assertThat(comparison.status()).isEqualTo(200);
        assertThat(comparison.json().path("jobId").asLong()).isEqualTo(job);
        assertThat(comparison.json().path("tasks").asInt()).isEqualTo(3);
        assertThat(comparison.json().path("sharded").path("bars")).hasSize(3);
        assertThat(comparison.json().has("lowerBound")).isTrue();

        Response trace = api.get("/api/v1/jobs/" + job + "/trace");
        assertThat(trace.status()).isEqualTo(200);
        assertThat(trace.headers().firstValue("Content-Disposition")).hasValueSatisfying(
                v -> assertThat(v).startsWith("attachment").contains("job-" + job));
        assertThat(trace.json().path("traceEvents")).filteredOn(e -> "X".equals(e.path("ph").asText())).hasSize(3);
    }

    @Test
    void aTaskIsFoundByUidBySchemaIdAndAnAmbiguousIdListsTheJobs() {
        long a = join("pa", "schema-a", List.of("//app:test", "only-a")).path("job").path("id").asLong();
        long b = join("pb", "schema-b", List.of("//app:test")).path("job").path("id").asLong();

        Response onlyA = api.get("/api/v1/tasks/only-a");
        assertThat(onlyA.status()).isEqualTo(200);
        long uid = onlyA.json().path("task").path("uid").asLong();
        assertThat(onlyA.json().path("task").path("jobId").asLong()).isEqualTo(a);
        assertThat(api.get("/api/v1/tasks/" + uid).json().path("task").path("id").asText()).isEqualTo("only-a");

        Response ambiguous = api.get("/api/v1/tasks/%2F%2Fapp%3Atest");
        assertThat(ambiguous.status()).isEqualTo(409);
        assertThat(ambiguous.error()).isEqualTo("ambiguous-task");
        assertThat(ambiguous.json().path("jobs")).extracting(JsonNode::asLong).containsExactlyInAnyOrder(a, b);

        Response picked = api.get("/api/v1/tasks/%2F%2Fapp%3Atest?job=" + b);
        assertThat(picked.status()).isEqualTo(200);
        assertThat(picked.json().path("task").path("jobId").asLong()).isEqualTo(b);
    }

    @Test
    void afterARestartUnfinishedJobsComeFromRecoveryAndFinishedOnesFromTheStore() {
        long done = join("p1", "finished-before", taskIds("f", 1)).path("job").path("id").asLong();
        peers.getFirst().autoRun("success").await("job-complete");
        long open = join("p2", "open-before", List.of("still-open")).path("job").path("id").asLong();
        peers.get(1).await("assign");
        peers.forEach(RawPeer::close);
        server.close();

        server = newServer(config(dataDir));
        port = server.start();
        api = new ApiClient(port);

        assertThat(api.get("/api/v1/jobs").json().path("jobs")).extracting(j -> j.path("id").asLong())
                .containsExactly(open, done);
        JsonNode finished = api.get("/api/v1/jobs/" + done).json();
        assertThat(finished.path("job").path("state").asText()).isEqualTo("succeeded");
        assertThat(finished.path("tasks").get(0).path("attempts")).hasSize(1);
        Response task = api.get("/api/v1/tasks/still-open");
        assertThat(task.status()).as(task.body()).isEqualTo(200);
        assertThat(task.json().path("task").path("jobId").asLong()).isEqualTo(open);
        assertThat(task.json().path("task").path("target").asText()).isEqualTo("//still-open");
    }

    @Test
    void unknownRoutesIdsAndBadParametersAreJsonErrors() {
        assertError(api.get("/api/v1/nope"), 404, "not-found");
        assertError(api.get("/nothing-here"), 404, "not-found");
        assertError(api.get("/api/v1/jobs/999"), 404, "not-found");
        assertError(api.get("/api/v1/jobs/abc"), 404, "not-found");
        assertError(api.get("/api/v1/jobs/999/comparison"), 404, "not-found");
        assertError(api.get("/api/v1/tasks/999"), 404, "not-found");
        assertError(api.get("/api/v1/tasks/no-such-task"), 404, "not-found");
        assertError(api.get("/api/v1/peers/ghost"), 404, "not-found");
        assertError(api.get("/api/v1/jobs?state=bogus"), 400, "bad-request");
        assertError(api.get("/api/v1/jobs?limit=0"), 400, "bad-request");
        assertError(api.get("/api/v1/tasks/x?job=abc"), 400, "bad-request");
    }

    private static void assertError(Response r, int status, String code) {
        assertThat(r.status()).as("status of %s", r.body()).isEqualTo(status);
        assertThat(r.error()).as("error code in %s", r.body()).isEqualTo(code);
        assertThat(r.json().path("message").asText()).isNotBlank();
    }

    @Test
    void healthzCountsAndMetricsParseAsPrometheusText() {
        join("p1", "m", taskIds("t", 2));
        peers.getFirst().autoRun("success").await("job-complete");

        Response health = api.get("/healthz");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().path("status").asText()).isEqualTo("ok");
        assertThat(health.json().path("peersConnected").asInt()).isEqualTo(1);

        await().untilAsserted(() -> {
            Response metrics = api.get("/metrics");
            assertThat(metrics.status()).isEqualTo(200);
            assertThat(metrics.headers().firstValue("Content-Type")).hasValueSatisfying(
                    v -> assertThat(v).startsWith("text/plain"));
            Map<String, Double> samples = parsePrometheus(metrics.body());
            assertThat(samples).containsEntry("taskshard_assignments_total", 2.0)
                    .containsEntry("taskshard_peers{state=\"connected\"}", 1.0)
                    .containsEntry("taskshard_jobs_finished_total{state=\"succeeded\"}", 1.0)
                    .containsEntry("taskshard_dispatch_latency_seconds_count", 2.0);
            assertThat(samples.get("taskshard_batches_committed_total")).isPositive();
        });
    }

    @Test
    void theAuditListsOperatorActionsNewestFirst() {
        join("p1", "audited", taskIds("t", 1));
        assertThat(api.post("/api/v1/peers/p1/drain").status()).isEqualTo(200);
        assertThat(api.post("/api/v1/peers/ghost/drain").status()).isEqualTo(404);

        JsonNode audit = api.get("/api/v1/audit").json().path("audit");
        assertThat(audit).hasSize(2);
        assertThat(audit.get(0).path("accepted").asBoolean()).isFalse();
        assertThat(audit.get(1).path("accepted").asBoolean()).isTrue();
        assertThat(audit.get(1).path("actor").asText()).isEqualTo("operator");
        assertThat(audit.get(1).path("target").asText()).isEqualTo("peer:p1");
    }

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*(?:\\{[^}]*})?) (\\S+)$");

    /** Every non-comment line must be {@code name{labels} value}. */
    static Map<String, Double> parsePrometheus(String text) {
        Map<String, Double> out = new java.util.LinkedHashMap<>();
        List<String> bad = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.startsWith("# HELP ") || line.startsWith("# TYPE ")) {
                continue;
            }
            var m = SAMPLE.matcher(line);
            if (!m.matches()) {
                bad.add(line);
                continue;
            }
            out.put(m.group(1), m.group(2).equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(m.group(2)));
        }
        assertThat(bad).as("lines that are not samples").isEmpty();
        return out;
    }

    private static JsonNode findTask(JsonNode detail, java.util.function.Predicate<JsonNode> match) {
        for (JsonNode t : detail.path("tasks")) {
            if (match.test(t)) {
                return t;
            }
        }
        throw new AssertionError("no matching task in " + detail);
    }
}
