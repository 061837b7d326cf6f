package io.taskshard.bench;

import io.javalin.Javalin;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.HdrHistogram.Histogram;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The ceiling the coordinator is compared with: the same JDK WebSocket clients against a
 * trivial Javalin 7 (Jetty 12) echo endpoint in this JVM, with the same concurrency (sockets x
 * messages in flight per socket), measuring round trips per second. The coordinator does one
 * round trip per task (finished -> assign), so its tasks/s over this is the share of raw
 * WebSocket capacity it keeps. A warm-up run as big as a measured one goes first.
 */
@Command(name = "echo", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Round trips per second against a trivial WebSocket echo server.",
        footer = {"", "Examples:",
                "  taskshard bench echo              100 sockets x 4 in flight, 100,000 trips",
                "  taskshard bench echo --runs 3 --json echo.json",
                "", "Exit codes: 0 measured, 1 a run failed, 2 usage error."})
public final class EchoBaseline implements Callable<Integer> {
    public static final String PATH = "/echo";
    /** A finished frame as the load generator sends it: the echo moves as many bytes per round trip. */
    public static final String DEFAULT_PAYLOAD =
            "{\"type\":\"finished\",\"lease\":123456,\"outcome\":\"success\",\"exitCode\":0,\"durationMs\":0}";

    @Option(names = "--peers", description = "Sockets, default ${DEFAULT-VALUE}.")
    int sockets = LoadGenerator.DEFAULT_PEERS;

    @Option(names = "--slots", description = "Messages in flight per socket, default ${DEFAULT-VALUE}.")
    int inFlight = LoadGenerator.DEFAULT_SLOTS;

    @Option(names = "--messages", description = "Round trips in the measured run, default ${DEFAULT-VALUE}.")
    long messages = LoadGenerator.DEFAULT_TASKS;

    @Option(names = "--warmup-messages", description = "Round trips in the warm-up run (0: none; default: as many "
            + "as a measured run, at least " + LoadGenerator.DEFAULT_MIN_WARMUP_TASKS + ").")
    Long warmupMessages;

    @Option(names = "--runs", description = "Measured runs, one after the other, default ${DEFAULT-VALUE}.")
    int runs = 1;

    @Option(names = "--http-clients",
            description = "JDK HttpClients the sockets are spread over, default ${DEFAULT-VALUE}.")
    int httpClients = LoadGenerator.DEFAULT_HTTP_CLIENTS;

    @Option(names = "--timeout", description = "Seconds each run may take, default ${DEFAULT-VALUE}.")
    long timeoutSeconds = LoadGenerator.DEFAULT_TIMEOUT_SECONDS;

    @Option(names = "--json", description = "Also write the results as JSON to this file.")
    Path json;

    /** Everything one invocation measured. */
    record Report(String tool, Environment environment, String server, List<EchoResult> results) {
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new EchoBaseline()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (sockets < 1 || inFlight < 1 || messages < 1 || httpClients < 1 || runs < 1) {
            throw new CommandLine.ParameterException(new CommandLine(this),
                    "--peers, --slots, --messages, --http-clients and --runs must be at least 1");
        }
        Report report;
        try {
            report = run();
        } catch (LoadRun.RunFailed e) {
            System.err.println("echo run failed: " + e.getMessage());
            return 1;
        }
        print(report, System.out);
        if (json != null) {
            Reports.writeJson(json, report);
        }
        return 0;
    }

    Report run() throws LoadRun.RunFailed, InterruptedException {
        Environment environment = Environment.now();
        Javalin echo = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.jetty.host = "127.0.0.1";
            config.jetty.port = 0;
            config.routes.ws(PATH, ws -> ws.onMessage(ctx -> ctx.send(ctx.message())));
        });
        echo.start();
        try {
            URI uri = URI.create("ws://127.0.0.1:" + echo.port() + PATH);
            List<EchoResult> results = new ArrayList<>();
            long warmup = warmupMessages != null ? warmupMessages
                    : Math.max(LoadGenerator.DEFAULT_MIN_WARMUP_TASKS, messages);
            if (warmup > 0) {
                results.add(runOnce("warmup", uri, warmup));
            }
            for (int i = 1; i <= runs; i++) {
                results.add(runOnce(runs == 1 ? "run" : "run " + i, uri, messages));
            }
            return new Report("EchoBaseline", environment, "in-process Javalin " + io.javalin.Javalin.class
                    .getPackage().getImplementationVersion() + " echo at " + uri, List.copyOf(results));
        } finally {
            echo.stop();
        }
    }

    private EchoResult runOnce(String label, URI uri, long count) throws LoadRun.RunFailed, InterruptedException {
        EchoClient.Budget budget = new EchoClient.Budget(count);
        List<HttpClient> clients = new ArrayList<>();
        for (int i = 0; i < httpClients; i++) {
            clients.add(HttpClient.newBuilder().connectTimeout(LoadRun.DEFAULT_CONNECT_TIMEOUT).build());
        }
        List<EchoClient> echoClients = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        try {
            long t0 = System.nanoTime();
            List<CompletableFuture<WebSocket>> sockets = new ArrayList<>();
            for (int i = 0; i < this.sockets; i++) {
                EchoClient c = new EchoClient(DEFAULT_PAYLOAD, budget);
                echoClients.add(c);
                sockets.add(clients.get(i % clients.size()).newWebSocketBuilder()
                        .connectTimeout(LoadRun.DEFAULT_CONNECT_TIMEOUT).buildAsync(uri, c));
            }
            await(CompletableFuture.allOf(sockets.toArray(CompletableFuture[]::new)), deadline,
                    "could not open " + this.sockets + " sockets to " + uri);
            long connectMs = (System.nanoTime() - t0) / 1_000_000;
            ProcessMeter meter = new ProcessMeter();
            ProcessMeter.Snapshot before = meter.snapshot();
            for (int k = 0; k < inFlight; k++) {
                for (EchoClient c : echoClients) {
                    c.sendNext();
                }
            }
            await(budget.done, deadline, "echo run did not complete: " + budget.receivedSoFar() + " of " + count);
            double runMs = (System.nanoTime() - before.nanos()) / 1e6;
            ProcessMeter.Usage usage = meter.since(before);
            Histogram rtt = Latency.newHistogram();
            echoClients.forEach(c -> rtt.add(c.rtt()));
            return new EchoResult(label, new EchoResult.Settings(this.sockets, inFlight, count,
                    DEFAULT_PAYLOAD.length(), httpClients), connectMs, Math.round(runMs * 10) / 10.0,
                    Math.round(count / (runMs / 1000) * 10) / 10.0, Latency.of(rtt), usage,
                    Math.round(usage.cpuMs() * 10_000.0 / count) / 10.0);
        } finally {
            for (EchoClient c : echoClients) {
                if (c.sender() != null) {
                    c.leave();
                }
            }
            try {
                CompletableFuture.allOf(echoClients.stream().map(c -> c.closed).toArray(CompletableFuture[]::new))
                        .get(LoadRun.DEFAULT_CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException | ExecutionException e) {
                System.err.println("not every echo socket closed in time; cutting the rest");
            }
            echoClients.forEach(EchoClient::abort);
            clients.forEach(HttpClient::shutdownNow);
        }
    }

    private static void await(CompletableFuture<?> f, long deadline, String what)
            throws LoadRun.RunFailed, InterruptedException {
        try {
            f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new LoadRun.RunFailed("timed out: " + what, e);
        } catch (ExecutionException e) {
            throw new LoadRun.RunFailed(what + ": " + e.getCause().getMessage(), e.getCause());
        }
    }

    static void print(Report report, PrintStream out) {
        out.println("raw WebSocket echo baseline");
        out.println("machine: " + report.environment().describe());
        out.println("server:  " + report.server());
        out.println("load average after: " + Environment.readLoadAverage());
        out.println();
        List<EchoResult> rs = report.results();
        Table t = new Table(cells("", rs, EchoResult::label));
        t.row(cells("sockets x in flight", rs, r -> r.settings().sockets() + " x " + r.settings().inFlightPerSocket()));
        t.row(cells("round trips", rs, r -> Table.f0(r.settings().messages())));
        t.row(cells("payload (chars)", rs, r -> String.valueOf(r.settings().payloadChars())));
        t.row(cells("connect (s)", rs, r -> Table.f2(r.connectMs() / 1000.0)));
        t.row(cells("run (s)", rs, r -> Table.f2(r.runMs() / 1000.0)));
        t.row(cells("throughput (round trips/s)", rs, r -> Table.f0(r.roundTripsPerSec())));
        t.row(cells("round trip p50 (ms)", rs, r -> Table.f2(r.roundTrip().p50Us() / 1000)));
        t.row(cells("  p90 (ms)", rs, r -> Table.f2(r.roundTrip().p90Us() / 1000)));
        t.row(cells("  p99 (ms)", rs, r -> Table.f2(r.roundTrip().p99Us() / 1000)));
        t.row(cells("  p99.9 (ms)", rs, r -> Table.f2(r.roundTrip().p999Us() / 1000)));
        t.row(cells("  max (ms)", rs, r -> Table.f2(r.roundTrip().maxUs() / 1000)));
        t.row(cells("cpu user / sys (s)", rs, r -> LoadGenerator.cpuSplit(r.resources())));
        t.row(cells("cpu cores busy (of " + report.environment().cpus() + ")", rs,
                r -> Table.f2(r.resources().coresUsed())));
        t.row(cells("cpu per round trip (us)", rs, r -> Table.f1(r.cpuUsPerRoundTrip())));
        t.row(cells("  cpu in no Java thread: JIT, GC (s)", rs, r -> Table.f2((r.resources().cpuMs()
                - r.resources().threadCpuMs().values().stream().mapToLong(Long::longValue).sum()) / 1000.0)));
        for (String group : rs.stream().flatMap(r -> r.resources().threadCpuMs().keySet().stream()).distinct()
                .sorted().toList()) {
            t.row(cells("  cpu " + group + " (s)", rs,
                    r -> Table.f2(r.resources().threadCpuMs().getOrDefault(group, 0L) / 1000.0)));
        }
        t.row(cells("heap used at end (MB)", rs, r -> Table.f0(r.resources().heapUsedMb())));
        t.row(cells("gc collections / ms", rs, r -> r.resources().gcCount() + " / " + r.resources().gcMs()));
        t.row(cells("jit compile time (ms)", rs, r -> String.valueOf(r.resources().jitMs())));
        t.print(out);
    }

    private static String[] cells(String label, List<EchoResult> rs, Function<EchoResult, String> f) {
        String[] cells = new String[rs.size() + 1];
        cells[0] = label;
        for (int i = 0; i < rs.size(); i++) {
            cells[i + 1] = f.apply(rs.get(i));
        }
        return cells;
    }
}
