package io.taskshard.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.taskshard.server.ApiClient.Response;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An operator retries a failed task of a submitted job that has ended: the coordinator takes the
 * job back from SQLite (it left the scheduler's memory when it ended), re-runs only what did not
 * succeed, and the job ends succeeded — also when the coordinator restarted in between.
 */
class EndedJobRetryIntegrationTest extends ServerTestBase {

    private long submitFailingJob(ApiClient api) {
        Response r = api.post("/api/v1/jobs", """
                {"schema": {"name": "nightly", "tasks": [{"id": "bad", "command": "false"},
                 {"id": "ok", "command": "true"}, {"id": "after", "command": "true", "needs": ["bad"]}]},
                 "attempts": 1}""");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().path("job").path("id").asLong();
    }

    private RawPeer worker() {
        RawPeer w = peer("w");
        w.send(Map.of("type", "hello", "protocol", 1, "peer", "w", "worker", true, "slots", 2));
        w.await("welcome");
        return w;
    }

    private static void finish(RawPeer w, JsonNode assign, String outcome) {
        w.send(Map.of("type", "finished", "lease", assign.path("lease").asLong(), "outcome", outcome,
                "exitCode", "success".equals(outcome) ? 0 : 1, "durationMs", 3));
    }

    private static String stateOf(ApiClient api, long job) {
        return api.get("/api/v1/jobs/" + job).json().path("job").path("state").asText();
    }

    private void endFailed(ApiClient api, long job) {
        RawPeer w = worker();
        JsonNode first = w.await("assign");
        JsonNode second = w.await("assign", f -> f.path("lease").asLong() != first.path("lease").asLong());
        for (JsonNode a : new JsonNode[] {first, second}) {
            finish(w, a, "bad".equals(a.path("task").path("id").asText()) ? "failure" : "success");
        }
        await().until(() -> stateOf(api, job).equals("failed"));
        w.close();
    }

    @Test
    void aFailedTaskOfAnEndedSubmittedJobRunsAgainAndTheJobSucceeds() {
        ApiClient api = new ApiClient(port);
        long job = submitFailingJob(api);
        endFailed(api, job);

        Response r = api.post("/api/v1/tasks/bad/retry?job=" + job);

        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(stateOf(api, job)).isEqualTo("running");
        RawPeer w = worker();
        JsonNode again = w.await("assign");
        assertThat(again.path("task").path("id").asText()).isEqualTo("bad");
        finish(w, again, "success");
        JsonNode after = w.await("assign", f -> f.path("lease").asLong() != again.path("lease").asLong());
        assertThat(after.path("task").path("id").asText()).as("cancelled by bad's failure: runs again")
                .isEqualTo("after");
        finish(w, after, "success");
        await().until(() -> stateOf(api, job).equals("succeeded"));
        JsonNode tasks = api.get("/api/v1/jobs/" + job).json().path("tasks");
        assertThat(tasks).extracting(t -> t.path("attempts").size()).as("ok ran once: it had succeeded")
                .containsExactly(2, 1, 1);
    }

    @Test
    void theRetryWorksAfterACoordinatorRestartAndTheRetryIsKeptAcrossAnother() {
        ApiClient api = new ApiClient(port);
        long job = submitFailingJob(api);
        endFailed(api, job);
        restart();
        api = new ApiClient(port);
        assertThat(stateOf(api, job)).isEqualTo("failed");

        Response r = api.post("/api/v1/tasks/bad/retry?job=" + job);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode task = api.get("/api/v1/tasks/bad?job=" + job).json().path("task");
        assertThat(task.path("failuresCounted").asInt()).as("an operator retry clears the count").isZero();
        restart();
        api = new ApiClient(port);

        assertThat(stateOf(api, job)).as("the re-opened job is recovered as running").isEqualTo("running");
        assertThat(api.get("/api/v1/tasks/bad?job=" + job).json().path("task").path("failuresCounted").asInt())
                .isZero();
        RawPeer w = worker();
        w.autoRun("success");
        ApiClient last = api;
        await().until(() -> stateOf(last, job).equals("succeeded"));
    }

    private void restart() {
        peers.forEach(RawPeer::close);
        peers.clear();
        server.close();
        server = newServer(config(dataDir));
        port = server.start();
    }
}
