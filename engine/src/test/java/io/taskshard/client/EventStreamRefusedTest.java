package io.taskshard.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.taskshard.auth.Role;
import io.taskshard.client.ConnectionState.Live;
import io.taskshard.client.ConnectionState.Reconnecting;
import io.taskshard.client.ConnectionState.Refused;
import io.taskshard.server.ServerConfig;
import io.taskshard.server.TaskshardServer;
import io.taskshard.store.TokenStore;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A coordinator with tokens: a stream it refuses (401/403) stops in {@link Refused} with the
 * server's reason and what to do, instead of retrying forever; other failures keep retrying
 * with the real reason.
 */
class EventStreamRefusedTest {
    private static final ClientOptions FAST = ClientOptions.defaults()
            .withReconnectDelays(Duration.ofMillis(20), Duration.ofMillis(50));

    @TempDir
    Path dataDir;
    private TokenStore tokens;
    private TaskshardServer server;
    private ServerAddress address;
    private final List<EventStream> streams = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() {
        tokens = TokenStore.open(dataDir);
        tokens.create("root", Role.ADMIN, 1);
        server = new TaskshardServer(ServerConfig.defaults(dataDir).withPort(0));
        address = ServerAddress.parse("127.0.0.1:" + server.start());
    }

    @AfterEach
    void stop() {
        streams.forEach(EventStream::close);
        server.close();
        tokens.close();
    }

    private EventStream open(ServerAddress at, ClientOptions options, List<ConnectionState> states) {
        EventStream s = EventStream.open(at, options);
        streams.add(s);
        s.addStateListener(states::add);
        return s;
    }

    @Test
    void withoutATokenTheStreamStopsAndSaysToPassOne() throws InterruptedException {
        List<ConnectionState> states = new CopyOnWriteArrayList<>();
        EventStream s = open(address, FAST, states);

        await().until(() -> s.state() instanceof Refused);
        Refused r = (Refused) s.state();
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.reason()).startsWith("this coordinator needs a token");
        assertThat(r.whatToDo()).isEqualTo("the coordinator wants a token: pass --token or set TASKSHARD_TOKEN");
        assertThat(r.describe()).contains("HTTP 401", "TASKSHARD_TOKEN");
        Thread.sleep(300); // twelve reconnect delays: a retrying stream would have tried again by now
        assertThat(s.state()).isEqualTo(r);
        assertThat(states).noneMatch(st -> st instanceof Reconnecting);
    }

    @Test
    void aPeerTokenIsRefusedWithWhichTokenToUse() {
        String peerToken = tokens.create("ci", Role.PEER, 1).secret();
        EventStream s = open(address, FAST.withToken(peerToken), new CopyOnWriteArrayList<>());

        await().until(() -> s.state() instanceof Refused);
        Refused r = (Refused) s.state();
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.reason()).isEqualTo("token 'ci' has role peer, which may not read the operator API");
        assertThat(r.whatToDo()).isEqualTo("use a viewer, operator or admin token (--token or TASKSHARD_TOKEN)");
        s.close();
        assertThat(s.state()).as("Refused is final").isEqualTo(r);
    }

    @Test
    void aViewerTokenGoesLive() {
        String viewer = tokens.create("victor", Role.VIEWER, 1).secret();
        EventStream s = open(address, FAST.withToken(viewer), new CopyOnWriteArrayList<>());
        await().until(() -> s.state() instanceof Live);
    }

    @Test
    void anUnknownTokenIsRefusedWithTheServersWords() {
        EventStream s = open(address, FAST.withToken("nonsense"), new CopyOnWriteArrayList<>());
        await().until(() -> s.state() instanceof Refused);
        Refused r = (Refused) s.state();
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.reason()).isEqualTo("unknown token; check --token / TASKSHARD_TOKEN");
        assertThat(r.whatToDo()).startsWith("pass a valid token");
    }

    @Test
    void aRefusedConnectionKeepsRetryingWithTheRealReason() throws IOException {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0)) {
            closedPort = probe.getLocalPort();
        }
        EventStream s = open(ServerAddress.parse("127.0.0.1:" + closedPort), FAST, new CopyOnWriteArrayList<>());
        await().until(() -> s.state() instanceof Reconnecting r && r.attempt() >= 2);
        assertThat(s.state().describe()).contains("connection refused", "127.0.0.1:" + closedPort);
    }

    @Test
    void anUnknownHostKeepsRetryingAndNamesIt() {
        EventStream s = open(ServerAddress.parse("no-such-host.invalid:7070"), FAST, new CopyOnWriteArrayList<>());
        await().atMost(Duration.ofSeconds(20)).until(() -> s.state() instanceof Reconnecting r && r.attempt() >= 2);
        assertThat(s.state().describe()).contains("unknown host", "no-such-host.invalid");
    }
}
