package io.taskshard.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * When the database cannot be written, nothing of that batch goes out (no ack for an unstored
 * result), every peer is told {@code unavailable} and cut off, /healthz says 503, and a new
 * peer's upgrade is refused with 503.
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
        assertThat(server.coordinator().whenFailed()).as("what makes serve exit 1").isCompleted();
        assertThat(server.coordinator().failure()).isPresent();

        HttpResponse<String> health = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/healthz")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(503);

        // A peer arriving now is refused at the upgrade, like one arriving while the server shuts down.
        CompletableFuture<WebSocket> late = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create("ws://127.0.0.1:" + port + PeerEndpoint.PATH), new WebSocket.Listener() { });
        assertThatThrownBy(() -> late.get(RawPeer.DEFAULT_AWAIT.toSeconds(), TimeUnit.SECONDS))
                .hasCauseInstanceOf(WebSocketHandshakeException.class)
                .satisfies(e -> assertThat(((WebSocketHandshakeException) e.getCause()).getResponse().statusCode())
                        .isEqualTo(503));

        assertThat(server.coordinator().command("test", new io.taskshard.scheduler.OperatorCommand.Drain("x", true)))
                .isCompletedExceptionally();
    }
}
