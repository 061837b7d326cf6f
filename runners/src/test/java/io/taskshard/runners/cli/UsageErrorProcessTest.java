package io.taskshard.runners.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A few usage errors of {@link UsageErrorExitCodesTest} through the real launcher main
 * ({@code io.taskshard.cli.Main}) in a child JVM, with the console logging a user gets: the
 * process exits 2 and prints the one-line message, nothing else (no log line, no stack trace).
 */
class UsageErrorProcessTest {
    @TempDir
    Path tmp;

    @ParameterizedTest(name = "taskshard {0} {1}")
    @CsvSource(delimiter = '|', value = {
        "submit       | --schema ../schemas/demo.yaml --server localhost:1 --exec-cap 30",
        "serve        | --grace 30 --data DATA",
        "peer         | --server localhost:1 --schema ../schemas/demo.yaml --nope",
        "demo         | --peers many",
        "token create | --role king --name x --data DATA",
        "schedule rm  | --server localhost:1",
    })
    void aUsageErrorOfTheRealMainExitsTwoWithOneLine(String command, String args) throws Exception {
        List<String> argv = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "io.taskshard.cli.Main"));
        if (Runtime.version().feature() >= 22) {
            argv.add(1, "--enable-native-access=ALL-UNNAMED"); // as the launcher does (SQLite's native library)
        }
        argv.addAll(List.of(command.split(" ")));
        for (String arg : args.split(" ")) {
            argv.add(arg.equals("DATA") ? tmp.resolve("data").toString() : arg);
        }
        Path out = tmp.resolve("out");
        Path err = tmp.resolve("err");
        ProcessBuilder builder = new ProcessBuilder(argv).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().remove("TASKSHARD_LOG_LEVEL");
        Process p = builder.start();
        p.getOutputStream().close();
        boolean exited = p.waitFor(60, TimeUnit.SECONDS);
        if (!exited) {
            p.destroyForcibly();
        }
        assertThat(exited).as("exits by itself").isTrue();

        UsageErrorExitCodesTest.assertUsageError("taskshard " + command, p.exitValue(), Files.readString(out),
                Files.readString(err));
    }
}
