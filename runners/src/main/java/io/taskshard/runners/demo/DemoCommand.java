package io.taskshard.runners.demo;

import io.taskshard.cli.CliSupport;
import io.taskshard.cli.Main;
import io.taskshard.model.Schema;
import io.taskshard.schema.SchemaException;
import io.taskshard.schema.SchemaLoader;
import io.taskshard.server.ServerConfig;
import io.taskshard.server.TaskshardServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import io.taskshard.client.ServerAddress;
import io.taskshard.runners.peer.PeerResult;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code taskshard demo}: an embedded coordinator on a free port with a throw-away data
 * directory, a few simulated peers sharing one schema, and the linear / parallel / sharded
 * comparison at the end. Everything goes over real sockets, as in production.
 *
 * <p>By default a {@link DemoDashboard} shows the run (the terminal one; {@code --gui} the
 * desktop one); {@code --headless}, or no terminal, prints one line per finished task instead.
 */
@Command(name = "demo",
        mixinStandardHelpOptions = true,
        versionProvider = DemoCommand.Version.class,
        description = {"Runs a coordinator with simulated peers on this machine and shows how sharding compares"
                + " with every peer building everything.", ""},
        footer = {"", "Examples:",
                "  taskshard demo",
                "      3 simulated peers share the bundled demo schema (24 tasks, 32 s of work)",
                "  taskshard demo --peers 5 --slots 2",
                "  taskshard demo --schema schemas/rich.yaml --speed 10",
                "      any schema; tasks without 'simulate:' get drawn durations, 10x faster",
                "  taskshard demo --headless",
                "      text only: a line per finished task, then the comparison (scripts, CI)",
                "  taskshard demo --gui",
                "      the desktop dashboard instead of the terminal one",
                "", "Exit codes: 0 the job succeeded, 1 it failed, 2 usage error (also: --port in",
                "use, --data held by another coordinator)."})
public final class DemoCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(DemoCommand.class);
    public static final int DEFAULT_PEERS = 3;
    static final String BUNDLED_SCHEMA = "demo.yaml";
    /** Instead of the coordinator's advice to create a token in a data directory that is about to vanish. */
    static final String AUTH_OFF_NOTICE = "auth is off: the demo runs without tokens, on localhost only"
            + " (127.0.0.1); a real coordinator turns auth on with API tokens, see docs/security.md"
            + " ('Tokens and roles')";

    private final Iterable<DemoDashboard> dashboards;

    @Spec
    CommandSpec spec;

    @Option(names = "--peers", paramLabel = "N", defaultValue = "" + DEFAULT_PEERS,
            description = "Simulated peers (default: ${DEFAULT-VALUE}).")
    int peers;

    @Option(names = "--slots", paramLabel = "N", defaultValue = "1",
            description = "Slots per peer: tasks each runs at once (default: ${DEFAULT-VALUE}).")
    int slots;

    @Option(names = "--schema", paramLabel = "FILE",
            description = "Schema to run (default: the bundled schemas/demo.yaml).")
    Path schemaFile;

    @Option(names = "--speed", paramLabel = "X", defaultValue = "1",
            description = "Run simulated durations X times faster (default: ${DEFAULT-VALUE}).")
    double speed;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1",
            description = "Seed of drawn durations, for tasks without 'simulate:' (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "0",
            description = "Coordinator port; 0 picks a free one (default). Open"
                    + " http://127.0.0.1:PORT/api/v1/jobs while it runs.")
    int port;

    @Option(names = "--data", paramLabel = "DIR",
            description = "Keep the coordinator's data here (default: a temporary directory, removed at the end).")
    Path dataDir;

    @Option(names = {"-v", "--verbose"},
            description = "Show the coordinator's and peers' log lines too.")
    boolean verbose;

    @Option(names = "--headless",
            description = "Plain text output instead of the terminal dashboard (also used when there is no terminal).")
    boolean headless;

    @Option(names = "--gui",
            description = "Open the desktop dashboard instead of the terminal one.")
    boolean gui;

    /** The dashboards on the classpath (app-tui, app-gui). */
    public DemoCommand() {
        this(ServiceLoader.load(DemoDashboard.class));
    }

    DemoCommand(Iterable<DemoDashboard> dashboards) {
        this.dashboards = dashboards;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (peers < 1 || slots < 1 || !(speed > 0)) {
            err.println("taskshard demo: --peers and --slots must be at least 1 and --speed above 0");
            return Main.EXIT_USAGE;
        }
        if (headless && gui) {
            err.println("taskshard demo: --headless and --gui exclude each other");
            return Main.EXIT_USAGE;
        }
        Optional<DemoDashboard> dashboard = Optional.empty();
        if (!headless) {
            String wanted = gui ? "gui" : "tui";
            DashboardChoice choice = DashboardChoice.find(wanted, dashboards);
            if (choice.dashboard().isEmpty() && gui) {
                err.println("taskshard demo: cannot open the desktop dashboard: " + choice.why());
                return Main.EXIT_USAGE;
            }
            if (choice.dashboard().isEmpty()) {
                err.println("taskshard demo: text mode, " + choice.why());
            }
            dashboard = choice.dashboard();
        }
        if (!verbose) {
            CliSupport.setRootLogLevel(ch.qos.logback.classic.Level.WARN); // the demo's own lines tell the story
        }
        Schema schema;
        try {
            schema = schemaFile != null ? SchemaLoader.load(schemaFile) : bundledSchema();
        } catch (SchemaException e) {
            err.println("taskshard demo: " + e.getMessage());
            return Main.EXIT_USAGE;
        }
        TemporaryDataDir temporary = null;
        try {
            if (dataDir == null) {
                temporary = TemporaryDataDir.create();
            }
            Path data = temporary != null ? temporary.path() : dataDir;
            ServerConfig defaults = ServerConfig.defaults(data.resolve("coordinator")).withPort(port);
            ServerConfig config = defaults.withSecurity(defaults.security().withAuthOffNotice(AUTH_OFF_NOTICE));
            try (TaskshardServer server = new TaskshardServer(config)) {
                int bound = server.start();
                if (dashboard.isPresent()) {
                    return withDashboard(dashboard.get(), bound, data.resolve("peers"), schema, out, err, temporary,
                            server);
                }
                DemoRun run = new DemoRun(schema, peers, slots, speed, seed, data.resolve("peers"), out);
                stopOnShutdown(temporary, run, server);
                return run.against(bound);
            }
        } catch (IOException e) {
            err.println("taskshard demo: cannot create a data directory: " + e.getMessage());
            return Main.EXIT_FAILURE;
        } catch (TaskshardServer.StartupRefusedException e) {
            // a busy --port, a data directory another coordinator holds: what to do is in the message
            LOG.debug("the demo's coordinator did not start", e);
            err.println("taskshard demo: " + e.getMessage());
            return Main.EXIT_USAGE;
        } finally {
            if (temporary != null) {
                temporary.close();
            }
        }
    }

    /** On SIGTERM / Ctrl-C: peers say goodbye and the coordinator closes before its directory goes. */
    private static void stopOnShutdown(TemporaryDataDir temporary, DemoRun run, TaskshardServer server) {
        if (temporary != null) {
            temporary.stopWritersOnShutdown(() -> {
                run.stop();
                server.close();
            });
        }
    }

    /**
     * Runs the peers in the background while the dashboard shows the coordinator; when the user
     * quits, stops peers still running, then prints what text mode prints at the end.
     */
    private int withDashboard(DemoDashboard dashboard, int port, Path stateDir, Schema schema, PrintWriter out,
                              PrintWriter err, TemporaryDataDir temporary, TaskshardServer server) {
        // The dashboard owns the screen: finished attempts are not printed while it is open.
        DemoRun run = new DemoRun(schema, peers, slots, speed, seed, stateDir, new PrintWriter(Writer.nullWriter()));
        stopOnShutdown(temporary, run, server);
        CompletableFuture<List<PeerResult>> results = run.start(port);
        DemoSession session = new DemoSession(ServerAddress.parse("http://127.0.0.1:" + port), run.title(),
                results.thenApply(DemoRun::outcome));
        boolean closedNormally = false;
        try {
            dashboard.show(session);
            closedNormally = true;
        } catch (Exception e) {
            LOG.error("the {} dashboard failed", dashboard.name(), e);
            err.println("taskshard demo: the " + dashboard.name() + " dashboard failed: " + e);
            return Main.EXIT_FAILURE;
        } finally {
            if (!closedNormally) {
                run.stop(); // also on an Error: running peers' threads would keep the JVM alive
            }
        }
        if (!results.isDone()) {
            run.stop();
            out.println("taskshard demo: stopped before the job ended (the dashboard was closed)");
            out.flush();
            return Main.EXIT_FAILURE;
        }
        return DemoRun.report(results.join(), port, out);
    }

    static Schema bundledSchema() {
        try (InputStream in = DemoCommand.class.getResourceAsStream(BUNDLED_SCHEMA)) {
            if (in == null) {
                throw new IllegalStateException("the runners jar lacks its bundled " + BUNDLED_SCHEMA);
            }
            return SchemaLoader.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), BUNDLED_SCHEMA);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bundled " + BUNDLED_SCHEMA, e);
        }
    }

    static final class Version implements picocli.CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"taskshard " + Main.version()};
        }
    }
}
