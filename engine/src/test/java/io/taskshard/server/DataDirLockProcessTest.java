package io.taskshard.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskshard.store.DataDirLock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One coordinator per data directory, with real child processes: a second {@code serve} on a
 * held directory is refused (exit 2, the holder named); kill -9 of the holder frees it. The same
 * runs check that the SQLite native library is unpacked once into the cache and reused.
 */
class DataDirLockProcessTest {
    @TempDir
    Path tmp;

    @Test
    void aSecondCoordinatorOnTheSameDataIsRefusedUntilTheHolderDies() throws Exception {
        Path data = tmp.resolve("data");
        Path cache = tmp.resolve("cache");
        Map<String, String> env = Map.of("XDG_CACHE_HOME", cache.toString());
        try (ServerProcess holder = ServerProcess.start(data, tmp.resolve("holder.log"), env)) {
            Result second = serve(data, env);

            assertThat(second.exit).as(second.stderr).isEqualTo(2);
            assertThat(second.stderr.strip().lines().toList()).as("one line, no stack trace").hasSize(1);
            assertThat(second.stderr)
                    .contains("in use by another coordinator")
                    .contains("pid " + holder.pid())
                    .contains("serving http://127.0.0.1:" + holder.port())
                    .contains("since ");

            holder.kill();
        }
        try (ServerProcess next = ServerProcess.start(data, tmp.resolve("next.log"), env)) {
            assertThat(Files.readString(data.resolve(DataDirLock.FILE_NAME))).contains("pid " + next.pid());
            next.kill();
        }
        assertThat(libraryCopies(cache, data)).as("one copy, reused after two kill -9").hasSize(1);
    }

    private static List<Path> libraryCopies(Path... roots) throws IOException {
        List<Path> copies = new java.util.ArrayList<>();
        for (Path root : roots) {
            try (Stream<Path> files = Files.walk(root)) {
                files.filter(f -> f.getFileName().toString().contains("sqlitejdbc")).forEach(copies::add);
            }
        }
        return copies;
    }

    private record Result(int exit, String stderr) {
    }

    private Result serve(Path data, Map<String, String> env) throws Exception {
        Path err = tmp.resolve("second.err");
        ProcessBuilder builder = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "io.taskshard.cli.Main", "serve", "--port", "0", "--data", data.toString())
                .redirectError(err.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().putAll(env);
        Process p = builder.start();
        boolean exited = p.waitFor(30, TimeUnit.SECONDS);
        if (!exited) {
            p.destroyForcibly();
        }
        assertThat(exited).as("the second serve exits by itself").isTrue();
        return new Result(p.exitValue(), Files.readString(err, StandardCharsets.UTF_8));
    }
}
