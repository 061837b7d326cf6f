package io.taskshard.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.taskshard.model.AttemptState;
import io.taskshard.model.TaskState;
import io.taskshard.store.Store;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A real server on an ephemeral port, a real SQLite file, raw JDK WebSocket peers. */
class PeerServerIntegrationTest extends ServerTestBase {

    @Test
    void threePeersShareSixTasksEachAssignedExactlyOnce() {
        List<String> ids = taskIds("t", 6);
        List<RawPeer> group = List.of(peer("p1"), peer("p2"), peer("p3"));
        for (RawPeer p : group) {
            p.send(RawPeer.hello(p.name(), "six", ids));
            JsonNode welcome = p.await("welcome");
            assertThat(welcome.path("peer").asText()).isEqualTo(p.name());
            assertThat(welcome.path("job").path("tasks").asInt()).isEqualTo(6);
        }
        group.forEach(p -> p.autoRun("success"));

        List<JsonNode> completes = group.stream().map(p -> p.await("job-complete")).toList();
        for (JsonNode c : completes) {
            assertThat(c.path("outcome").asText()).isEqualTo("success");
            assertThat(c.path("failed")).isEmpty();
        }
        List<String> assigned = group.stream().flatMap(p -> p.received("assign").stream())
                .map(a -> a.path("task").path("id").asText()).toList();
        assertThat(assigned).as("every task assigned exactly once across peers").containsExactlyInAnyOrderElementsOf(ids);
        List<Long> leases = group.stream().flatMap(p -> p.received("assign").stream())
                .map(a -> a.path("lease").asLong()).toList();
        assertThat(leases).doesNotHaveDuplicates();
        // Every finished was acked (after commit).
        for (RawPeer p : group) {
            List<Long> mine = p.received("assign").stream().map(a -> a.path("lease").asLong()).toList();
            await().atMost(RawPeer.DEFAULT_AWAIT).until(() -> p.received("ack").stream()
                    .map(a -> a.path("lease").asLong()).toList().containsAll(mine));
        }
        long job = completes.get(0).path("job").asLong();
        Store.JobDetail detail = server.store().job(job).orElseThrow();
        assertThat(detail.tasks()).extracting(t -> t.state()).containsOnly(TaskState.SUCCEEDED);
        assertThat(detail.attempts()).hasSize(6).extracting(a -> a.state()).containsOnly(AttemptState.SUCCEEDED);
    }

    @Test
    void aPeerThatDiesMidTaskLosesItAfterTheGracePeriodAndAnotherPeerFinishesTheJob() {
        List<String> ids = taskIds("d", 2);
        RawPeer doomed = peer("doomed");
        doomed.send(RawPeer.hello("doomed", "dying", ids));
        doomed.await("welcome");
        JsonNode lostAssign = doomed.await("assign");
        doomed.send(Map.of("type", "started", "lease", lostAssign.path("lease").asLong()));
        doomed.abort(); // crashes mid-task: no goodbye, no close handshake

        RawPeer survivor = peer("survivor");
        survivor.send(RawPeer.hello("survivor", "dying", ids));
        survivor.await("welcome");
        survivor.autoRun("success");
        JsonNode complete = survivor.await("job-complete");
        assertThat(complete.path("outcome").asText()).isEqualTo("success");

        String lostTask = lostAssign.path("task").path("id").asText();
        List<JsonNode> survivorAssigns = survivor.received("assign");
        assertThat(survivorAssigns).extracting(a -> a.path("task").path("id").asText()).contains(lostTask);
        JsonNode reassigned = survivorAssigns.stream()
                .filter(a -> a.path("task").path("id").asText().equals(lostTask)).findFirst().orElseThrow();
        assertThat(reassigned.path("lease").asLong()).isGreaterThan(lostAssign.path("lease").asLong());

        Store.JobDetail detail = server.store().job(complete.path("job").asLong()).orElseThrow();
        assertThat(detail.attempts()).filteredOn(a -> a.lease() == lostAssign.path("lease").asLong())
                .singleElement().extracting(a -> a.state()).isEqualTo(AttemptState.LOST);
        assertThat(detail.tasks()).extracting(t -> t.state()).containsOnly(TaskState.SUCCEEDED);
    }

    @Test
    void aReconnectWithTheSameIdReplacesTheOldConnectionAndKeepsItsLease() {
        List<String> ids = taskIds("r", 1);
        RawPeer first = peer("same");
        first.send(RawPeer.hello("same", "replace", ids));
        first.await("welcome");
        JsonNode assign = first.await("assign");
        long lease = assign.path("lease").asLong();

        RawPeer second = peer("same-again");
        second.send(RawPeer.hello("same", "replace", ids,
                Map.of("running", List.of(Map.of("lease", lease, "task", "r1")))));
        second.await("welcome");
        JsonNode replaced = first.awaitError("replaced");
        assertThat(replaced.path("fatal").asBoolean()).isTrue();
        first.awaitClosed();

        second.send(Map.of("type", "finished", "lease", lease, "outcome", "success", "exitCode", 0, "durationMs", 3));
        assertThat(second.await("ack").path("lease").asLong()).isEqualTo(lease);
        assertThat(second.await("job-complete").path("outcome").asText()).isEqualTo("success");
    }

    @Test
    void aSecondHelloOnAJoinedConnectionIsRefusedButTheConnectionStays() {
        RawPeer p = peer("twice");
        p.send(RawPeer.hello("twice", "twice", taskIds("h", 1)));
        p.await("welcome");
        p.send(RawPeer.hello("twice", "twice", taskIds("h", 1)));
        JsonNode error = p.awaitError("already-joined");
        assertThat(error.path("fatal").asBoolean()).isFalse();
        p.autoRun("success");
        assertThat(p.await("job-complete").path("outcome").asText()).isEqualTo("success");
    }

    @Test
    void healthzSaysOk() throws Exception {
        var client = java.net.http.HttpClient.newHttpClient();
        var response = client.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + port + "/healthz")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"ok\"");
    }
}
