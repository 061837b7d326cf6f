package io.taskshard.client;

import io.taskshard.server.ServerConfig;
import io.taskshard.server.TaskshardServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real coordinator on an ephemeral port with a real SQLite file per test, an
 * {@link OperatorClient} on it, and cleanup of every peer, stream and server afterwards.
 */
abstract class ClientTestBase {
    /** Short, so a restart test does not wait 10 s for lost peers. */
    static final long TEST_GRACE_MS = 300;
    /** Fast reconnects, so restart tests stay quick. */
    static final ClientOptions TEST_OPTIONS = ClientOptions.defaults()
            .withReconnectDelays(Duration.ofMillis(50), Duration.ofMillis(200));

    @TempDir
    Path dataDir;
    TaskshardServer server;
    ServerAddress address;
    OperatorClient client;
    final List<TestPeer> peers = new ArrayList<>();
    final List<EventStream> streams = new ArrayList<>();

    @BeforeEach
    void startServer() {
        server = new TaskshardServer(config(0));
        int port = server.start();
        address = ServerAddress.parse("127.0.0.1:" + port);
        client = new OperatorClient(address, TEST_OPTIONS);
    }

    @AfterEach
    void stopAll() {
        streams.forEach(EventStream::close);
        peers.forEach(TestPeer::close);
        client.close();
        server.close();
    }

    ServerConfig config(int port) {
        return ServerConfig.defaults(dataDir).withPort(port).withGraceMs(TEST_GRACE_MS);
    }

    /** Stops the server and starts a new one on the same port and data directory. */
    void restartServer() {
        server.close();
        server = new TaskshardServer(config(address.port()));
        server.start();
    }

    TestPeer join(String name, String schema, int tasks) {
        TestPeer peer = TestPeer.join(address, name, schema, taskIds(tasks));
        peers.add(peer);
        return peer;
    }

    EventStream stream() {
        EventStream stream = EventStream.open(address, TEST_OPTIONS);
        streams.add(stream);
        return stream;
    }

    static List<String> taskIds(int n) {
        return IntStream.rangeClosed(1, n).mapToObj(i -> "t" + i).toList();
    }
}
