package io.taskshard.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.net.http.WebSocketHandshakeException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** With a peer token configured, the upgrade needs {@code Authorization: Bearer <token>}. */
class PeerAuthTest extends ServerTestBase {
    static final String TOKEN = "t0ken-for-tests";

    @Override
    ServerConfig config(Path dir) {
        return super.config(dir).withPeerToken(TOKEN);
    }

    private static int handshakeStatus(Throwable t) {
        Throwable cause = t;
        while (cause != null && !(cause instanceof WebSocketHandshakeException)) {
            cause = cause.getCause();
        }
        assertThat(cause).as("handshake refused, got %s", t).isInstanceOf(WebSocketHandshakeException.class);
        return ((WebSocketHandshakeException) cause).getResponse().statusCode();
    }

    @Test
    void missingOrWrongTokenGets401AndNoUpgrade() {
        assertThat(handshakeStatus(catchThrowable(() -> RawPeer.connect(port, "none")))).isEqualTo(401);
        assertThat(handshakeStatus(catchThrowable(() -> RawPeer.connect(port, "wrong",
                Map.of("Authorization", "Bearer nope"))))).isEqualTo(401);
    }

    @Test
    void rightTokenJoins() {
        RawPeer p = RawPeer.connect(port, "authed", Map.of("Authorization", "Bearer " + TOKEN));
        peers.add(p);
        p.send(RawPeer.hello("authed", "auth", taskIds("a", 1)));
        p.await("welcome");
        p.autoRun("success");
        assertThat(p.await("job-complete").path("outcome").asText()).isEqualTo("success");
    }
}
