package io.taskshard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A command run for real prints no INFO log lines; {@code token create --quiet} prints the secret only. */
class QuietConsoleProcessTest {
    @TempDir
    Path tmp;

    @Test
    void tokenCreateQuietPrintsOnlyTheSecretAndNoLogLines() throws Exception {
        Path out = tmp.resolve("out");
        Path err = tmp.resolve("err");
        ProcessBuilder builder = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "io.taskshard.cli.Main",
                "token", "create", "--role", "peer", "--name", "ci", "--quiet", "--data", tmp.resolve("d").toString())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().remove(ServeCommand.LOG_LEVEL_ENV);
        builder.environment().put("XDG_CACHE_HOME", tmp.resolve("cache").toString());
        Process p = builder.start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(p.exitValue()).as(Files.readString(err)).isZero();
        assertThat(Files.readString(out).strip().lines().toList()).hasSize(1).allMatch(l -> !l.contains(" "));
        assertThat(Files.readString(err)).doesNotContain("INFO");
    }
}
