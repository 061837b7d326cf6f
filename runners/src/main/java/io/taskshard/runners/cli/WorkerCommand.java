package io.taskshard.runners.cli;

import ch.qos.logback.classic.Level;
import io.taskshard.cli.CaCertOption;
import io.taskshard.cli.CliSupport;
import io.taskshard.client.ServerAddress;
import io.taskshard.runners.peer.PeerClient;
import io.taskshard.runners.peer.PeerOptions;
import io.taskshard.runners.peer.PeerResult;
import io.taskshard.runners.spi.Runner;
import io.taskshard.runners.spi.RunnerConfig;
import io.taskshard.runners.spi.Runners;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code taskshard worker}: a long-lived peer that takes tasks of submitted jobs it fits. */
@Command(name = "worker",
        mixinStandardHelpOptions = true,
        versionProvider = PeerCommand.Version.class,
        sortOptions = false,
        description = {"Runs a long-lived worker: it connects to the coordinator, takes tasks of submitted and "
                + "scheduled jobs whose labels and resources it offers, and stays connected between jobs until "
                + "stopped (Ctrl-C or SIGTERM: running tasks are stopped and handed back at once)."},
        footer = {"",
            "Examples:",
            "  taskshard worker --server localhost:7070",
            "  taskshard worker --server coord:7070 --labels linux,gpu --slots 4 \\",
            "      --resources cpu=8,memoryMb=16384 --id gpu-box-1",
            "  taskshard worker --server coord:7070 --runner bazel \\",
            "      --runner-option flag=--remote_cache=grpc://cache:9092 \\",
            "      --workdir /src/monorepo",
            "  taskshard worker --server coord:7070 --runner sim --id sim-w1",
            "      simulated tasks",
            "",
            "Exit codes: 0 stopped on request, 1 stopped by an error or lost the coordinator",
            "for longer than --reconnect-limit, 2 usage error (unknown runner, token",
            "refused), 3 the coordinator could not be reached at start."})
public final class WorkerCommand implements Callable<Integer> {
    /** A worker is long-lived: it waits this long for a coordinator that went away (e.g. is restarted). */
    static final Duration DEFAULT_RECONNECT_LIMIT = Duration.ofMinutes(10);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--server", paramLabel = "URL", required = true,
            description = "The coordinator: host:port, http(s)://host[:port] or ws(s)://host[:port]. E.g. --server coord:7070")
    String server;

    @Option(names = "--id", paramLabel = "NAME",
            description = "This worker's stable id (default: HOSTNAME-PID). E.g. --id gpu-box-1")
    String id;

    @Option(names = "--labels", paramLabel = "LABEL", split = ",",
            description = "Labels offered; only tasks needing a subset of them come here. E.g. --labels linux,gpu")
    List<String> labels = new ArrayList<>();

    @Option(names = "--slots", paramLabel = "N", defaultValue = "1",
            description = "Tasks run at once (default: ${DEFAULT-VALUE}). E.g. --slots 4")
    int slots;

    @Option(names = "--resources", paramLabel = "cpu=N,memoryMb=M",
            description = "Resources offered (per task). E.g. --resources cpu=8,memoryMb=16384")
    String resources;

    @Option(names = "--runner", paramLabel = "NAME", defaultValue = "shell",
            description = "What runs the tasks: shell, bazel, sim or a plug-in's name (default: ${DEFAULT-VALUE}).")
    String runnerName;

    @Option(names = "--runner-option", paramLabel = "KEY=VALUE",
            description = "A runner setting; repeatable. E.g. --runner-option template='make {target}'")
    List<String> runnerOptions = new ArrayList<>();

    @Option(names = "--workdir", paramLabel = "DIR", description = "Where tasks run (default: the current directory).")
    Path workDir;

    @Option(names = "--env", paramLabel = "KEY=VALUE", description = "An environment variable for every task; repeatable.")
    Map<String, String> env = new LinkedHashMap<>();

    @Option(names = "--token", paramLabel = "TOKEN",
            description = "Peer token, sent as 'Authorization: Bearer' (default: env TASKSHARD_TOKEN).")
    String token;

    @Option(names = "--ca-cert", paramLabel = "PEM", description = CaCertOption.DESCRIPTION)
    Path caCert;

    @Option(names = "--state-dir", paramLabel = "DIR",
            description = "Where the lease journal lives, so a restarted worker with the same --id reclaims its tasks.")
    Path stateDir;

    @Option(names = "--reconnect-limit", paramLabel = "DURATION", converter = CliSupport.DurationMillis.class,
            description = "Give up after this long without the coordinator (default: 10m). E.g. --reconnect-limit 1h")
    Long reconnectLimitMs;

    @Option(names = {"-v", "--verbose"}, description = "Debug logging, and stack traces on errors.")
    boolean verbose;

    @Override
    public Integer call() {
        CliSupport.setRootLogLevel(verbose ? Level.DEBUG : Level.WARN);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        PeerOptions options;
        Runner runner;
        try {
            options = options();
            runner = Runners.byName(runnerName, RunnerConfig.parse(runnerOptions));
        } catch (IllegalArgumentException e) {
            err.println("taskshard worker: " + e.getMessage());
            err.flush();
            return PeerResult.EXIT_USAGE;
        }
        PeerClient client = new PeerClient(options, runner, new WorkerReporter(out, options.peerId()), Clock.systemUTC());
        Thread hook = new Thread(client::shutdown, "taskshard-worker-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        PeerResult result;
        try {
            result = client.run();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // the JVM is shutting down: the hook is what stopped us
            }
        }
        if (result.status() == PeerResult.Status.STOPPED) {
            return PeerResult.EXIT_SUCCESS; // a worker's normal end is being stopped
        }
        err.println("taskshard worker: " + result.message());
        err.flush();
        return result.exitCode();
    }

    PeerOptions options() {
        if (slots < 1) {
            throw new IllegalArgumentException("--slots must be at least 1, got " + slots);
        }
        Path dir = (workDir != null ? workDir : Path.of("")).toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("--workdir " + dir + " is not a directory");
        }
        Map<String, String> environment = System.getenv();
        String peerId = id != null ? id.trim() : DefaultPeerId.of(Map.of(), hostname(), ProcessHandle.current().pid());
        PeerOptions.Builder b = PeerOptions.worker(ServerAddress.parse(server).peerUri(), peerId)
                .slots(slots)
                .labels(labels.stream().map(String::trim).filter(s -> !s.isEmpty()).toList())
                .resources(ResourcesOption.parse(resources, null, null))
                .token(token != null ? token : environment.get("TASKSHARD_TOKEN"))
                .caCert(CaCertOption.resolve(caCert, environment))
                .workDir(dir)
                .env(env)
                .stateDir(stateDir != null ? stateDir : PeerCommand.defaultStateDir(environment))
                .reconnectLimit(reconnectLimitMs != null ? Duration.ofMillis(reconnectLimitMs) : DEFAULT_RECONNECT_LIMIT);
        return b.build();
    }

    private static String hostname() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            return "worker";
        }
    }
}
