package io.taskshard.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.taskshard.server.ApiClient.Response;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Operator commands through the real coordinator loop, seen by raw WebSocket peers. */
class OperatorApiCommandsTest extends ServerTestBase {
    private ApiClient api;

    @BeforeEach
    void client() {
        api = new ApiClient(port);
    }

    /** Peer {@code name} (one slot) joins schema {@code schema} with tasks t1..tN. */
    private RawPeer join(String name, String schema, int tasks) {
        RawPeer p = peer(name);
        p.send(RawPeer.hello(name, schema, taskIds("t", tasks)));
        p.await("welcome");
        return p;
    }

    private static String taskOf(JsonNode assign) {
        return assign.path("task").path("id").asText();
    }

    private static void finish(RawPeer p, JsonNode assign) {
        p.send(Map.of("type", "finished", "lease", assign.path("lease").asLong(), "outcome", "success",
                "exitCode", 0, "durationMs", 3));
    }

    @Test
    void aWaitingTaskReassignedToAPeerGoesToThatPeerAndNoOther() {
        RawPeer a = join("a", "re", 4);
        JsonNode a1 = a.await("assign");
        RawPeer b = join("b", "re", 4);
        JsonNode b1 = b.await("assign");
        assertThat(List.of(taskOf(a1), taskOf(b1))).containsExactly("t1", "t2");

        Response r = api.post("/api/v1/tasks/t3/reassign", "{\"peer\": \"b\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().path("task").path("preferredPeer").asText()).isEqualTo("b");

        finish(a, a1);
        assertThat(taskOf(a.await("assign"))).as("t3 waits for b; a takes the next one").isEqualTo("t4");
        finish(b, b1);
        assertThat(taskOf(b.await("assign"))).isEqualTo("t3");
    }

    @Test
    void retryingARunningTaskCancelsItsAttemptAndRunsItAgain() {
        RawPeer a = join("a", "retry", 1);
        JsonNode first = a.await("assign");

        Response unconfirmed = api.post("/api/v1/tasks/t1/retry");
        assertThat(unconfirmed.status()).as("a running task is restarted only when confirmed").isEqualTo(409);
        Response r = api.post("/api/v1/tasks/t1/retry", "{\"confirmRunning\": true}");
        assertThat(r.status()).as(r.body()).isEqualTo(200);

        assertThat(a.await("cancel").path("lease").asLong()).isEqualTo(first.path("lease").asLong());
        JsonNode again = a.await("assign");
        assertThat(taskOf(again)).isEqualTo("t1");
        assertThat(again.path("lease").asLong()).isGreaterThan(first.path("lease").asLong());
        await().untilAsserted(() -> assertThat(api.get("/api/v1/tasks/t1").json().path("task").path("attempts"))
                .extracting(t -> t.path("state").asText()).containsExactly("cancelled", "assigned"));
    }

    @Test
    void cancellingATaskEndsItAndCancellingItAgainIsAConflict() {
        RawPeer a = join("a", "cancel", 2);
        JsonNode running = a.await("assign");

        Response waiting = api.post("/api/v1/tasks/t2/cancel");
        assertThat(waiting.status()).as(waiting.body()).isEqualTo(200);
        assertThat(waiting.json().path("task").path("state").asText()).isEqualTo("cancelled");

        Response again = api.post("/api/v1/tasks/t2/cancel");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.error()).isEqualTo("conflict");
        assertThat(again.json().path("message").asText()).contains("already ended");

        assertThat(api.post("/api/v1/tasks/t1/cancel").status()).isEqualTo(200);
        assertThat(a.await("cancel").path("lease").asLong()).isEqualTo(running.path("lease").asLong());
    }

    @Test
    void cancellingAJobCancelsItsAttemptsAndCompletesIt() {
        RawPeer a = join("a", "doomed", 3);
        JsonNode running = a.await("assign");
        long job = api.get("/api/v1/jobs").json().path("jobs").get(0).path("id").asLong();

        Response r = api.post("/api/v1/jobs/" + job + "/cancel");
        assertThat(r.status()).as(r.body()).isEqualTo(200);

        assertThat(a.await("cancel").path("lease").asLong()).isEqualTo(running.path("lease").asLong());
        assertThat(a.await("job-complete").path("outcome").asText()).isEqualTo("cancelled");
        assertThat(api.get("/api/v1/jobs/" + job).json().path("job").path("state").asText()).isEqualTo("cancelled");
        assertThat(api.post("/api/v1/jobs/" + job + "/cancel").status()).isEqualTo(409);
    }

    @Test
    void aDrainedPeerFinishesWhatItRunsAndGetsNothingNew() {
        RawPeer a = join("a", "drain", 4);
        JsonNode onlyOne = a.await("assign");
        Response r = api.post("/api/v1/peers/a/drain");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().path("peer").path("draining").asBoolean()).isTrue();

        RawPeer b = join("b", "drain", 4);
        b.autoRun("success");
        finish(a, onlyOne);
        assertThat(a.await("job-complete").path("outcome").asText()).isEqualTo("success");

        assertThat(a.received("assign")).hasSize(1);
        assertThat(b.received("assign")).hasSize(3);
        Response undrain = api.post("/api/v1/peers/a/undrain");
        assertThat(undrain.status()).isEqualTo(200);
        assertThat(undrain.json().path("peer").path("draining").asBoolean()).isFalse();
    }

    @Test
    void aRaisedPriorityPutsAWaitingTaskFirst() {
        RawPeer a = join("a", "prio", 3);
        JsonNode first = a.await("assign");
        assertThat(taskOf(first)).isEqualTo("t1");

        Response r = api.post("/api/v1/tasks/t3/priority", "{\"priority\": 99}");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().path("task").path("priority").asInt()).isEqualTo(99);

        finish(a, first);
        assertThat(taskOf(a.await("assign"))).as("t3 overtakes t2").isEqualTo("t3");
    }

    @Test
    void aSubmittedJobRunsOnAWorkerWithTheGivenOptions() {
        Response r = api.post("/api/v1/jobs", """
                {"schema": {"name": "nightly", "tasks": [{"id": "x", "command": "true"}, {"id": "y", "command": "true"}]},
                 "priority": 5, "execCap": "30m", "attempts": 2}""");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        JsonNode job = r.json().path("job");
        assertThat(job.path("jobKind").asText()).isEqualTo("submitted");
        assertThat(job.path("taskCount").asInt()).isEqualTo(2);
        JsonNode x = api.get("/api/v1/jobs/" + job.path("id").asLong()).json().path("tasks").get(0);
        assertThat(x.path("priority").asInt()).isEqualTo(5);
        assertThat(x.path("timeoutMs").asLong()).isEqualTo(30 * 60_000);
        assertThat(x.path("maxAttempts").asInt()).isEqualTo(2);

        RawPeer worker = peer("w");
        worker.send(Map.of("type", "hello", "protocol", 1, "peer", "w", "worker", true, "slots", 2));
        worker.await("welcome");
        worker.autoRun("success");
        await().untilAsserted(() -> assertThat(api.get("/api/v1/jobs/" + job.path("id").asLong()).json()
                .path("job").path("state").asText()).isEqualTo("succeeded"));
    }

    @Test
    void aJobCanBeSubmittedAsSchemaFileText() {
        String yaml = "name: bazel-monorepo\ntasks:\n  - task: //core/base:base_test\n  - task: //web/ui:ui_test\n";
        Response r = api.post("/api/v1/jobs", RawPeer.toJson(Map.of("schemaText", yaml, "labels", List.of("linux"))));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        long job = r.json().path("job").path("id").asLong();
        JsonNode tasks = api.get("/api/v1/jobs/" + job).json().path("tasks");
        assertThat(tasks).extracting(t -> t.path("id").asText())
                .containsExactly("//core/base:base_test", "//web/ui:ui_test");
        assertThat(tasks.get(0).path("labels")).extracting(JsonNode::asText).containsExactly("linux");
    }

    @Test
    void anInvalidSchemaIsRefusedWithEveryProblemAndNothingIsSubmitted() {
        Response text = api.post("/api/v1/jobs", RawPeer.toJson(Map.of("schemaText",
                "name: broken\ntasks:\n  - id: a\n    target: //a\n    needs: [zz]\n")));
        assertError(text, 400, "bad-request");
        assertThat(text.json().path("message").asText()).contains("request:").contains("zz");
        assertThat(text.json().path("problems")).isNotEmpty();

        Response wire = api.post("/api/v1/jobs", """
                {"schema": {"name": "dup", "tasks": [{"id": "a", "target": "//a"}, {"id": "a", "target": "//b"},
                 {"id": "c", "target": "//c", "needs": ["c"]}]}}""");
        assertError(wire, 400, "bad-request");
        assertThat(wire.json().path("problems")).hasSizeGreaterThanOrEqualTo(2);
        assertThat(api.get("/api/v1/jobs").json().path("jobs")).isEmpty();
    }

    @Test
    void badCommandBodiesAndUnknownTargetsAreJsonErrors() {
        join("a", "bad", 2);
        assertError(api.post("/api/v1/tasks/t2/reassign", "{bad json"), 400, "bad-json");
        assertError(api.post("/api/v1/tasks/t2/reassign", "[1]"), 400, "bad-json");
        assertError(api.post("/api/v1/tasks/t2/reassign", "{}"), 400, "bad-request");
        assertError(api.post("/api/v1/tasks/t2/reassign", "{\"peer\": 5}"), 400, "bad-request");
        assertError(api.post("/api/v1/tasks/t2/reassign", "{\"peer\": \"a\", \"force\": true}"), 400, "bad-request");
        assertError(api.post("/api/v1/tasks/t2/reassign", "{\"peer\": \"ghost\"}"), 404, "unknown-peer");
        assertError(api.post("/api/v1/tasks/t2/priority", "{\"priority\": \"high\"}"), 400, "bad-request");
        assertError(api.post("/api/v1/tasks/t2/retry", "{\"now\": true}"), 400, "bad-request");
        assertError(api.post("/api/v1/tasks/nope/cancel"), 404, "not-found");
        assertError(api.post("/api/v1/tasks/123456/retry"), 404, "not-found");
        assertError(api.post("/api/v1/jobs/424242/cancel"), 404, "unknown-job");
        assertError(api.post("/api/v1/peers/ghost/undrain"), 404, "unknown-peer");
        assertError(api.post("/api/v1/jobs", "{\"schema\": {\"name\": \"x\", \"tasks\": []}}"), 400, "bad-request");
        assertError(api.post("/api/v1/jobs", "{\"schema\": {\"name\": \"x\", \"tasks\": [{\"id\": 1}]}}"),
                400, "bad-request");
        assertError(api.post("/api/v1/jobs", "{\"schemaText\": \"a\", \"schema\": {}}"), 400, "bad-request");
        assertError(api.post("/api/v1/jobs", "{\"schema\": {\"name\": \"x\", \"tasks\": [{\"id\": \"a\"}]},"
                + " \"execCap\": \"soon\"}"), 400, "bad-request");
        assertThat(api.get("/api/v1/jobs").json().path("jobs")).as("nothing was submitted").hasSize(1);
    }

    @Test
    void commandsAnswer503OnceTheCoordinatorHasStopped() {
        join("a", "stopping", 1);
        server.coordinator().close();

        Response r = api.post("/api/v1/peers/a/drain");
        assertError(r, 503, "unavailable");
        assertThat(r.json().path("message").asText()).contains("drain of peer a");
    }

    private static void assertError(Response r, int status, String code) {
        assertThat(r.status()).as("status of %s", r.body()).isEqualTo(status);
        assertThat(r.error()).as("error code in %s", r.body()).isEqualTo(code);
        assertThat(r.json().path("message").asText()).isNotBlank();
    }
}
