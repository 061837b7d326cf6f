package io.taskshard.runners.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real {@code taskshard demo} in a child JVM whose {@code java.io.tmpdir} is a test directory:
 * the demo's throw-away data directory is gone after a normal end and after SIGTERM.
 */
class DemoTempDirProcessTest {

    @Test
    void theTemporaryDataDirIsRemovedAtANormalEnd(@TempDir Path tmp) throws Exception {
        Process demo = startDemo(tmp, "--speed", "50");

        assertThat(demo.waitFor(120, TimeUnit.SECONDS)).as("the demo ends").isTrue();

        assertThat(demo.exitValue()).isZero();
        assertThat(demoDirs(tmp)).as("left in java.io.tmpdir").isEmpty();
    }

    @Test
    void theAuthWarningSaysTheDemoIsLocalWithoutTokensAndPointsAtTheRealSetup(@TempDir Path tmp) throws Exception {
        Process demo = startDemo(tmp, ProcessBuilder.Redirect.PIPE, "--speed", "50");
        String err = new String(demo.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(demo.waitFor(120, TimeUnit.SECONDS)).as("the demo ends").isTrue();

        assertThat(err).contains("the demo runs without tokens, on localhost only")
                .contains("docs/security.md")
                .doesNotContain(tmp.toString()) // no advice to create tokens in a directory about to vanish
                .doesNotContain("token create");
    }

    @Test
    void theTemporaryDataDirIsRemovedOnSigterm(@TempDir Path tmp) throws Exception {
        Process demo = startDemo(tmp, "--speed", "0.05"); // long enough to be interrupted mid-run
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(demo.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            do {
                line = lines.readLine();
            } while (line != null && !line.contains("coordinator at http://127.0.0.1:"));
            assertThat(line).as("the demo's coordinator came up").isNotNull();
            assertThat(demoDirs(tmp)).as("the demo made its data directory there").hasSize(1);

            demo.destroy(); // SIGTERM, like Ctrl-C or a service manager

            assertThat(demo.waitFor(60, TimeUnit.SECONDS)).as("the demo ends on SIGTERM").isTrue();
        }
        assertThat(demoDirs(tmp)).as("left in java.io.tmpdir").isEmpty();
    }

    private static Process startDemo(Path tmp, String... extra) throws IOException {
        return startDemo(tmp, ProcessBuilder.Redirect.DISCARD, extra);
    }

    private static Process startDemo(Path tmp, ProcessBuilder.Redirect stderr, String... extra) throws IOException {
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.io.tmpdir=" + tmp, "-cp", System.getProperty("java.class.path"),
                "io.taskshard.cli.Main", "demo", "--headless"));
        command.addAll(List.of(extra));
        // Reading stderr to its end: stdout is not read then, so it must not fill a pipe.
        ProcessBuilder.Redirect stdout = stderr == ProcessBuilder.Redirect.PIPE
                ? ProcessBuilder.Redirect.DISCARD : ProcessBuilder.Redirect.PIPE;
        return new ProcessBuilder(command).redirectOutput(stdout).redirectError(stderr).start();
    }

    private static List<Path> demoDirs(Path tmp) throws IOException {
        try (Stream<Path> entries = Files.list(tmp)) {
            return entries.filter(p -> p.getFileName().toString().startsWith("taskshard-demo-")).toList();
        }
    }
}
