package io.taskshard.bench;

import io.taskshard.server.PeerEndpoint;
import io.taskshard.server.ServerConfig;
import io.taskshard.server.TaskshardServer;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * End-to-end load on the coordinator: N peers x S slots share one job of M zero-length tasks
 * and answer every assign at once; reports throughput, assign latency, CPU and heap. Starts a
 * production-configured {@link TaskshardServer} in this JVM (real SQLite, WAL, synchronous
 * NORMAL, in a temporary directory) unless {@code --server} names one. A warm-up job as big as a
 * measured one runs first. See docs/benchmarks.md.
 *
 * <pre>
 * ./taskshard bench load \
 *     --peers 100 --slots 4 --tasks 100000 --json results.json
 * </pre>
 */
@Command(name = "load", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Runs a job of zero-length tasks through the coordinator and measures it.",
        footer = {"", "Examples:",
                "  taskshard bench load              100 peers x 4 slots, 100,000 tasks",
                "  taskshard bench load --runs 3 --json load.json",
                "  taskshard bench load --tasks 50000 --task-duration-ms 36 --runs 3",
                "                                    latency at about half of peak",
                "", "Exit codes: 0 measured, 1 a run failed, 2 usage error."})
public final class LoadGenerator implements Callable<Integer> {
    public static final int DEFAULT_PEERS = 100;
    public static final int DEFAULT_SLOTS = 4;
    public static final int DEFAULT_TASKS = 100_000;
    /** A hello carries the whole schema: 100,000 tasks are about 1.5 MB, over the 1 MiB default. */
    public static final int DEFAULT_MAX_FRAME_BYTES = 16 * 1024 * 1024;
    public static final int DEFAULT_HTTP_CLIENTS = 2;
    public static final String DEFAULT_PEER_PREFIX = "bench-peer";
    public static final long DEFAULT_TIMEOUT_SECONDS = 180;
    /** Joins in flight at once: enough to overlap round trips, few enough that no hello waits 10 s. */
    public static final int DEFAULT_JOIN_LANES = 4;
    /**
     * Warm-up job size when not given: as big as a measured run, at least this many tasks. A
     * fifth of the run left the first measured run of each JVM still compiling (it ran at two
     * thirds of the others' rate), which is not the steady state this measures.
     */
    public static final int DEFAULT_MIN_WARMUP_TASKS = 5_000;

    @Option(names = "--peers", description = "Peers (WebSockets), default ${DEFAULT-VALUE}.")
    int peers = DEFAULT_PEERS;

    @Option(names = "--slots", description = "Slots per peer, default ${DEFAULT-VALUE}.")
    int slots = DEFAULT_SLOTS;

    @Option(names = "--tasks", description = "Tasks in the measured job, default ${DEFAULT-VALUE}.")
    int tasks = DEFAULT_TASKS;

    @Option(names = "--warmup-tasks", description = "Tasks in the warm-up job (0: none; default: as many as a "
            + "measured run, at least " + DEFAULT_MIN_WARMUP_TASKS + ").")
    Integer warmupTasks;

    @Option(names = "--no-hold", negatable = false, description = "Answer assigns while other peers are still "
            + "joining (default: every peer holds its work until the last one is welcomed, and the measured window "
            + "starts then).")
    boolean noHold;

    @Option(names = "--runs", description = "Measured jobs, one after the other on the same server (the machine "
            + "is shared: compare several), default ${DEFAULT-VALUE}.")
    int runs = 1;

    @Option(names = "--send-started", description = "Send 'started' before 'finished' (default: finished only).")
    boolean sendStarted;

    @Option(names = "--task-duration-ms", description = "Simulated run time of each task; 0 answers at once "
            + "(default). With D > 0 the load is at most peers*slots*1000/D tasks/s.")
    long taskDurationMs;

    @Option(names = "--peer-prefix", description = "Peer ids are <prefix>-000, <prefix>-001, ...; default "
            + "${DEFAULT-VALUE}. Every job of one invocation reuses them, like CI hosts that come back.")
    String peerPrefix = DEFAULT_PEER_PREFIX;

    @Option(names = "--server", paramLabel = "HOST:PORT", description = "Load an already running coordinator "
            + "instead of starting one in this JVM (its max-frame-bytes must fit a hello with every task).")
    String server;

    @Option(names = "--token", description = "Peer token for --server.")
    String token;

    @Option(names = "--max-frame-bytes",
            description = "Frame limit of the in-process server, default ${DEFAULT-VALUE}.")
    int maxFrameBytes = DEFAULT_MAX_FRAME_BYTES;

    @Option(names = "--data-dir", description = "Data directory of the in-process server (default: a temporary "
            + "directory, deleted afterwards).")
    Path dataDir;

    @Option(names = "--http-clients",
            description = "JDK HttpClients the sockets are spread over, default ${DEFAULT-VALUE}.")
    int httpClients = DEFAULT_HTTP_CLIENTS;

    @Option(names = "--join-lanes", description = "Peers joining at once (connect, hello, wait for welcome), "
            + "default ${DEFAULT-VALUE}.")
    int joinLanes = DEFAULT_JOIN_LANES;

    @Option(names = "--timeout", description = "Seconds each job may take before the run is abandoned, "
            + "default ${DEFAULT-VALUE}.")
    long timeoutSeconds = DEFAULT_TIMEOUT_SECONDS;

    @Option(names = "--json", description = "Also write the results as JSON to this file.")
    Path json;

    /** Everything one invocation measured. */
    record Report(String tool, Environment environment, String server, List<LoadResult> results) {
        LoadResult measured() {
            return results.getLast();
        }
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new LoadGenerator()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (peers < 1 || slots < 1 || tasks < 1 || runs < 1 || httpClients < 1 || joinLanes < 1 || taskDurationMs < 0
                || (warmupTasks != null && warmupTasks < 0)) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--peers, --slots, --tasks, --runs, "
                    + "--http-clients and --join-lanes must be at least 1; --warmup-tasks and --task-duration-ms "
                    + "must not be negative");
        }
        Report report;
        try {
            report = run();
        } catch (LoadRun.RunFailed e) {
            System.err.println("load run failed: " + e.getMessage());
            return 1;
        }
        print(report, System.out);
        if (json != null) {
            Reports.writeJson(json, report);
        }
        return report.results().stream().allMatch(r -> r.check().ok()) ? 0 : 1;
    }

    /** Runs the warm-up job (if any) and the measured jobs. */
    Report run() throws LoadRun.RunFailed, InterruptedException, IOException {
        if (runs < 1) {
            throw new IllegalArgumentException("--runs must be at least 1, got " + runs);
        }
        Environment environment = Environment.now();
        if (server != null) {
            return runAgainst(environment, URI.create("ws://" + server + PeerEndpoint.PATH),
                    URI.create("http://" + server + "/metrics"), "external " + server);
        }
        Path dir = dataDir != null ? dataDir : java.nio.file.Files.createTempDirectory("taskshard-bench");
        ServerConfig config = ServerConfig.defaults(dir).withPort(0).withMaxFrameBytes(maxFrameBytes);
        try (TaskshardServer coordinator = new TaskshardServer(config)) {
            int port = coordinator.start();
            return runAgainst(environment, URI.create("ws://127.0.0.1:" + port + PeerEndpoint.PATH),
                    URI.create("http://127.0.0.1:" + port + "/metrics"), "in-process, SQLite WAL synchronous NORMAL, "
                            + "max frame " + maxFrameBytes + " bytes, data " + dir);
        } finally {
            if (dataDir == null) {
                Reports.deleteRecursively(dir);
            }
        }
    }

    private Report runAgainst(Environment environment, URI uri, URI metrics, String serverDescription)
            throws LoadRun.RunFailed, InterruptedException {
        List<LoadResult> results = new ArrayList<>();
        int warmup = warmupTasks != null ? warmupTasks : Math.max(DEFAULT_MIN_WARMUP_TASKS, tasks);
        String nonce = UUID.randomUUID().toString().substring(0, 8);
        if (warmup > 0) {
            results.add(LoadRun.run(spec("warmup", uri, metrics, "bench-warmup-" + nonce, warmup)));
        }
        for (int i = 1; i <= runs; i++) {
            String label = runs == 1 ? "run" : "run " + i;
            results.add(LoadRun.run(spec(label, uri, metrics, "bench-" + i + "-" + nonce, tasks)));
        }
        return new Report("LoadGenerator", environment, serverDescription, List.copyOf(results));
    }

    private LoadRun.Spec spec(String label, URI uri, URI metrics, String schemaName, int taskCount) {
        return new LoadRun.Spec(label, uri, metrics, token, schemaName, peerPrefix, peers, slots, taskCount, !noHold,
                sendStarted, taskDurationMs, httpClients, joinLanes, Duration.ofSeconds(timeoutSeconds));
    }

    static void print(Report report, PrintStream out) {
        out.println("taskshard coordinator load (baseline)");
        out.println("machine: " + report.environment().describe());
        out.println("server:  " + report.server());
        out.println("load average after: " + Environment.readLoadAverage());
        out.println();
        List<LoadResult> rs = report.results();
        Table t = new Table(row("", rs, LoadResult::label));
        t.row(row("peers x slots", rs, r -> r.settings().peers() + " x " + r.settings().slots()));
        t.row(row("tasks", rs, r -> Table.f0(r.settings().tasks())));
        t.row(row("started sent / task ms", rs,
                r -> r.settings().sendStarted() + " / " + r.settings().taskDurationMs()));
        t.row(row("wall, incl. join (s)", rs, r -> Table.f2(r.wallMs() / 1000.0)));
        t.row(row("join: connect->all welcomed (s)", rs, r -> Table.f2(r.joinMs() / 1000.0)));
        t.row(row("  cpu while joining (s)", rs, r -> Table.f2(r.joinCpuMs() / 1000.0)));
        t.row(row("measured window (s)", rs, r -> Table.f2(r.runMs() / 1000.0)
                + (r.settings().holdUntilAllJoined() ? "" : " from 1st assign")));
        t.row(row("throughput (tasks/s)", rs, r -> Table.f0(r.tasksPerSec())));
        t.row(row("assign latency p50 (ms)", rs, r -> Table.f2(r.assignLatency().p50Us() / 1000)));
        t.row(row("  p90 (ms)", rs, r -> Table.f2(r.assignLatency().p90Us() / 1000)));
        t.row(row("  p99 (ms)", rs, r -> Table.f2(r.assignLatency().p99Us() / 1000)));
        t.row(row("  p99.9 (ms)", rs, r -> Table.f2(r.assignLatency().p999Us() / 1000)));
        t.row(row("  max (ms)", rs, r -> Table.f2(r.assignLatency().maxUs() / 1000)));
        t.row(row("  behind a task-done: share", rs, r -> Table.f1(100.0 * r.assignLatencyBehindTaskDone().count()
                / Math.max(1, r.assignLatency().count())) + "%"));
        t.row(row("  behind a task-done: p50 / p99 (ms)", rs, r -> Table.f2(r.assignLatencyBehindTaskDone().p50Us()
                / 1000) + " / " + Table.f2(r.assignLatencyBehindTaskDone().p99Us() / 1000)));
        t.row(row("-- in the measured window --", rs, r -> ""));
        t.row(row("cpu user / sys (s)", rs, r -> cpuSplit(r.resources())));
        t.row(row("cpu cores busy (of " + report.environment().cpus() + ")", rs,
                r -> Table.f2(r.resources().coresUsed())));
        t.row(row("cpu per task (us)", rs, r -> Table.f0(r.cpuUsPerTask())));
        t.row(row("coordinator batches / tasks per batch", rs, r -> r.coordinatorBatches() + " / "
                + Table.f1(r.tasksPerBatch())));
        for (String group : threadGroups(rs)) {
            t.row(row("  cpu " + group + " (s)", rs,
                    r -> Table.f2(r.resources().threadCpuMs().getOrDefault(group, 0L) / 1000.0)));
        }
        t.row(row("  cpu in no Java thread: JIT, GC (s)", rs, r -> Table.f2((r.resources().cpuMs()
                - r.resources().threadCpuMs().values().stream().mapToLong(Long::longValue).sum()) / 1000.0)));
        t.row(row("heap used at end / live after GC (MB)", rs, r -> Table.f0(r.resources().heapUsedMb()) + " / "
                + Table.f0(r.liveHeapMb())));
        t.row(row("gc collections / ms", rs, r -> r.resources().gcCount() + " / " + r.resources().gcMs()));
        t.row(row("gc pauses / longest (ms)", rs, r -> r.resources().gcPauses().count() + " / "
                + r.resources().gcPauses().maxMs()));
        t.row(row("jit compile time (ms)", rs, r -> String.valueOf(r.resources().jitMs())));
        t.row(row("frames assign / ack", rs, r -> r.frames().assigns() + " / " + r.frames().acks()));
        t.row(row("task-done frames / Mchars", rs,
                r -> r.frames().taskDoneFrames() + " / " + Table.f1(r.frames().taskDoneMchars())));
        t.row(row("check", rs, r -> r.check().ok() ? "ok" : "FAILED"));
        t.print(out);
        for (LoadResult r : rs) {
            if (!r.check().ok()) {
                out.println(r.label() + ": " + r.check().describe());
            }
        }
    }

    private static List<String> threadGroups(List<LoadResult> rs) {
        return rs.stream().flatMap(r -> r.resources().threadCpuMs().keySet().stream()).distinct().sorted().toList();
    }

    static String cpuSplit(ProcessMeter.Usage u) {
        return u.userMs() < 0 ? Table.f2(u.cpuMs() / 1000.0) + " (total)"
                : Table.f2(u.userMs() / 1000.0) + " / " + Table.f2(u.sysMs() / 1000.0);
    }

    private static String[] row(String label, List<LoadResult> rs, Function<LoadResult, String> cell) {
        String[] cells = new String[rs.size() + 1];
        cells[0] = label;
        for (int i = 0; i < rs.size(); i++) {
            cells[i + 1] = cell.apply(rs.get(i));
        }
        return cells;
    }
}
