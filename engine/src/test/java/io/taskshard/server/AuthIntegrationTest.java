package io.taskshard.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.taskshard.auth.AuthMode;
import io.taskshard.auth.Role;
import io.taskshard.store.TokenStore;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tokens and roles against a real server (port 0, SQLite in a temp dir), with tokens created
 * through {@link TokenStore} exactly as {@code taskshard token create} does.
 */
class AuthIntegrationTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dataDir;
    private TokenStore tokens;
    private TaskshardServer server;
    private int port;
    private String admin;
    private String operator;
    private String viewer;
    private String peer;
    private final List<RawPeer> peers = new java.util.ArrayList<>();

    @BeforeEach
    void start() {
        tokens = TokenStore.open(dataDir);
        admin = tokens.create("root", Role.ADMIN, 1).secret();
        operator = tokens.create("alice", Role.OPERATOR, 1).secret();
        viewer = tokens.create("victor", Role.VIEWER, 1).secret();
        peer = tokens.create("ci-peers", Role.PEER, 1).secret();
        server = ServerTestBase.newServer(ServerConfig.defaults(dataDir).withPort(0));
        port = server.start();
    }

    @AfterEach
    void stop() {
        peers.forEach(RawPeer::close);
        server.close();
        tokens.close();
    }

    record Answer(int status, JsonNode json) {
    }

    private Answer call(String method, String path, String token, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(20))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
            boolean json = r.headers().firstValue("Content-Type").orElse("").startsWith("application/json");
            return new Answer(r.statusCode(), json ? JSON.readTree(r.body()) : null);
        } catch (IOException e) {
            throw new AssertionError(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static int handshakeStatus(Throwable t) {
        Throwable cause = t;
        while (cause != null && !(cause instanceof WebSocketHandshakeException)) {
            cause = cause.getCause();
        }
        assertThat(cause).as("handshake refused, got %s", t).isInstanceOf(WebSocketHandshakeException.class);
        return ((WebSocketHandshakeException) cause).getResponse().statusCode();
    }

    private int wsStatus(String path, String token) {
        WebSocket.Builder b = HTTP.newWebSocketBuilder();
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        try {
            WebSocket ws = b.buildAsync(URI.create("ws://127.0.0.1:" + port + path), new WebSocket.Listener() {
            }).join();
            ws.abort();
            return 101;
        } catch (CompletionException e) {
            return handshakeStatus(e);
        }
    }

    private RawPeer joinWithPeerToken(String name, String schema, int tasks) {
        RawPeer p = RawPeer.connect(port, name, Map.of("Authorization", "Bearer " + peer));
        peers.add(p);
        p.send(RawPeer.hello(name, schema, ServerTestBase.taskIds("t", tasks)));
        p.await("welcome");
        return p;
    }

    @Test
    void thePerTokenJobBudgetCountsByTheTokenTheUpgradeCarried() {
        server.close();
        String otherPeer = tokens.create("nightly-peers", Role.PEER, 1).secret();
        server = ServerTestBase.newServer(ServerConfig.defaults(dataDir).withPort(0).withLimits(
                ServerLimits.DEFAULTS.withJobs(io.taskshard.scheduler.JobLimits.DEFAULTS.withMaxJobsPerToken(1))));
        port = server.start();
        joinWithPeerToken("p1", "first", 1);

        RawPeer second = RawPeer.connect(port, "p2", Map.of("Authorization", "Bearer " + peer));
        peers.add(second);
        second.send(RawPeer.hello("p2", "second", ServerTestBase.taskIds("t", 1)));
        JsonNode refused = second.await("error");
        assertThat(refused.path("code").asText()).as(refused.toString()).isEqualTo("too-many-jobs");
        assertThat(refused.path("message").asText()).contains("ci-peers");

        RawPeer other = RawPeer.connect(port, "p3", Map.of("Authorization", "Bearer " + otherPeer));
        peers.add(other);
        other.send(RawPeer.hello("p3", "second", ServerTestBase.taskIds("t", 1)));
        assertThat(other.await("welcome").path("job").path("name").asText())
                .as("another token's peers have a budget of their own").isEqualTo("second");
    }

    @Test
    void withoutATokenEveryApiRouteAndBothWebSocketsGet401() {
        List<String> routes = server.httpRoutes().stream().filter(r -> r.split(" ")[1].startsWith("/api/v1")).toList();
        assertThat(routes).as("the registered API routes").hasSizeGreaterThan(15)
                .contains("POST /api/v1/tasks/{id}/reassign", "GET /api/v1/jobs", "DELETE /api/v1/schedules/{id}",
                        "GET /api/v1/tokens")
                .allSatisfy(r -> assertThat(r).matches("(GET|POST|DELETE|PUT|PATCH) /api/v1/.*"));
        for (String route : routes) {
            String method = route.split(" ")[0];
            String path = route.split(" ")[1].replaceAll("\\{[^}]+}", "1");
            Answer a = call(method, path, null, method.equals("GET") ? null : "{}");
            assertThat(a.status()).as("%s without a token", route).isEqualTo(401);
            assertThat(a.json().path("error").asText()).as(route).isEqualTo("unauthorized");
            assertThat(call(method, path, "tsk_not-a-real-token", null).status()).as("%s, unknown token", route)
                    .isEqualTo(401);
        }
        assertThat(call("GET", "/api/v1/no-such-route", null, null).status()).as("unknown routes too").isEqualTo(401);
        assertThat(call("GET", "/metrics", null, null).status()).isEqualTo(401);
        assertThat(wsStatus("/api/v1/events", null)).isEqualTo(401);
        assertThat(wsStatus("/v1/peer", null)).isEqualTo(401);
        assertThat(wsStatus("/v1/peer", "tsk_wrong")).isEqualTo(401);
    }

    @Test
    void healthStaysOpen() {
        assertThat(call("GET", "/healthz", null, null).status()).isEqualTo(200);
    }

    @Test
    void aViewerReadsButMayNotSteer() {
        joinWithPeerToken("p1", "view", 2);
        assertThat(call("GET", "/api/v1/jobs", viewer, null).status()).isEqualTo(200);
        assertThat(call("GET", "/metrics", viewer, null).status()).isEqualTo(200);
        assertThat(wsStatus("/api/v1/events", viewer)).isEqualTo(101);
        Answer reassign = call("POST", "/api/v1/tasks/t2/reassign", viewer, "{\"peer\": \"p1\"}");
        assertThat(reassign.status()).isEqualTo(403);
        assertThat(reassign.json().path("error").asText()).isEqualTo("forbidden");
        assertThat(reassign.json().path("message").asText()).contains("victor", "viewer");
        assertThat(call("POST", "/api/v1/jobs", viewer, "{}").status()).as("submit").isEqualTo(403);
        assertThat(call("DELETE", "/api/v1/schedules/1", viewer, null).status()).as("schedules").isEqualTo(403);
    }

    @Test
    void anOperatorsReassignIsAuditedWithTheTokensName() {
        joinWithPeerToken("p1", "audit", 2);
        Answer reassign = call("POST", "/api/v1/tasks/t2/reassign", operator, "{\"peer\": \"p1\"}");
        assertThat(reassign.status()).as(String.valueOf(reassign.json())).isEqualTo(200);
        await().untilAsserted(() -> {
            JsonNode audit = call("GET", "/api/v1/audit", admin, null).json().path("audit");
            assertThat(audit).anySatisfy(a -> {
                assertThat(a.path("action").asText()).contains("reassign");
                assertThat(a.path("actor").asText()).isEqualTo("alice");
            });
        });
    }

    @Test
    void aPeerTokenJoinsButMayNotReadTheApi() {
        RawPeer p = joinWithPeerToken("p1", "peer", 1);
        assertThat(p.await("assign").path("task").path("id").asText()).isEqualTo("t1");
        Answer read = call("GET", "/api/v1/jobs", peer, null);
        assertThat(read.status()).isEqualTo(403);
        assertThat(read.json().path("message").asText()).contains("ci-peers", "peer");
        assertThat(wsStatus("/api/v1/events", peer)).isEqualTo(403);
        assertThat(wsStatus("/v1/peer", operator)).as("operators are not peers").isEqualTo(403);
    }

    @Test
    void onlyAnAdminListsTheTokensAndNeverSeesSecretsOrHashes() {
        assertThat(call("GET", "/api/v1/tokens", operator, null).status()).isEqualTo(403);
        Answer list = call("GET", "/api/v1/tokens", admin, null);
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().path("tokens")).extracting(t -> t.path("name").asText() + ":" + t.path("role").asText())
                .containsExactly("root:admin", "alice:operator", "victor:viewer", "ci-peers:peer");
        assertThat(list.json().toString()).doesNotContain(admin, operator, "tsk_", "hash");
    }

    @Test
    void aTokenRevokedWhileTheServerRunsIsRefusedWithoutRestart() {
        assertThat(call("GET", "/api/v1/jobs", operator, null).status()).isEqualTo(200);
        tokens.revoke("alice", 2);
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                assertThat(call("GET", "/api/v1/jobs", operator, null).status()).isEqualTo(401));
        assertThat(call("GET", "/api/v1/jobs", operator, null).json().path("message").asText())
                .contains("alice", "revoked");
        String fresh = tokens.create("bob", Role.OPERATOR, 3).secret();
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                assertThat(call("GET", "/api/v1/jobs", fresh, null).status()).isEqualTo(200));
    }

    @Test
    void onANonLoopbackAddressWithoutTokensTheServerRefusesToStartAndSaysHow(@TempDir Path empty) {
        TaskshardServer open = ServerTestBase.newServer(ServerConfig.defaults(empty).withPort(0).withBind("0.0.0.0"));
        assertThatThrownBy(open::start).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("taskshard token create --role admin --name me --data " + empty);
    }

    @Test
    void withAuthOffExplicitlyANonLoopbackServerStartsOpen(@TempDir Path empty) {
        try (TaskshardServer open = ServerTestBase.newServer(ServerConfig.defaults(empty).withPort(0)
                .withBind("0.0.0.0").withSecurity(ServerSecurity.DEFAULTS.withAuth(AuthMode.OFF)))) {
            int p = open.start();
            assertThat(p).isPositive();
        }
    }

    @Test
    void requiredAuthWithoutTokensRefusesEveryone(@TempDir Path empty) {
        try (TaskshardServer locked = ServerTestBase.newServer(ServerConfig.defaults(empty).withPort(0)
                .withSecurity(ServerSecurity.DEFAULTS.withAuth(AuthMode.REQUIRED)))) {
            int p = locked.start();
            HttpRequest r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + p + "/api/v1/jobs")).build();
            Throwable t = catchThrowable(() -> assertThat(HTTP.send(r, HttpResponse.BodyHandlers.ofString())
                    .statusCode()).isEqualTo(401));
            assertThat(t).isNull();
        }
    }
}
