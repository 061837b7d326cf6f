package io.taskshard.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.taskshard.client.OperatorClient;
import io.taskshard.server.ServerConfig;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedCoordinatorTest {

    @Test
    void theUiReachesItThroughTheOperatorApiAtItsAddress(@TempDir Path data) throws Exception {
        try (EmbeddedCoordinator c = EmbeddedCoordinator.start(ServerConfig.defaults(data).withPort(0));
             OperatorClient api = new OperatorClient(c.address())) {
            assertThat(c.address().toString()).contains("127.0.0.1:" + c.port());
            assertThat(api.jobs()).isEmpty();
            assertThat(c.describe()).isEqualTo("127.0.0.1:" + c.port() + " (peers: ws://127.0.0.1:" + c.port()
                    + "/v1/peer)");
        }
    }

    @Test
    void aPortInUseIsAUsageErrorThatSaysWhatToTry(@TempDir Path data) throws Exception {
        try (EmbeddedCoordinator first = EmbeddedCoordinator.start(ServerConfig.defaults(data.resolve("a")).withPort(0))) {
            ServerConfig same = ServerConfig.defaults(data.resolve("b")).withPort(first.port());

            assertThatThrownBy(() -> EmbeddedCoordinator.start(same))
                    .isInstanceOfSatisfying(EmbeddedCoordinator.StartFailure.class,
                            e -> assertThat(e.exitCode()).isEqualTo(Main.EXIT_USAGE)) // issue 14: as serve
                    .hasMessageContaining("could not start on 127.0.0.1:" + first.port())
                    .hasMessageContaining("port " + first.port() + " is in use")
                    .hasMessageContaining("attach to it with --server http://127.0.0.1:" + first.port())
                    .hasMessageContaining("another --port with another --data");
        }
    }

    @Test
    void aSecondCoordinatorOnTheSameDataIsAUsageErrorNamingTheHolder(@TempDir Path data) throws Exception {
        try (EmbeddedCoordinator first = EmbeddedCoordinator.start(ServerConfig.defaults(data).withPort(0))) {
            assertThatThrownBy(() -> EmbeddedCoordinator.start(ServerConfig.defaults(data).withPort(0)))
                    .isInstanceOfSatisfying(EmbeddedCoordinator.StartFailure.class,
                            e -> assertThat(e.exitCode()).isEqualTo(Main.EXIT_USAGE))
                    .hasMessageContaining("in use by another coordinator")
                    .hasMessageContaining("pid " + ProcessHandle.current().pid())
                    .hasMessageContaining("serving http://127.0.0.1:" + first.port());
        }
        EmbeddedCoordinator.start(ServerConfig.defaults(data).withPort(0)).close(); // released on close
    }

    @Test
    void unsafeSettingsAreAUsageError(@TempDir Path data) {
        ServerConfig everyInterfaceNoTokens = ServerConfig.defaults(data).withBind("0.0.0.0").withPort(0);

        assertThatThrownBy(() -> EmbeddedCoordinator.start(everyInterfaceNoTokens))
                .isInstanceOfSatisfying(EmbeddedCoordinator.StartFailure.class,
                        e -> assertThat(e.exitCode()).isEqualTo(Main.EXIT_USAGE))
                .hasMessageContaining("token create");
    }
}
