package io.taskshard.runners.demo;

import io.taskshard.analysis.Comparison;
import io.taskshard.cli.Main;
import io.taskshard.client.ClientException;
import io.taskshard.client.OperatorClient;
import io.taskshard.client.ServerAddress;
import io.taskshard.model.Durations;
import io.taskshard.model.Schema;
import io.taskshard.runners.peer.PeerClient;
import io.taskshard.runners.peer.PeerListener;
import io.taskshard.runners.peer.PeerOptions;
import io.taskshard.runners.peer.PeerResult;
import io.taskshard.runners.spi.RunResult;
import io.taskshard.runners.spi.RunnerConfig;
import io.taskshard.runners.spi.Runners;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One demo run against a coordinator on this machine: N simulated peers share the schema, each
 * finished attempt is printed to {@code out} (text mode; a dashboard passes a sink), and at the
 * end the operator API's comparison of the job is shown. The peers are the real {@link PeerClient} over real WebSockets; only the work is simulated.
 */
final class DemoRun {
    private final Schema schema;
    private final int peers;
    private final int slots;
    private final double speed;
    private final long seed;
    private final Path stateDir;
    private final PrintWriter out;
    private final AtomicInteger tasksSucceeded = new AtomicInteger();
    private final List<PeerClient> clients = new CopyOnWriteArrayList<>();

    DemoRun(Schema schema, int peers, int slots, double speed, long seed, Path stateDir, PrintWriter out) {
        this.schema = schema;
        this.peers = peers;
        this.slots = slots;
        this.speed = speed;
        this.seed = seed;
        this.stateDir = stateDir;
        this.out = out;
    }

    /** Runs the peers against the coordinator on {@code port} and waits for them; returns the exit code. */
    int against(int port) {
        out.print(header(port) + String.format(Locale.ROOT, "  watch it: curl http://127.0.0.1:%d/api/v1/jobs%n%n", port));
        out.flush();
        return report(start(port).join(), port, out);
    }

    /** One line naming the demo: peers, slots, schema. */
    String title() {
        return String.format(Locale.ROOT, "taskshard demo: %d simulated peer%s x %d slot%s, schema '%s' (%d tasks)",
                peers, peers == 1 ? "" : "s", slots, slots == 1 ? "" : "s", schema.name(), schema.tasks().size());
    }

    private String header(int port) {
        return String.format(Locale.ROOT, "%s%n  coordinator at http://127.0.0.1:%d%n", title(), port);
    }

    /** Starts the simulated peers; the future completes with every peer's result when all have ended. */
    CompletableFuture<List<PeerResult>> start(int port) {
        List<CompletableFuture<PeerResult>> running = new ArrayList<>();
        for (int i = 1; i <= peers; i++) {
            PeerOptions options = PeerOptions.builder(URI.create("ws://127.0.0.1:" + port + "/v1/peer"),
                    "sim-" + i, schema).slots(slots).stateDir(stateDir).build();
            PeerClient client = new PeerClient(options, Runners.byName("sim", simConfig()), new Printer(i),
                    Clock.systemUTC());
            clients.add(client);
            running.add(client.start());
        }
        return CompletableFuture.allOf(running.toArray(CompletableFuture[]::new))
                .thenApply(done -> running.stream().map(CompletableFuture::join).toList());
    }

    /** Stops every simulated peer (they say goodbye to the coordinator); returns when they have. */
    void stop() {
        clients.parallelStream().forEach(PeerClient::shutdown);
    }

    /** The demo's end as a dashboard shows it. */
    static DemoSession.Outcome outcome(List<PeerResult> results) {
        PeerResult first = results.get(0);
        return new DemoSession.Outcome(first.jobId(), succeeded(results), first.message());
    }

    /** Prints the job's end and the operator API's comparison to {@code to}; returns the exit code. */
    static int report(List<PeerResult> results, int port, PrintWriter to) {
        PeerResult first = results.get(0);
        to.printf(Locale.ROOT, "%njob %d ended: %s%n%n", first.jobId(), first.message());
        try (OperatorClient api = new OperatorClient(ServerAddress.parse("http://127.0.0.1:" + port))) {
            Comparison c = api.comparison(first.jobId());
            to.print(ComparisonTable.render(c, ComparisonTable.DEFAULT_WIDTH));
        } catch (ClientException e) {
            to.println("could not read the comparison from the operator API: " + e.getMessage());
            return Main.EXIT_FAILURE;
        } finally {
            to.flush();
        }
        return succeeded(results) ? Main.EXIT_OK : Main.EXIT_FAILURE;
    }

    private static boolean succeeded(List<PeerResult> results) {
        return results.stream().allMatch(r -> r.status() == PeerResult.Status.SUCCESS);
    }

    private RunnerConfig simConfig() {
        return RunnerConfig.of(Map.of("seed", Long.toString(seed), "scale", Double.toString(1 / speed)));
    }

    /** Prints one line per finished attempt: the shared progress, the peer, the task, how it went. */
    private final class Printer implements PeerListener {
        private final String name;

        Printer(int index) {
            this.name = "sim-" + index;
        }

        @Override
        public void finished(Assignment a, RunResult result) {
            int done = result.outcome() == io.taskshard.protocol.Outcome.SUCCESS ? tasksSucceeded.incrementAndGet()
                    : tasksSucceeded.get();
            synchronized (out) {
                out.printf(Locale.ROOT, "  [%2d/%d] %-6s %-32s %7s  %s%s%n", done, schema.tasks().size(), name,
                        a.taskId(), Durations.format(result.durationMs()),
                        result.outcome().name().toLowerCase(Locale.ROOT), a.attempt() > 1 ? " (attempt "
                                + a.attempt() + ")" : "");
                out.flush();
            }
        }

        @Override
        public void notice(String message) {
            synchronized (out) {
                out.println("  " + name + ": " + message);
                out.flush();
            }
        }
    }
}
