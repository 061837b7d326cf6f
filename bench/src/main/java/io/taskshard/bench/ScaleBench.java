package io.taskshard.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Scale: a coordinator in its own JVM with a heap limit holds one job of {@code --tasks} tasks
 * and {@code --peers} connected peers (a few in the big job, the rest long-lived workers, as a
 * fleet would be), then is stopped and restarted on the same data. Measures the time to load
 * the big schema (hello sent to welcome: parse, hash, job creation, every task stored), the
 * time to connect the peers, the heap still live after a full GC, and the time from starting
 * the restarted process to a healthy coordinator with the job recovered.
 */
@Command(name = "scale", mixinStandardHelpOptions = true, sortOptions = false,
        description = "10,000 peers and a 1,000,000-task job in a 1 GiB coordinator: heap, schema load, recovery.",
        footer = {"", "Examples:",
                "  taskshard bench scale             10,000 peers, 1,000,000 tasks, -Xmx1024m",
                "  taskshard bench scale --peers 1000 --tasks 100000 --json scale.json",
                "", "Exit codes: 0 measured (every peer joined, every task recovered), 1 a run",
                "failed, 2 usage error."})
public final class ScaleBench implements Callable<Integer> {
    public static final int DEFAULT_PEERS = 10_000;
    public static final int DEFAULT_TASKS = 1_000_000;
    public static final int DEFAULT_HEAP_MB = 1024;
    /** Peers of the big job; the rest join as workers (a big job's peers each send the whole schema). */
    public static final int DEFAULT_JOB_PEERS = 4;
    private static final Duration STEP_TIMEOUT = Duration.ofMinutes(5);
    private static final long HEARTBEAT_MS = 5_000;

    @Option(names = "--peers", description = "Peers connected at once, default ${DEFAULT-VALUE}.")
    int peers = DEFAULT_PEERS;

    @Option(names = "--tasks", description = "Tasks of the big job, default ${DEFAULT-VALUE}.")
    int tasks = DEFAULT_TASKS;

    @Option(names = "--job-peers", description = "Of the peers, how many join the big job, default ${DEFAULT-VALUE}.")
    int jobPeers = DEFAULT_JOB_PEERS;

    @Option(names = "--heap-mb", description = "The coordinator's -Xmx, default ${DEFAULT-VALUE}.")
    int heapMb = DEFAULT_HEAP_MB;

    @Option(names = "--join-lanes", description = "Peers joining at once, default ${DEFAULT-VALUE}.")
    int lanes = 64;

    @Option(names = "--json", description = "Also write the results as JSON to this file.")
    Path json;

    @Option(names = "--histogram", description = "Print the coordinator's biggest live classes after each heap measurement.")
    boolean histogram;

    @Option(names = "--profile", paramLabel = "DIR",
            description = "Record each coordinator JVM with JFR (profile settings) into DIR/coordinator-N.jfr.")
    Path profile;

    record Result(int peers, int tasks, int heapLimitMb, int helloBytes, long schemaLoadMs, long peersJoinMs,
                  int peersConnected, long liveHeapMb, long firstStartMs, long restartToHealthyMs,
                  long recoveredTasks, long liveHeapAfterRecoveryMb, int gracefulExitCode, JobDetail jobDetail) {
    }

    /** {@code GET /api/v1/jobs/1} with every peer connected: the job's whole task list. */
    record JobDetail(int status, long bytes, long ms) {
    }

    record Report(String benchmark, Environment environment, Result result) {
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new ScaleBench()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Path dir = Files.createTempDirectory("taskshard-scale-");
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        // Appended by this thread while the heartbeat timer walks it: a plain list threw there, the
        // timer task died silently and every peer was declared lost for silence.
        List<ScalePeer> connected = new java.util.concurrent.CopyOnWriteArrayList<>();
        try {
            String hello = bigHello("job-1");
            int frameLimit = Math.max(64 << 20, hello.length() * 2);
            Result result;
            try (CoordinatorProcess first = CoordinatorProcess.start(dir.resolve("data"), heapMb, frameLimit,
                    dir.resolve("coordinator-1.log"), recording(1))) {
                long firstStart = first.awaitHealthy(http, CoordinatorProcess.DEFAULT_START_TIMEOUT);
                step("coordinator up in %,d ms; loading a %,d-task schema (%,d bytes of hello)", firstStart, tasks,
                        hello.length());
                long t0 = System.nanoTime();
                connected.add(join(http, first, "job-1", hello));
                long schemaMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
                step("schema loaded (hello -> welcome) in %,d ms; connecting %,d more peers", schemaMs, peers - 1);
                timer.scheduleAtFixedRate(() -> connected.forEach(ScalePeer::heartbeat), HEARTBEAT_MS, HEARTBEAT_MS,
                        TimeUnit.MILLISECONDS);
                long t1 = System.nanoTime();
                joinTheRest(http, first, connected);
                long joinMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t1);
                int healthyPeers = peersConnected(http, first);
                step("%,d peers connected in %,d ms; measuring the live heap", healthyPeers, joinMs);
                long heap = first.liveHeapMb();
                if (histogram) {
                    System.out.println(first.histogram(25));
                }
                step("live heap after a full GC: %,d MB of %,d; reading the job's detail", heap, heapMb);
                JobDetail detail = jobDetail(http, first);
                step("GET /api/v1/jobs/1: HTTP %d, %,d bytes in %,d ms; restarting", detail.status(), detail.bytes(),
                        detail.ms());
                connected.forEach(ScalePeer::abort);
                connected.clear();
                first.close();
                int exit = first.exitValue();
                try (CoordinatorProcess second = CoordinatorProcess.start(dir.resolve("data"), heapMb, frameLimit,
                        dir.resolve("coordinator-2.log"), recording(2))) {
                    long restartMs = second.awaitHealthy(http, STEP_TIMEOUT);
                    long recovered = taskCountOfJob(http, second);
                    long heapAfter = second.liveHeapMb();
                    step("restarted and healthy in %,d ms with %,d tasks recovered; live heap %,d MB", restartMs,
                            recovered, heapAfter);
                    result = new Result(healthyPeers, tasks, heapMb, hello.length(), schemaMs, joinMs, healthyPeers,
                            heap, firstStart, restartMs, recovered, heapAfter, exit, detail);
                }
            }
            print(result);
            if (json != null) {
                Reports.writeJson(json, new Report("ScaleBench", Environment.now(), result));
            }
            return result.peersConnected() == peers && result.recoveredTasks() == tasks
                    && result.jobDetail().status() == 200 ? 0 : 1;
        } finally {
            timer.shutdownNow();
            connected.forEach(ScalePeer::abort);
            http.shutdownNow();
            Reports.deleteRecursively(dir);
        }
    }

    private Path recording(int n) throws java.io.IOException {
        if (profile == null) {
            return null;
        }
        Files.createDirectories(profile);
        return profile.toAbsolutePath().resolve("coordinator-" + n + ".jfr");
    }

    private String bigHello(String peerId) {
        StringBuilder b = new StringBuilder(tasks * 20 + 200);
        b.append("{\"type\":\"hello\",\"protocol\":1,\"peer\":\"").append(peerId)
                .append("\",\"slots\":1,\"schema\":{\"name\":\"scale\",\"tasks\":[");
        for (int i = 0; i < tasks; i++) {
            b.append(i == 0 ? "" : ",").append("{\"id\":\"t").append(i).append("\"}");
        }
        return b.append("]}}").toString();
    }

    private static String workerHello(String peerId) {
        return "{\"type\":\"hello\",\"protocol\":1,\"peer\":\"" + peerId + "\",\"worker\":true,\"slots\":1}";
    }

    private ScalePeer join(HttpClient http, CoordinatorProcess c, String id, String hello) throws Exception {
        ScalePeer peer = new ScalePeer(id);
        http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(30))
                .buildAsync(URI.create("ws://127.0.0.1:" + c.port + "/v1/peer"), peer).get(1, TimeUnit.MINUTES);
        peer.sender().send(hello);
        peer.welcomed.get(STEP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        return peer;
    }

    /** The big job's other peers send the same schema; the rest join as workers, {@code lanes} at a time. */
    private void joinTheRest(HttpClient http, CoordinatorProcess c, List<ScalePeer> connected) throws Exception {
        String hello = jobPeers > 1 ? bigHello("job-2") : null;
        for (int i = 2; i <= jobPeers; i++) {
            connected.add(join(http, c, "job-" + i, hello.replace("\"peer\":\"job-2\"", "\"peer\":\"job-" + i + "\"")));
        }
        List<CompletableFuture<ScalePeer>> lane = new ArrayList<>();
        for (int i = jobPeers + 1; i <= peers; i++) {
            String id = String.format("worker-%05d", i);
            lane.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return join(http, c, id, workerHello(id));
                } catch (Exception e) {
                    throw new IllegalStateException(id + " could not join: " + e, e);
                }
            }));
            if (lane.size() == lanes || i == peers) {
                for (CompletableFuture<ScalePeer> f : lane) {
                    connected.add(f.join());
                }
                lane.clear();
            }
            if (i % 1000 == 0) {
                step("  %,d peers joined", i);
            }
        }
    }

    private static int peersConnected(HttpClient http, CoordinatorProcess c) throws Exception {
        String body = get(http, c.base() + "/healthz");
        return Integer.parseInt(body.replaceAll("(?s).*\"peersConnected\"\\s*:\\s*(\\d+).*", "$1"));
    }

    /**
     * Task count of the job the restarted coordinator recovered (job 1), from the jobs list: the
     * job's own route would send every one of its tasks.
     */
    private static long taskCountOfJob(HttpClient http, CoordinatorProcess c) throws Exception {
        String body = get(http, c.base() + "/api/v1/jobs");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(
                "\\{\"id\"\\s*:\\s*1\\s*,.*?\"taskCount\"\\s*:\\s*(\\d+)", java.util.regex.Pattern.DOTALL)
                .matcher(body);
        if (!m.find()) {
            throw new IllegalStateException("job 1 is not in /api/v1/jobs after the restart: " + body);
        }
        return Long.parseLong(m.group(1));
    }

    private static JobDetail jobDetail(HttpClient http, CoordinatorProcess c) throws Exception {
        long t0 = System.nanoTime();
        HttpResponse<java.io.InputStream> r = http.send(HttpRequest.newBuilder(URI.create(c.base() + "/api/v1/jobs/1"))
                .timeout(Duration.ofMinutes(5)).build(), HttpResponse.BodyHandlers.ofInputStream());
        long bytes;
        try (java.io.InputStream body = r.body()) {
            bytes = body.transferTo(java.io.OutputStream.nullOutputStream());
        }
        return new JobDetail(r.statusCode(), bytes, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
    }

    private static String get(HttpClient http, String url) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(2))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(url + " answered " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }

    private static void step(String format, Object... args) {
        System.out.printf(format + "%n", args);
        System.out.flush();
    }

    private static void print(Result r) {
        System.out.println();
        new Table("scale", "")
                .row("peers connected", Table.f0(r.peersConnected()))
                .row("tasks in the job", Table.f0(r.tasks()))
                .row("coordinator heap limit", r.heapLimitMb() + " MB")
                .row("live heap, all connected", r.liveHeapMb() + " MB")
                .row("schema load (hello -> welcome)", Table.f0(r.schemaLoadMs()) + " ms (" + Table.f0(r.helloBytes())
                        + " bytes)")
                .row("peers joining", Table.f0(r.peersJoinMs()) + " ms")
                .row("GET /api/v1/jobs/1 (every task)", "HTTP " + r.jobDetail().status() + ", "
                        + Table.f0(r.jobDetail().bytes()) + " bytes, " + Table.f0(r.jobDetail().ms()) + " ms")
                .row("empty coordinator start -> healthy", Table.f0(r.firstStartMs()) + " ms (JVM start)")
                .row("restart -> healthy, job recovered", Table.f0(r.restartToHealthyMs()) + " ms (JVM start included)")
                .row("  of which recovering the job", Table.f0(r.restartToHealthyMs() - r.firstStartMs()) + " ms")
                .row("tasks recovered", Table.f0(r.recoveredTasks()))
                .row("live heap after recovery", r.liveHeapAfterRecoveryMb() + " MB")
                .print(System.out);
    }
}
