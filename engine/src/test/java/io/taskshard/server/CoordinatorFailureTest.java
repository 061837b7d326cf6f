package io.taskshard.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * When the database cannot be written, nothing of that batch goes out (no ack for an unstored
 * result), every peer is told {@code unavailable} and cut off, and /healthz says 503.
 */
class CoordinatorFailureTest extends ServerTestBase {

    @Test
    void aFailedCommitSendsNoAckStopsTheCoordinatorAndTellsEveryone() throws Exception {
        RawPeer p = peer("victim");
        p.send(RawPeer.hello("victim", "doomed-store", taskIds("f", 2)));
        p.await("welcome");
        long lease = p.await("assign").path("lease").asLong();

        server.store().close(); // the database goes away under the running coordinator

        p.send(Map.of("type", "finished", "lease", lease, "outcome", "success", "exitCode", 0, "durationMs", 4));
        JsonNode error = p.awaitError("unavailable");
        assertThat(error.path("fatal").asBoolean()).isTrue();
        assertThat(error.path("message").asText()).contains("cannot store");
        p.awaitClosed();
        assertThat(p.received("ack")).as("a result that was not stored is never acked").isEmpty();

        assertThat(server.coordinator().isFailed()).isTrue();
        assertThat(server.coordinator().failure()).isPresent();

        HttpResponse<String> health = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/healthz")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(503);

        RawPeer late = peer("late");
        assertThat(late.awaitError("unavailable").path("fatal").asBoolean()).isTrue();
        late.awaitClosed();

        assertThat(server.coordinator().command("test", new io.taskshard.scheduler.OperatorCommand.Drain("x", true)))
                .isCompletedExceptionally();
    }
}
