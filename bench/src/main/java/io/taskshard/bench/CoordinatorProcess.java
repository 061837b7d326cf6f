package io.taskshard.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code taskshard serve} in a JVM of its own (so its heap is measured alone and the bench's
 * client sockets do not count against its file limit), on the bench's own classpath.
 */
final class CoordinatorProcess implements AutoCloseable {
    static final Duration DEFAULT_START_TIMEOUT = Duration.ofMinutes(3);
    /**
     * G1's summary line of GC.heap_info: "garbage-first heap   total reserved 1048576K, committed
     * 194560K, used 57622K [..." on JDK 25; older JDKs print "total 1048576K, used 57622K".
     */
    private static final Pattern HEAP_USED = Pattern.compile("garbage-first heap\\s+total[^,]*,(?: committed \\d+K,)? used (\\d+)K");

    private final Process process;
    private final Path log;
    final int port;
    final long startedNanos;

    private CoordinatorProcess(Process process, Path log, int port, long startedNanos) {
        this.process = process;
        this.log = log;
        this.port = port;
        this.startedNanos = startedNanos;
    }

    /** Starts a coordinator with {@code -Xmx<heapMb>m} on a free port (JFR recording to {@code jfr} if set); returns at once. */
    static CoordinatorProcess start(Path dataDir, int heapMb, int maxFrameBytes, Path log, Path jfr)
            throws IOException {
        return start(dataDir, heapMb, maxFrameBytes, log, jfr, List.of());
    }

    /** Like the above with more {@code serve} options (limits, say). */
    static CoordinatorProcess start(Path dataDir, int heapMb, int maxFrameBytes, Path log, Path jfr,
                                    List<String> serveArgs) throws IOException {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort(); // a tiny race with other programs; acceptable in a benchmark
        }
        List<String> command = new ArrayList<>(List.of(javaBinary().toString(), "-Xmx" + heapMb + "m",
                "-XX:+UseG1GC", "--enable-native-access=ALL-UNNAMED"));
        if (jfr != null) {
            command.add("-XX:StartFlightRecording=filename=" + jfr + ",settings=profile");
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.taskshard.cli.Main", "serve",
                "--port", Integer.toString(port), "--data", dataDir.toString(), "--max-frame-bytes",
                Integer.toString(maxFrameBytes)));
        command.addAll(serveArgs);
        long started = System.nanoTime();
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new CoordinatorProcess(p, log, port, started);
    }

    String base() {
        return "http://127.0.0.1:" + port;
    }

    /** Waits for {@code /healthz} to answer 200; returns ms since the process was started. */
    long awaitHealthy(HttpClient http, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpRequest request = HttpRequest.newBuilder(URI.create(base() + "/healthz")).timeout(Duration.ofSeconds(5))
                .build();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("the coordinator exited with " + process.exitValue() + "; see " + log);
            }
            try {
                if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
                }
            } catch (IOException notYet) {
                // not listening yet: polling is how a supervisor finds out too
            }
            Thread.sleep(20); // polling an external process; nothing to await on
        }
        throw new IOException("the coordinator was not healthy within " + timeout + "; see " + log);
    }

    /** Heap still in use after a full GC, in MB (jcmd GC.run then GC.heap_info). */
    long liveHeapMb() throws IOException, InterruptedException {
        jcmd("GC.run");
        String info = jcmd("GC.heap_info");
        Matcher m = HEAP_USED.matcher(info);
        if (!m.find()) {
            throw new IOException("no G1 heap summary in jcmd GC.heap_info: " + info);
        }
        return Long.parseLong(m.group(1)) / 1024;
    }

    /** The first {@code lines} lines of jcmd GC.class_histogram (live objects, biggest first). */
    String histogram(int lines) throws IOException, InterruptedException {
        return jcmd("GC.class_histogram").lines().limit(lines).collect(java.util.stream.Collectors.joining("\n"));
    }

    private String jcmd(String what) throws IOException, InterruptedException {
        Path jcmd = javaBinary().resolveSibling("jcmd");
        Process p = new ProcessBuilder(jcmd.toString(), Long.toString(process.pid()), what).redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IOException("jcmd " + what + " failed: " + out);
        }
        return out;
    }

    /** SIGTERM (a graceful stop: the coordinator flushes and exits 0); kills it after a minute. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(1, TimeUnit.MINUTES)) {
            process.destroyForcibly().waitFor();
        }
    }

    int exitValue() {
        return process.exitValue();
    }

    private static Path javaBinary() {
        return Path.of(ProcessHandle.current().info().command().orElse(
                Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    }
}
