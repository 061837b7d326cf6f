package io.taskshard.runners.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskshard.runners.testing.CoordinatorProcess;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real {@code taskshard demo} in a child JVM whose embedded coordinator cannot start: the
 * console gets our one line (no Javalin "Failed to start", no stack trace) and exit 2.
 */
class DemoStartRefusalProcessTest {
    @TempDir
    Path tmp;

    @Test
    void aBusyPortIsOneLineWithoutJavalinsStartupError() throws Exception {
        try (ServerSocket holder = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            int port = holder.getLocalPort();

            Result demo = demo("--port", Integer.toString(port));

            assertThat(demo.exit).as(demo.all).isEqualTo(2);
            assertThat(demo.all).as("no Javalin startup error, no stack trace")
                    .doesNotContain("Failed to start").doesNotContain("ERROR")
                    .doesNotContain("\tat ").doesNotContain("Exception");
            List<String> naming = demo.all.lines().filter(l -> l.contains(Integer.toString(port))).toList();
            assertThat(naming).as(demo.all).hasSize(1);
            assertThat(naming.get(0)).startsWith("taskshard demo: port " + port + " on 127.0.0.1 is in use");
            assertThat(demo.all.strip().lines()).as("only that line (no auth warning of a server that never ran)")
                    .hasSize(1);
        }
    }

    @Test
    void aHeldDataDirectoryIsRefusedOnceNamingTheHolder() throws Exception {
        Path data = tmp.resolve("data");
        // The demo keeps its coordinator's data in DIR/coordinator.
        try (CoordinatorProcess holder = CoordinatorProcess.start(data.resolve("coordinator"), 0,
                tmp.resolve("holder.log"))) {
            Result demo = demo("--data", data.toString());

            assertThat(demo.exit).as(demo.all).isEqualTo(2);
            List<String> refusals = demo.all.lines().filter(l -> l.contains("in use by another coordinator")).toList();
            assertThat(refusals).as("printed exactly once:%n%s", demo.all).hasSize(1);
            assertThat(refusals.get(0)).startsWith("taskshard demo: ").contains("pid " + holder.pid())
                    .contains("http://127.0.0.1:" + holder.port());
            assertThat(demo.all).as("no stack trace").doesNotContain("\tat ").doesNotContain("Exception");
            holder.kill();
        }
    }

    private record Result(int exit, String all) {
    }

    private Result demo(String... args) throws Exception {
        Path out = tmp.resolve("demo.out");
        Path err = tmp.resolve("demo.err");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.io.tmpdir=" + tmp));
        if (Runtime.version().feature() >= 22) {
            command.add("--enable-native-access=ALL-UNNAMED"); // as the launcher does
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.taskshard.cli.Main", "demo",
                "--headless"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().remove("TASKSHARD_LOG_LEVEL");
        Process p = builder.start();
        boolean exited = p.waitFor(60, TimeUnit.SECONDS);
        if (!exited) {
            p.destroyForcibly().waitFor();
        }
        assertThat(exited).as("the demo gives up by itself").isTrue();
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8)
                + Files.readString(err, StandardCharsets.UTF_8));
    }
}
