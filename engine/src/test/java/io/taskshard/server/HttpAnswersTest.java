package io.taskshard.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.taskshard.auth.Role;
import io.taskshard.store.TokenStore;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The smaller HTTP answers of issue 19, against a real server with auth on. */
class HttpAnswersTest extends ServerTestBase {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private String admin;
    private String peerToken;

    @Override
    ServerConfig config(Path dir) {
        try (TokenStore tokens = TokenStore.open(dir)) {
            admin = tokens.create("root", Role.ADMIN, 1).secret();
            peerToken = tokens.create("ci-peers", Role.PEER, 1).secret();
        }
        return super.config(dir);
    }

    private HttpResponse<String> call(String method, String path, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).method(method, HttpRequest.BodyPublishers.noBody());
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theApiRootAndUnknownRoutesUnderItNeedATokenToo() throws Exception {
        for (String path : new String[] {"/api/v1", "/api/v1/", "/api/v1/no-such-route", "/api/v1/jobs/1/nope"}) {
            HttpResponse<String> r = call("GET", path, null);
            assertThat(r.statusCode()).as("GET %s without a token", path).isEqualTo(401);
            assertThat(JSON.readTree(r.body()).path("error").asText()).isEqualTo("unauthorized");
        }
        assertThat(call("GET", "/api/v1/no-such-route", admin).statusCode()).isEqualTo(404);
    }

    @Test
    void anUnsupportedHttpVersionIs505NotAnInternalError() throws Exception {
        try (RawHttp s = RawHttp.open(port, 5_000)) {
            RawHttp.Response r = s.write("GET /healthz HTTP/7.1\r\nHost: 127.0.0.1\r\n\r\n").read();
            assertThat(r.status()).isEqualTo(505);
            JsonNode body = JSON.readTree(r.body());
            assertThat(body.path("error").asText()).isEqualTo("http-version-not-supported");
        }
    }

    @Test
    void undrainIsAuditedAsUndrainAndRefusalsAreAudited() throws Exception {
        RawPeer a = RawPeer.connect(port, "a", java.util.Map.of("Authorization", "Bearer " + peerToken));
        peers.add(a);
        a.send(RawPeer.hello("a", "audit", taskIds("t", 1)));
        a.await("welcome");
        assertThat(call("POST", "/api/v1/peers/a/drain", admin).statusCode()).isEqualTo(200);
        assertThat(call("POST", "/api/v1/peers/a/undrain", admin).statusCode()).isEqualTo(200);
        assertThat(call("POST", "/api/v1/peers/a/drain", null).statusCode()).isEqualTo(401);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode audit = JSON.readTree(call("GET", "/api/v1/audit", admin).body()).path("audit");
            assertThat(audit.findValuesAsText("action")).contains("drain", "undrain", "refused");
        });
    }
}
