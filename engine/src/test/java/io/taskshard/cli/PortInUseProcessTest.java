package io.taskshard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code taskshard serve} on a port something else holds (a real child JVM, the port held by a
 * {@link ServerSocket}): one line naming the port and what to do, no stack trace, exit 2.
 */
class PortInUseProcessTest {
    @TempDir
    Path tmp;

    @Test
    void serveOnABusyPortSaysSoInOneLineAndExitsWithAUsageError() throws Exception {
        try (ServerSocket holder = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            int port = holder.getLocalPort();
            Path out = tmp.resolve("out");
            Path err = tmp.resolve("err");
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString()));
            if (Runtime.version().feature() >= 22) {
                command.add("--enable-native-access=ALL-UNNAMED"); // as the launcher does
            }
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.taskshard.cli.Main",
                    "serve", "--port", Integer.toString(port), "--data", tmp.resolve("d").toString()));
            ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile())
                    .redirectError(err.toFile());
            builder.environment().remove(ServeCommand.LOG_LEVEL_ENV);
            Process p = builder.start();
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("serve gives up").isTrue();

            String all = Files.readString(out) + Files.readString(err);
            assertThat(p.exitValue()).as(all).isEqualTo(Main.EXIT_USAGE);
            assertThat(all).as("no stack trace").doesNotContain("\tat ").doesNotContain("Exception");
            assertThat(all).as("no Javalin startup error: our line says it").doesNotContain("Failed to start")
                    .doesNotContain("ERROR");
            List<String> naming = all.lines().filter(l -> l.contains(Integer.toString(port))).toList();
            assertThat(naming).as(all).hasSize(1);
            assertThat(naming.get(0)).startsWith("taskshard serve: port " + port + " on 127.0.0.1 is in use")
                    .contains("--port").contains("another taskshard");
        }
    }
}
