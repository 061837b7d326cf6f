package io.taskshard.runners.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskshard.cli.Main;
import io.taskshard.model.Durations;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo end to end: embedded coordinator, simulated peers over real sockets, the comparison. */
class DemoCommandTest {
    private static final Pattern MAKESPAN = Pattern.compile("(?m)^  (linear|sharded) +\\|[# ]+\\| +(\\S+)");

    @Test
    void runsTheBundledSchemaToSuccessAndShardedBeatsLinear(@TempDir Path data) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int exit = Main.run(new PrintWriter(out), new PrintWriter(err), "demo", "--headless", "--speed", "20",
                "--data", data.toString());

        String text = out.toString();
        assertThat(exit).as("stderr: %s", err).isEqualTo(Main.EXIT_OK);
        assertThat(text).contains("[24/24]").contains("24 tasks on 3 peers").contains("lower bound");
        Matcher m = MAKESPAN.matcher(text);
        long linear = -1;
        long sharded = -1;
        while (m.find()) {
            long ms = Durations.parseMillis(m.group(2));
            if (m.group(1).equals("linear")) {
                linear = ms;
            } else {
                sharded = ms;
            }
        }
        assertThat(sharded).isPositive().isLessThan(linear);
    }

    @Test
    void aBrokenSchemaIsAUsageErrorNamingTheFile(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("bad.yaml");
        java.nio.file.Files.writeString(bad, "name: x\ntasks:\n  - id: a\n    needs: [zz]\n    command: true\n");
        StringWriter err = new StringWriter();

        int exit = Main.run(new PrintWriter(new StringWriter()), new PrintWriter(err), "demo", "--schema",
                bad.toString());

        assertThat(exit).isEqualTo(Main.EXIT_USAGE);
        assertThat(err.toString()).contains("bad.yaml:4").contains("zz");
    }

    @Test
    void aBusyPortIsOneLineNamingItAndAUsageError(@TempDir Path data) throws Exception {
        try (java.net.ServerSocket holder = new java.net.ServerSocket(0, 50,
                java.net.InetAddress.getLoopbackAddress())) {
            int port = holder.getLocalPort();
            StringWriter err = new StringWriter();

            int exit = Main.run(new PrintWriter(new StringWriter()), new PrintWriter(err), "demo", "--headless",
                    "--port", Integer.toString(port), "--data", data.toString());

            assertThat(exit).as("stderr: %s", err).isEqualTo(Main.EXIT_USAGE);
            assertThat(err.toString().strip().lines().toList()).as(err.toString()).hasSize(1);
            assertThat(err.toString()).startsWith("taskshard demo: port " + port + " on 127.0.0.1 is in use")
                    .contains("--port").contains("another taskshard");
        }
    }
}
