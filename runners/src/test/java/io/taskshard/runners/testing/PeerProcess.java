package io.taskshard.runners.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code taskshard peer} in a child JVM (the real CLI, {@code io.taskshard.cli.Main}), so a test
 * can kill it for real. Its output goes to a log file, quoted in assertion messages.
 */
public final class PeerProcess implements AutoCloseable {
    private final Process process;
    private final Path log;

    private PeerProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Starts {@code peer args...}; stdout and stderr go to {@code log}. */
    public static PeerProcess start(Path log, List<String> args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "io.taskshard.cli.Main", "peer"));
        command.addAll(args);
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        process.getOutputStream().close();
        return new PeerProcess(process, log);
    }

    /** SIGKILL: no goodbye, no cleanup, the journal stays as it was. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM: what a CI system sends a job it cancels. */
    public void terminate() {
        process.destroy();
    }

    /** Waits for the exit code; fails with the log when it takes longer. */
    public int exitCode(Duration patience) throws InterruptedException {
        if (!process.waitFor(patience.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("peer did not exit within " + patience + "; its output:\n" + output());
        }
        return process.exitValue();
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public String output() {
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
