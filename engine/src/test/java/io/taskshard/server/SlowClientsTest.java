package io.taskshard.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskshard.auth.Role;
import io.taskshard.store.TokenStore;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Slow and careless HTTP clients against a real {@code taskshard serve} process (issue 19): slow
 * request bodies must not starve {@code /healthz} or the peers, headers that never end and
 * bodies that never finish are cut off after their timeouts, and a request without a token is
 * refused before its body is read. Every connection is on loopback and their number is bounded.
 */
class SlowClientsTest {
    /** Above Jetty's default pool of 250 threads: enough to starve it if each slow body held a thread. */
    static final int SLOW_BODIES = 300;

    @TempDir
    Path dir;
    private final List<RawHttp> sockets = new ArrayList<>();
    private final List<RawPeer> peers = new ArrayList<>();
    private ServerProcess server;
    private String operator;
    private String peer;

    @BeforeEach
    void tokens() {
        try (TokenStore tokens = TokenStore.open(dir.resolve("data"))) {
            operator = tokens.create("alice", Role.OPERATOR, 1).secret();
            peer = tokens.create("ci-peers", Role.PEER, 1).secret();
        }
    }

    @AfterEach
    void stop() {
        sockets.forEach(RawHttp::close);
        peers.forEach(RawPeer::close);
        if (server != null) {
            server.close();
        }
    }

    private void start(String... args) throws IOException {
        server = ServerProcess.start(dir.resolve("data"), dir.resolve("server.log"), args);
    }

    /** Headers complete, then one byte of a 100,000-byte body, and nothing more. */
    private RawHttp slowPost(String token) throws IOException {
        RawHttp s = RawHttp.open(server.port(), 10_000);
        sockets.add(s);
        return s.write("POST /api/v1/jobs HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + (token == null ? "" : "Authorization: Bearer " + token + "\r\n")
                + "Content-Length: 100000\r\n\r\n{");
    }

    @Test
    void slowBodiesStarveNeitherHealthzNorPeers() throws Exception {
        start();
        for (int i = 0; i < SLOW_BODIES; i++) {
            slowPost(operator);
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        for (int i = 0; i < 20; i++) {
            HttpResponse<String> health = http.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + server.port() + "/healthz"))
                    .timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).as("healthz under %d slow bodies", SLOW_BODIES).isEqualTo(200);
        }
        RawPeer p = RawPeer.connect(server.port(), "p", Map.of("Authorization", "Bearer " + peer));
        peers.add(p);
        p.send(RawPeer.hello("p", "under-load", ServerTestBase.taskIds("t", 2)));
        p.await("welcome");
        p.await("assign");
        assertThat(server.logText()).doesNotContain("Exception");
    }

    @Test
    void withoutATokenARequestIsRefusedBeforeItsBodyIsRead() throws Exception {
        start();
        RawHttp s = slowPost(null);
        RawHttp.Response r = s.read(); // the 99,999 other bytes are never sent
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.body()).contains("\"unauthorized\"");
    }

    @Test
    void headersThatNeverEndAreCutOffAfterTheHeaderTimeout() throws Exception {
        start("--header-timeout", "1s", "--idle-timeout", "30s");
        RawHttp s = RawHttp.open(server.port(), 500);
        sockets.add(s);
        s.write("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n");
        long start = System.nanoTime();
        // One header line every 300 ms: never idle, never finished (slowloris).
        boolean closed = false;
        while (!closed && System.nanoTime() - start < 15_000_000_000L) {
            try {
                s.write("X-Slow: 1\r\n");
            } catch (IOException e) {
                closed = true; // reset by the server
                break;
            }
            closed = s.closedByServer(); // waits up to the 500 ms read timeout
        }
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertThat(closed).as("slowloris connection closed by the server").isTrue();
        assertThat(ms).as("closed after about the 1 s header timeout").isBetween(500L, 5_000L);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5))
                .until(() -> server.logText().contains("header timeout"));
    }

    @Test
    void aBodyThatNeverFinishesGets408AfterTheBodyTimeout() throws Exception {
        start("--body-timeout", "1s");
        RawHttp s = slowPost(operator);
        long start = System.nanoTime();
        RawHttp.Response r = s.read();
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertThat(r.status()).isEqualTo(408);
        assertThat(r.body()).contains("\"request-timeout\"").contains("body-timeout");
        assertThat(ms).isBetween(500L, 5_000L);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5))
                .until(() -> server.logText().contains("body timeout"));
        assertThat(server.logText()).as("one line, no stack trace").doesNotContain("\tat ");
    }
}
