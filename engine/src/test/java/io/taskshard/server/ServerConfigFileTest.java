package io.taskshard.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerConfigFileTest {
    private final ServerConfig base = ServerConfig.defaults(Path.of("/tmp/base"));

    @Test
    void everyKeyIsRead(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("server.yaml");
        Files.writeString(file, """
                bind: 0.0.0.0
                port: 8080
                data: /var/lib/taskshard
                grace: 30s
                heartbeat: 2500ms
                hello-timeout: 3000
                max-frame-bytes: 65536
                max-queued-frames: 50
                peer-token: s3cret
                """);
        ServerConfig c = ServerConfigFile.load(file, base);
        assertThat(c.bind()).isEqualTo("0.0.0.0");
        assertThat(c.port()).isEqualTo(8080);
        assertThat(c.dataDir()).isEqualTo(Path.of("/var/lib/taskshard"));
        assertThat(c.graceMs()).isEqualTo(30_000);
        assertThat(c.heartbeatMs()).isEqualTo(2_500);
        assertThat(c.helloTimeoutMs()).isEqualTo(3_000);
        assertThat(c.maxFrameBytes()).isEqualTo(65_536);
        assertThat(c.maxQueuedFrames()).isEqualTo(50);
        assertThat(c.peerToken()).isEqualTo("s3cret");
        assertThat(c.toString()).doesNotContain("s3cret");
        assertThat(c.schedulerConfig().graceMs()).isEqualTo(30_000);
        assertThat(c.schedulerConfig().heartbeatMs()).isEqualTo(2_500);
    }

    @Test
    void theHttpLimitsAreRead() {
        ServerConfig c = ServerConfigFile.parse("""
                header-timeout: 2s
                body-timeout: 45s
                idle-timeout: 1m
                max-api-requests: 16
                accept-queue: 4096
                """, "server.yaml", ServerConfig.defaults(Path.of("/tmp/x")));
        assertThat(c.http()).isEqualTo(new HttpLimits(2_000, 45_000, 60_000, 16, 4096));
        assertThat(ServerConfig.defaults(Path.of("/tmp/x")).http()).isEqualTo(HttpLimits.DEFAULTS);
        assertThatThrownBy(() -> ServerConfigFile.parse("max-api-requests: 0", "s.yaml",
                ServerConfig.defaults(Path.of("/tmp/x")))).hasMessageContaining("'max-api-requests'");
    }

    @Test
    void authAndTlsKeysAreReadWithPathsRelativeToTheFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("server.yaml");
        Files.writeString(file, "auth: required\ntls-cert: certs/chain.pem\ntls-key: /etc/key.pem\n");
        ServerConfig c = ServerConfigFile.load(file, base);
        assertThat(c.security().auth()).isEqualTo(io.taskshard.auth.AuthMode.REQUIRED);
        assertThat(c.security().tlsCert()).isEqualTo(dir.toAbsolutePath().resolve("certs/chain.pem"));
        assertThat(c.security().tlsKey()).isEqualTo(Path.of("/etc/key.pem"));
    }

    @Test
    void aCertWithoutAKeyOrAnUnknownAuthModeIsRefused() {
        assertThatThrownBy(() -> ServerConfigFile.parse("tls-cert: c.pem\n", "server.yaml", base))
                .hasMessageContaining("server.yaml").hasMessageContaining("both a certificate");
        assertThatThrownBy(() -> ServerConfigFile.parse("auth: maybe\n", "server.yaml", base))
                .hasMessageContaining("'auth'").hasMessageContaining("auto, required or off");
    }

    @Test
    void keysNotInTheFileKeepTheirBaseValues() {
        ServerConfig c = ServerConfigFile.parse("port: 9000\n", "server.yaml", base);
        assertThat(c).isEqualTo(base.withPort(9000));
        assertThat(ServerConfigFile.parse("", "server.yaml", base)).isEqualTo(base);
        assertThat(ServerConfigFile.parse("# only a comment\n", "server.yaml", base)).isEqualTo(base);
    }

    @Test
    void unknownKeyIsRefusedNamingKeyAndFile() {
        assertThatThrownBy(() -> ServerConfigFile.parse("graze: 10s\n", "/etc/taskshard/server.yaml", base))
                .isInstanceOf(ServerConfigFile.ConfigException.class)
                .hasMessageContaining("/etc/taskshard/server.yaml")
                .hasMessageContaining("unknown key 'graze'")
                .hasMessageContaining("grace");
    }

    @Test
    void badValuesSayWhichKeyAndWhy() {
        assertThatThrownBy(() -> ServerConfigFile.parse("port: 70000\n", "s.yaml", base))
                .hasMessageContaining("s.yaml: 'port': must be a whole number from 0 to 65535, got 70000");
        assertThatThrownBy(() -> ServerConfigFile.parse("grace: soon\n", "s.yaml", base))
                .hasMessageContaining("s.yaml: 'grace': bad duration 'soon'");
        assertThatThrownBy(() -> ServerConfigFile.parse("heartbeat: 0\n", "s.yaml", base))
                .hasMessageContaining("'heartbeat': heartbeat must be at least 1, got 0");
        assertThatThrownBy(() -> ServerConfigFile.parse("bind: [a, b]\n", "s.yaml", base))
                .hasMessageContaining("'bind': must be a plain value");
        assertThatThrownBy(() -> ServerConfigFile.parse("- port\n", "s.yaml", base))
                .hasMessageContaining("s.yaml: must be a mapping");
        assertThatThrownBy(() -> ServerConfigFile.parse("port: [\n", "s.yaml", base))
                .hasMessageContaining("s.yaml: not valid YAML");
    }

    @Test
    void hostileConfigTextIsRefusedNamingTheLimit() {
        int depth = io.taskshard.protocol.InputLimits.DEFAULT_MAX_NESTING_DEPTH + 10;
        assertThatThrownBy(() -> ServerConfigFile.parse("port: " + "[".repeat(depth) + "]".repeat(depth), "s.yaml", base))
                .isInstanceOf(ServerConfigFile.ConfigException.class)
                .hasMessageContaining("s.yaml: not valid YAML").hasMessageContaining("depth");
        String huge = "# " + "x".repeat(ServerConfigFile.DEFAULT_MAX_CONFIG_CHARS) + "\nport: 1\n";
        assertThatThrownBy(() -> ServerConfigFile.parse(huge, "s.yaml", base))
                .hasMessageContaining("more than the " + ServerConfigFile.DEFAULT_MAX_CONFIG_CHARS);
    }

    @Test
    void missingFileIsAClearError(@TempDir Path dir) {
        Path missing = dir.resolve("nope.yaml");
        assertThatThrownBy(() -> ServerConfigFile.load(missing, base))
                .isInstanceOf(ServerConfigFile.ConfigException.class)
                .hasMessage(missing + ": no such config file");
    }
}
