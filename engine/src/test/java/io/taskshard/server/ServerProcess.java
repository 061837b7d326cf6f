package io.taskshard.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code taskshard serve} in a child JVM, so a test can kill the coordinator for real
 * (SIGKILL: no flush, no goodbye) or stop it with SIGTERM. Its stderr (the log) goes to a file
 * next to the data directory, quoted in assertion messages.
 */
final class ServerProcess implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("listening on http://[^:]+:(\\d+)");

    private final Process process;
    private final Path log;
    private final int port;
    /** Everything the child printed on stdout (HotSpot's own last words, e.g. after an OutOfMemoryError, go there). */
    private final StringBuffer stdout;

    private final CompletableFuture<Void> stdoutClosed;

    private ServerProcess(Process process, Path log, int port, StringBuffer stdout,
            CompletableFuture<Void> stdoutClosed) {
        this.process = process;
        this.log = log;
        this.port = port;
        this.stdout = stdout;
        this.stdoutClosed = stdoutClosed;
    }

    /** Starts {@code serve --port 0 --data dataDir extraArgs...} and waits for its "listening" line. */
    static ServerProcess start(Path dataDir, Path log, String... extraArgs) throws IOException {
        return start(List.of(), dataDir, log, Map.of(), extraArgs);
    }

    /** As {@link #start(Path, Path, String...)}, with {@code env} added to the child's environment. */
    static ServerProcess start(Path dataDir, Path log, Map<String, String> env, String... extraArgs)
            throws IOException {
        return start(List.of(), dataDir, log, env, extraArgs);
    }

    /** Like {@link #start(Path, Path, String...)} with JVM options (e.g. a small {@code -Xmx}). */
    static ServerProcess start(List<String> jvmArgs, Path dataDir, Path log, String... extraArgs) throws IOException {
        return start(jvmArgs, dataDir, log, Map.of(), extraArgs);
    }

    /**
     * Runs {@code serve --port 0 --data dataDir extraArgs...} expecting it not to come up: waits
     * up to {@code within} for it to exit and returns its exit code (its log goes to {@code log}).
     * Fails if it is still running then, or if it started listening.
     */
    static int runExpectingExit(Path dataDir, Path log, Map<String, String> env, java.time.Duration within,
            String... extraArgs) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command(List.of(), dataDir, extraArgs))
                .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(env);
        Process process = builder.start();
        try {
            if (!process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("serve still running " + within + " after it was started; log:\n"
                        + logText(log));
            }
            if (LISTENING.matcher(logText(log)).find()) {
                throw new IllegalStateException("serve came up (and then exited " + process.exitValue()
                        + "); log:\n" + logText(log));
            }
            return process.exitValue();
        } finally {
            process.destroyForcibly();
        }
    }

    private static List<String> command(List<String> jvmArgs, Path dataDir, String... extraArgs) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmArgs);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"),
                "io.taskshard.cli.Main", "serve", "--port", "0", "--data", dataDir.toString()));
        command.addAll(List.of(extraArgs));
        return command;
    }

    private static ServerProcess start(List<String> jvmArgs, Path dataDir, Path log, Map<String, String> env,
            String... extraArgs) throws IOException {
        List<String> command = command(jvmArgs, dataDir, extraArgs);
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(env);
        Process process = builder.start();
        CompletableFuture<Integer> port = new CompletableFuture<>();
        StringBuffer stdout = new StringBuffer();
        CompletableFuture<Void> stdoutClosed = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try (BufferedReader out = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    stdout.append(line).append('\n');
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) {
                        port.complete(Integer.parseInt(m.group(1)));
                    }
                }
                port.completeExceptionally(new IllegalStateException("server exited without listening"));
            } catch (IOException e) {
                port.completeExceptionally(e);
            } finally {
                stdoutClosed.complete(null);
            }
        });
        try {
            return new ServerProcess(process, log, port.get(60, TimeUnit.SECONDS), stdout, stdoutClosed);
        } catch (Exception e) {
            process.destroyForcibly();
            throw new IllegalStateException("server process did not start; its log:\n" + logText(log), e);
        }
    }

    long pid() {
        return process.pid();
    }

    int port() {
        return port;
    }

    /** SIGKILL: the coordinator gets no chance to flush or say anything. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM, then the exit code. */
    int terminate() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("server did not stop within 60 s of SIGTERM; log:\n" + logText(log));
        }
        return process.exitValue();
    }

    /** Waits for the process to exit by itself; its exit code, or null if it is still running then. */
    Integer awaitExit(java.time.Duration within) throws InterruptedException {
        return process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : null;
    }

    /** What the child printed on stdout; once it has exited, all of it (waits up to 10 s for the pipe to drain). */
    String stdoutText() {
        if (!process.isAlive()) {
            try {
                stdoutClosed.get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                return stdout + "\n(stdout not fully read: " + e + ")";
            }
        }
        return stdout.toString();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    String logText() {
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
