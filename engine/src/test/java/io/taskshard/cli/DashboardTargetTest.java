package io.taskshard.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.taskshard.server.ServerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

class DashboardTargetTest {
    @TempDir
    Path dir;

    @Command(name = "dash")
    static final class Dash implements Runnable {
        @Mixin
        DashboardTarget target;

        @Override
        public void run() {
        }
    }

    private static DashboardTarget parse(String... args) {
        Dash dash = new Dash();
        new CommandLine(dash).parseArgs(args);
        return dash.target;
    }

    @Test
    void attachingAndEmbeddingOptionsDoNotMix() {
        assertThat(parse("--server", "ci:7070", "--bind", "0.0.0.0").conflict()).get().asString()
                .contains("--server attaches");
        assertThat(parse("--server", "ci:7070", "--port", "0").conflict()).isPresent();
        assertThat(parse("--server", "ci:7070", "--data", "/tmp/x").conflict()).isPresent();
        assertThat(parse("--ca-cert", "ca.pem").conflict()).get().asString().contains("--ca-cert is for --server");
        assertThat(parse("--server", "ci:7070", "--token", "t").conflict()).isEmpty();
        assertThat(parse("--port", "0", "--bind", "0.0.0.0", "--data", "/tmp/x").conflict()).isEmpty();
    }

    @Test
    void theEmbeddedCoordinatorTakesTheGivenSettingsOverTheDefaults() {
        ServerConfig given = parse("--port", "0", "--bind", "0.0.0.0", "--data", dir.toString()).embeddedConfig();
        assertThat(given.port()).isZero();
        assertThat(given.bind()).isEqualTo("0.0.0.0");
        assertThat(given.dataDir()).isEqualTo(dir);

        ServerConfig defaults = parse("--data", dir.toString()).embeddedConfig();
        assertThat(defaults.port()).isEqualTo(ServerConfig.DEFAULT_PORT);
        assertThat(defaults.bind()).isEqualTo(ServerConfig.DEFAULT_BIND);
    }

    @Test
    void theTokenComesFromTheOptionElseTheEnvironmentAndBlankIsNone() {
        Map<String, String> env = Map.of(DashboardTarget.TOKEN_ENV, "from-env");
        assertThat(parse("--token", "given").clientOptions(env).token()).isEqualTo("given");
        assertThat(parse().clientOptions(env).token()).isEqualTo("from-env");
        assertThat(parse().clientOptions(Map.of(DashboardTarget.TOKEN_ENV, " ")).token()).isNull();
    }

    @Test
    void badServerOrCaFileIsAUsageErrorNamingTheOption() throws Exception {
        assertThatThrownBy(() -> parse("--server", "not a host").serverAddress())
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("--server not a host: ");
        Path junk = Files.writeString(dir.resolve("ca.pem"), "not a certificate");
        assertThatThrownBy(() -> parse("--server", "ci:7070", "--ca-cert", junk.toString()).clientOptions(Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("--ca-cert: ");
        Map<String, String> env = Map.of(CaCertOption.ENV, junk.toString());
        assertThatThrownBy(() -> parse("--server", "ci:7070").clientOptions(env))
                .as("the CA from the environment, as the other client commands read it")
                .hasMessageStartingWith("--ca-cert: ");
        assertThat(parse().clientOptions(env).caCert()).as("the embedded coordinator needs no CA").isNull();
    }
}
