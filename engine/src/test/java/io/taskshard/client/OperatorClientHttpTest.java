package io.taskshard.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the client does with answers the coordinator itself never gives: a reverse proxy's
 * error page, a silent server, nobody listening. A JDK HTTP server plays the other side.
 */
class OperatorClientHttpTest {
    private HttpServer http;
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private OperatorClient client;

    @BeforeEach
    void start() throws IOException {
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/api/v1/peers", ex -> {
            authorizations.add(String.valueOf(ex.getRequestHeaders().getFirst("Authorization")));
            reply(ex, 200, "application/json", "{\"peers\": []}");
        });
        http.createContext("/api/v1/jobs", ex -> reply(ex, 502, "text/html",
                "<html><body><h1>502 Bad Gateway</h1></body></html>"));
        http.createContext("/api/v1/audit", ex -> reply(ex, 200, "text/html", "<html>login page</html>"));
        http.createContext("/api/v1/tasks", ex -> {
            try {
                release.await(30, TimeUnit.SECONDS); // never answers within the client's timeout
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            reply(ex, 200, "application/json", "{}");
        });
        http.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        http.start();
        client = new OperatorClient(ServerAddress.parse("127.0.0.1:" + http.getAddress().getPort()),
                ClientOptions.defaults().withToken("s3cret").withRequestTimeout(Duration.ofMillis(300)));
    }

    @AfterEach
    void stop() {
        release.countDown();
        client.close();
        http.stop(0);
    }

    private static void reply(HttpExchange ex, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", type);
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
        ex.close();
    }

    @Test
    void theTokenIsSentAsABearerHeader() {
        assertThat(client.peers()).isEmpty();
        assertThat(authorizations).containsExactly("Bearer s3cret");
    }

    @Test
    void aNonJsonErrorPageBecomesAnApiExceptionQuotingIt() {
        assertThatThrownBy(() -> client.jobs()).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status()).isEqualTo(502);
            assertThat(e.code()).isEqualTo("http-502");
            assertThat(e.serverMessage()).contains("502 Bad Gateway");
        });
    }

    @Test
    void aSuccessThatIsNotJsonIsAClientErrorNamingTheRequest() {
        assertThatThrownBy(() -> client.audit())
                .isExactlyInstanceOf(ClientException.class)
                .hasMessageContaining("GET http://127.0.0.1:" + http.getAddress().getPort() + "/api/v1/audit")
                .hasMessageContaining("expected a JSON answer, got 'text/html'");
    }

    @Test
    void noAnswerWithinTheTimeoutIsAConnectionException() {
        assertThatThrownBy(() -> client.retry(TaskRef.id("//app:test"), false))
                .isInstanceOfSatisfying(ConnectionException.class, e -> {
                    assertThat(e.uri().getRawPath()).isEqualTo("/api/v1/tasks/%2F%2Fapp%3Atest/retry");
                    assertThat(e.getMessage()).contains("no answer within PT0.3S")
                            .contains("the command may still take effect");
                });
    }

    @Test
    void nobodyListeningIsAConnectionExceptionNamingTheUrl() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort(); // free once closed: nothing listens there
        }
        try (OperatorClient nowhere = new OperatorClient(ServerAddress.parse("127.0.0.1:" + port))) {
            assertThatThrownBy(nowhere::peers).isInstanceOfSatisfying(ConnectionException.class, e -> {
                assertThat(e.getMessage()).startsWith("cannot reach the coordinator at http://127.0.0.1:" + port
                        + "/api/v1/peers: connection refused");
            });
        }
    }
}
