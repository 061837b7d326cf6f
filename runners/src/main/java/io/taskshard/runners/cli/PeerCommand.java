package io.taskshard.runners.cli;

import ch.qos.logback.classic.Level;
import io.taskshard.cli.CaCertOption;
import io.taskshard.cli.CliSupport;
import io.taskshard.client.ServerAddress;
import io.taskshard.model.Durations;
import io.taskshard.model.RepoEntry;
import io.taskshard.model.Schema;
import io.taskshard.runners.peer.LocalFallback;
import io.taskshard.runners.peer.PeerClient;
import io.taskshard.runners.peer.PeerOptions;
import io.taskshard.runners.peer.PeerResult;
import io.taskshard.runners.spi.Runner;
import io.taskshard.runners.spi.RunnerConfig;
import io.taskshard.runners.spi.Runners;
import io.taskshard.schema.SchemaException;
import io.taskshard.schema.SchemaLoader;
import io.taskshard.schema.SchemaProblem;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code taskshard peer}: joins a coordinator's job for a schema and runs tasks until the job completes. */
@Command(name = "peer",
        mixinStandardHelpOptions = true,
        versionProvider = PeerCommand.Version.class,
        sortOptions = false,
        description = {"Joins the coordinator's job for a schema and runs its share of the tasks until the job "
                + "completes. Peers with the same schema, cache id and compatible repo state share one job; each "
                + "task runs on one peer."},
        footer = {"",
            "Durations need a unit: 1500ms, 10s, 2m (a bare number is refused).",
            "Without --repo, the repo state comes from the git checkout in --workdir:",
            "the origin remote's name, the branch (or GITHUB_BASE_REF /",
            "CI_MERGE_REQUEST_TARGET_BRANCH_NAME) and the HEAD commit; no git, no state.",
            "Without --id: gh-RUNID-ATTEMPT-JOB-RUNNER on GitHub Actions, gitlab-JOBID on",
            "GitLab CI, buildkite-JOBID on Buildkite, else HOSTNAME-PID. Restarting with",
            "the same --id (and --state-dir) reclaims the tasks the peer was running.",
            "",
            "Examples:",
            "  taskshard peer --server localhost:7070 --schema schemas/rich.yaml",
            "      one peer, shell runner, repo state from git",
            "  taskshard peer --server https://ci-coord.example.com --schema ci/tasks.yaml \\",
            "      --runner bazel --runner-option flag=--remote_cache=grpc://cache:9092 \\",
            "      --slots 4 --cache-id eu-1 --labels linux,x86_64 \\",
            "      --resources cpu=16,memoryMb=65536",
            "  taskshard peer --server ws://10.0.0.5:7070 --schema schemas/demo.yaml \\",
            "      --runner sim --runner-option scale=0.5 --id sim-1 --quiet",
            "  taskshard peer --server coord:7070 --schema tasks.yaml \\",
            "      --repo monorepo --base-ref main --patchset 3f2c1ab \\",
            "      --additional-patchset 9e8d7c6 \\",
            "      --repo tools --base-ref main --patchset 11aa22b",
            "  taskshard peer --server coord:7070 --schema tasks.yaml --fallback-local \\",
            "      --env CI=true --workdir build --id build-1 --state-dir /var/tmp/peers",
            "",
            "  GitHub Actions (each matrix job runs this step; together they share the work):",
            "    - run: ./taskshard peer --server $${{ vars.TASKSHARD_SERVER }} \\",
            "          --schema ci/tasks.yaml --runner bazel --slots 2 --fallback-local",
            "      env:",
            "        TASKSHARD_TOKEN: $${{ secrets.TASKSHARD_TOKEN }}",
            "",
            "Exit codes: 0 the job completed with success (whether or not this peer ran",
            "anything; tasks an operator cancelled are named, and make it 1 with",
            "--fail-on-cancelled), 1 the job failed or was cancelled, 2 usage or",
            "configuration error (bad schema, unknown runner, token refused), 3 the",
            "coordinator could not be reached and --fallback-local was not given."})
public final class PeerCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(PeerCommand.class);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--server", paramLabel = "URL", required = true,
            description = "The coordinator: host:port, http(s)://host[:port] or ws(s)://host[:port]. "
                    + "E.g. --server localhost:7070")
    String server;

    @Option(names = "--schema", paramLabel = "FILE", required = true,
            description = "The schema file (YAML or JSON). E.g. --schema schemas/rich.yaml")
    Path schemaFile;

    @Option(names = "--id", paramLabel = "NAME",
            description = "This peer's stable id (default: from the CI's job id, else HOSTNAME-PID). E.g. --id ci-linux-7")
    String id;

    @Option(names = "--runner", paramLabel = "NAME", defaultValue = "shell",
            description = "What runs the tasks: shell, bazel, sim or a plug-in's name (default: ${DEFAULT-VALUE}). "
                    + "E.g. --runner bazel")
    String runnerName;

    @Option(names = "--runner-option", paramLabel = "KEY=VALUE",
            description = "A runner setting; repeatable. E.g. --runner-option template='make {target}'")
    List<String> runnerOptions = new ArrayList<>();

    @Option(names = "--slots", paramLabel = "N", defaultValue = "1",
            description = "Tasks run at once (default: ${DEFAULT-VALUE}). E.g. --slots 4")
    int slots;

    @Option(names = "--labels", paramLabel = "LABEL", split = ",",
            description = "Labels this peer offers; tasks needing others are not sent here. E.g. --labels linux,gpu")
    List<String> labels = new ArrayList<>();

    @Option(names = "--resources", paramLabel = "cpu=N,memoryMb=M",
            description = "Resources this peer offers. E.g. --resources cpu=8,memoryMb=16384")
    String resources;

    @Option(names = "--cpu", paramLabel = "N", description = "CPUs offered (overrides --resources). E.g. --cpu 8")
    Double cpu;

    @Option(names = "--memory-mb", paramLabel = "MB",
            description = "Memory offered in MiB (overrides --resources). E.g. --memory-mb 16384")
    Long memoryMb;

    @Option(names = "--cache-id", paramLabel = "ID", defaultValue = "",
            description = "The remote cache's id; peers with other cache ids never share a job. E.g. --cache-id eu-1")
    String cacheId;

    @ArgGroup(exclusive = false, multiplicity = "0..*", heading = "%nRepo state (repeat the group per repository):%n")
    List<RepoArgs> repos = new ArrayList<>();

    @Option(names = "--complex-patchset",
            description = "This change must not share a job with other changes (always a job of its own).")
    boolean complexPatchset;

    @Option(names = "--token", paramLabel = "TOKEN",
            description = "Peer token, sent as 'Authorization: Bearer' (default: env TASKSHARD_TOKEN). E.g. --token s3cr3t")
    String token;

    @Option(names = "--ca-cert", paramLabel = "PEM", description = CaCertOption.DESCRIPTION)
    Path caCert;

    @Option(names = "--workdir", paramLabel = "DIR",
            description = "Where tasks run (default: the current directory). E.g. --workdir /src/monorepo")
    Path workDir;

    @Option(names = "--env", paramLabel = "KEY=VALUE",
            description = "An environment variable for every task; repeatable. E.g. --env CI=true")
    Map<String, String> env = new LinkedHashMap<>();

    @Option(names = "--state-dir", paramLabel = "DIR",
            description = "Where the lease journal lives, so a restarted peer with the same --id reclaims its "
                    + "tasks (default: $XDG_STATE_HOME/taskshard/peers, else under ~/.local/state). "
                    + "E.g. --state-dir /var/tmp/peers")
    Path stateDir;

    @Option(names = "--reconnect-limit", paramLabel = "DURATION", converter = CliSupport.DurationMillis.class,
            description = "Give up after this long without the coordinator (default: 2m). E.g. --reconnect-limit 5m")
    Long reconnectLimitMs;

    @Option(names = "--fallback-local",
            description = "If the coordinator cannot be reached at start, run every task here instead and exit "
                    + "by their results.")
    boolean fallbackLocal;

    @Option(names = "--fail-on-cancelled",
            description = "Exit 1 when the job succeeded but an operator cancelled some of its tasks (they never "
                    + "completed). Without it such a job exits 0 and the exit line names those tasks.")
    boolean failOnCancelled;

    @Option(names = {"-v", "--verbose"}, description = "Debug logging, and stack traces on errors.")
    boolean verbose;

    @Option(names = {"-q", "--quiet"}, description = "Print only problems and the final summary.")
    boolean quiet;

    /** One repository's state: {@code --repo NAME --base-ref REF [--patchset SHA] [--additional-patchset SHA]...}. */
    static final class RepoArgs {
        @Option(names = "--repo", paramLabel = "NAME", required = true, description = "Repository name. E.g. --repo monorepo")
        String name;

        @Option(names = "--base-ref", paramLabel = "REF", required = true,
                description = "The ref the change is based on. E.g. --base-ref main")
        String baseRef;

        @Option(names = "--patchset", paramLabel = "SHA", description = "The change on top. E.g. --patchset 3f2c1ab")
        String patchset;

        @Option(names = "--additional-patchset", paramLabel = "SHA",
                description = "Another change applied too; repeatable. E.g. --additional-patchset 9e8d7c6")
        List<String> additional = new ArrayList<>();
    }

    @Override
    public Integer call() {
        CliSupport.setRootLogLevel(verbose ? Level.DEBUG : Level.WARN);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Setup setup;
        try {
            setup = setUp();
        } catch (SchemaException e) {
            err.println("taskshard peer: invalid schema " + e.problems().getFirst());
            e.problems().stream().skip(1).limit(20).map(SchemaProblem::toString).forEach(p -> err.println("  also: " + p));
            debug(err, e);
            return PeerResult.EXIT_USAGE;
        } catch (IllegalArgumentException e) {
            err.println("taskshard peer: " + e.getMessage());
            debug(err, e);
            return PeerResult.EXIT_USAGE;
        }
        try (ConsoleReporter reporter = new ConsoleReporter(out, Terminal.interactive() && !verbose
                ? ConsoleReporter.Mode.LIVE : ConsoleReporter.Mode.PLAIN, quiet, Clock.systemDefaultZone(), Terminal.width())) {
            PeerClient client = new PeerClient(setup.options(), setup.runner(), reporter, Clock.systemUTC());
            PeerResult result = untilSignal(client::run, client::shutdown);
            if (result.status() == PeerResult.Status.UNREACHABLE && !result.connected() && fallbackLocal) {
                reporter.say("taskshard peer: " + result.message());
                reporter.say("--fallback-local: running all " + setup.options().schema().tasks().size()
                        + " tasks of '" + setup.options().schema().name() + "' here, without the coordinator");
                reporter.localRun(setup.options().schema().name(), setup.options().schema().tasks().size());
                LocalFallback local = new LocalFallback(setup.options().schema(), setup.runner(), slots,
                        setup.options().workDir(), setup.options().env(), reporter);
                result = untilSignal(local::run, local::stop);
                reporter.close();
                return report(result, "fell back to a local run: ", out, err);
            }
            reporter.close();
            return report(result, "", out, err);
        } catch (RuntimeException e) {
            err.println("taskshard peer: internal error: " + e);
            debug(err, e);
            return PeerResult.EXIT_FAILURE;
        }
    }

    private record Setup(PeerOptions options, Runner runner) {
    }

    private Setup setUp() {
        URI uri = ServerAddress.parse(server).peerUri();
        if (slots < 1) {
            throw new IllegalArgumentException("--slots must be at least 1, got " + slots);
        }
        Path dir = (workDir != null ? workDir : Path.of("")).toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("--workdir " + dir + " is not a directory");
        }
        Schema schema = SchemaLoader.load(schemaFile);
        Runner runner = Runners.byName(runnerName, RunnerConfig.parse(runnerOptions));
        Map<String, String> environment = System.getenv();
        String peerId = id != null ? id.trim() : DefaultPeerId.of(environment, hostname(), ProcessHandle.current().pid());
        String bearer = token != null ? token : environment.get("TASKSHARD_TOKEN");
        PeerOptions.Builder b = PeerOptions.builder(uri, peerId, schema)
                .cacheId(cacheId)
                .repoState(repoState(dir, environment))
                .complexPatchset(complexPatchset)
                .slots(slots)
                .labels(labels.stream().map(String::trim).filter(s -> !s.isEmpty()).toList())
                .resources(ResourcesOption.parse(resources, cpu, memoryMb))
                .token(bearer)
                .caCert(CaCertOption.resolve(caCert, environment))
                .workDir(dir)
                .env(env)
                .stateDir(stateDir != null ? stateDir : defaultStateDir(environment));
        if (reconnectLimitMs != null) {
            b.reconnectLimit(java.time.Duration.ofMillis(reconnectLimitMs));
        }
        PeerOptions options = b.build();
        LOG.debug("peer options: {}", options);
        return new Setup(options, runner);
    }

    private Map<String, RepoEntry> repoState(Path dir, Map<String, String> environment) {
        if (repos.isEmpty()) {
            return RepoStateDetector.detect(dir, environment);
        }
        Map<String, RepoEntry> state = new LinkedHashMap<>();
        for (RepoArgs r : repos) {
            if (state.put(r.name, new RepoEntry(r.baseRef, r.patchset, r.additional)) != null) {
                throw new IllegalArgumentException("--repo " + r.name + " is given twice");
            }
        }
        return state;
    }

    /** Runs {@code work}; SIGINT/SIGTERM (a shutdown hook) calls {@code stop}, which makes {@code work} return. */
    private static PeerResult untilSignal(java.util.function.Supplier<PeerResult> work, Runnable stop) {
        Thread hook = new Thread(stop, "taskshard-peer-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return work.get();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                LOG.debug("the JVM is shutting down; the hook stays", e);
            }
        }
    }

    private int report(PeerResult result, String prefix, PrintWriter out, PrintWriter err) {
        String ran = result.tasksRun() == 0 && !result.connected() ? ""
                : " (this peer ran " + result.tasksRun() + (result.tasksRun() == 1 ? " attempt)" : " attempts)");
        String line = "taskshard peer: " + prefix + result.message() + ran;
        int exit = result.exitCode(failOnCancelled);
        if (exit != result.exitCode()) {
            line += "; exit 1 because of --fail-on-cancelled";
        }
        if (exit == PeerResult.EXIT_SUCCESS) {
            out.println(line);
            out.flush();
        } else {
            err.println(line);
            err.flush();
        }
        return exit;
    }

    /** {@code $XDG_STATE_HOME/taskshard/peers}, else {@code ~/.local/state/taskshard/peers}. */
    static Path defaultStateDir(Map<String, String> environment) {
        String xdg = environment.get("XDG_STATE_HOME");
        if (xdg != null && !xdg.isBlank()) {
            return Path.of(xdg, "taskshard", "peers");
        }
        return Path.of(System.getProperty("user.home"), ".local", "state", "taskshard", "peers");
    }

    private static String hostname() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            LOG.debug("no host name ({}); using 'peer'", e.getMessage());
            return "peer";
        }
    }

    private void debug(PrintWriter err, Exception e) {
        if (verbose) {
            e.printStackTrace(err);
        } else {
            LOG.debug("details", e);
        }
        err.flush();
    }

    /** {@code taskshard peer --version}. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"taskshard " + io.taskshard.cli.Main.version()};
        }
    }
}
