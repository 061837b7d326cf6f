package io.taskshard.server;

import io.taskshard.coordinator.CoordinatorConfig;
import io.taskshard.store.SqliteStore;
import io.taskshard.store.StoreOptions;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** Starts a real server on an ephemeral port with a real SQLite file per test; closes peers and server after. */
abstract class ServerTestBase {
    /** Short, so lost-peer tests do not wait 10 s. */
    static final long TEST_GRACE_MS = 300;
    static final long TEST_HELLO_TIMEOUT_MS = 1_000;

    @TempDir
    Path dataDir;
    TaskshardServer server;
    int port;
    final List<RawPeer> peers = new ArrayList<>();

    /** Override to change the server's settings. */
    ServerConfig config(Path dir) {
        return ServerConfig.defaults(dir).withPort(0).withGraceMs(TEST_GRACE_MS)
                .withHelloTimeoutMs(TEST_HELLO_TIMEOUT_MS);
    }

    static TaskshardServer newServer(ServerConfig config) {
        return new TaskshardServer(config, Clock.systemUTC(), dir -> SqliteStore.open(dir, StoreOptions.DEFAULTS),
                CoordinatorConfig.defaults());
    }

    @BeforeEach
    void startServer() {
        server = newServer(config(dataDir));
        port = server.start();
    }

    @AfterEach
    void stopServer() {
        peers.forEach(RawPeer::close);
        server.close();
    }

    RawPeer peer(String name) {
        RawPeer p = RawPeer.connect(port, name);
        peers.add(p);
        return p;
    }

    static List<String> taskIds(String prefix, int n) {
        return IntStream.rangeClosed(1, n).mapToObj(i -> prefix + i).toList();
    }
}
