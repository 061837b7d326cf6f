package io.taskshard.runners.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code taskshard serve} in a child JVM (the real CLI, {@code io.taskshard.cli.Main}), so a
 * test can SIGKILL the coordinator for real: no flush, no goodbye. Its log goes to a file,
 * quoted in assertion messages.
 */
public final class CoordinatorProcess implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("listening on http://[^:]+:(\\d+)");
    /** A cold JVM on a busy 2-core machine can take a while to start Jetty and open SQLite. */
    private static final long START_PATIENCE_S = 60;

    private final Process process;
    private final Path log;
    private final int port;

    private CoordinatorProcess(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /** Starts {@code serve --port port --data dataDir extraArgs...} (port 0: any) and waits until it listens. */
    public static CoordinatorProcess start(Path dataDir, int port, Path log, String... extraArgs) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-Xshare:auto", // starts faster; the test restarts it many times
                "-cp", System.getProperty("java.class.path"),
                "io.taskshard.cli.Main", "serve", "--port", Integer.toString(port), "--data", dataDir.toString()));
        command.addAll(List.of(extraArgs));
        Process process = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        process.getOutputStream().close();
        CompletableFuture<Integer> bound = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try (BufferedReader out = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) {
                        bound.complete(Integer.parseInt(m.group(1)));
                    }
                }
                bound.completeExceptionally(new IllegalStateException("server exited without listening"));
            } catch (IOException e) {
                bound.completeExceptionally(e);
            }
        });
        try {
            return new CoordinatorProcess(process, log, bound.get(START_PATIENCE_S, TimeUnit.SECONDS));
        } catch (Exception e) {
            process.destroyForcibly();
            throw new IllegalStateException("coordinator process did not start; its log:\n" + logText(log), e);
        }
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    /** SIGKILL (destroyForcibly on Linux), then waits for the process to be gone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("coordinator " + process.pid() + " survived SIGKILL for 30 s");
        }
    }

    /** SIGTERM, then the exit code. */
    public int terminate() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("coordinator did not stop within 60 s of SIGTERM; log:\n" + logText());
        }
        return process.exitValue();
    }

    public String logText() {
        return logText(log);
    }

    private static String logText(Path log) {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e + ")";
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
