package io.taskshard.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskshard.auth.Role;
import io.taskshard.store.TokenStore;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.ArrayList;
import java.util.List;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Issue 19: every WebSocket upgrade, even one refused with 401, used to leave an HTTP session
 * behind that never expired. 20,000 refused upgrades (4 kept-alive loopback connections) must
 * leave no sessions retained.
 */
class RefusedUpgradesTest extends ServerTestBase {
    static final int UPGRADES = 20_000;
    static final int CONNECTIONS = 4;

    @Override
    ServerConfig config(Path dir) {
        try (TokenStore tokens = TokenStore.open(dir)) {
            tokens.create("ci-peers", Role.PEER, 1); // a token exists: auth is on
        }
        return super.config(dir);
    }

    @Test
    void refusedUpgradesLeaveNoSessions() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CONNECTIONS);
        try {
            List<Future<Integer>> refused = new ArrayList<>();
            for (int c = 0; c < CONNECTIONS; c++) {
                refused.add(pool.submit(() -> upgrades(UPGRADES / CONNECTIONS)));
            }
            int total = 0;
            for (Future<Integer> f : refused) {
                total += f.get();
            }
            assertThat(total).isEqualTo(UPGRADES);
        } finally {
            pool.shutdownNow();
        }
        assertThat(server.httpSessionsCreated()).as("HTTP sessions made by %d refused upgrades", UPGRADES)
                .isZero();
    }

    /** {@code n} token-less upgrades on one kept-alive connection; each must be answered 401. */
    private int upgrades(int n) throws Exception {
        int refused = 0;
        RawHttp s = RawHttp.open(port, 10_000);
        try {
            for (int i = 0; i < n; i++) {
                s.write("GET " + PeerEndpoint.PATH + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                        + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                        + "Sec-WebSocket-Version: 13\r\n\r\n");
                RawHttp.Response r = s.read();
                assertThat(r.status()).isEqualTo(401);
                refused++;
                if (r.headers().toLowerCase(java.util.Locale.ROOT).contains("connection: close")) {
                    s.close(); // the server would not keep this one alive
                    s = RawHttp.open(port, 10_000);
                }
            }
        } finally {
            s.close();
        }
        return refused;
    }
}
