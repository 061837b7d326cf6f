package io.taskshard.tui;

import ch.qos.logback.classic.Level;
import io.taskshard.cli.CliSupport;
import io.taskshard.cli.EmbeddedCoordinator;
import io.taskshard.cli.Main;
import io.taskshard.cli.UserDirs;
import io.taskshard.client.ClientOptions;
import io.taskshard.client.ServerAddress;
import io.taskshard.server.ServerConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code taskshard tui}: the terminal dashboard. By default it runs its own coordinator in this
 * process (accepting peers like {@code taskshard serve}) and shows it; with {@code --server} it
 * attaches to a running one. Either way it talks to the coordinator only through the operator
 * API and its event stream.
 */
@Command(name = "tui",
        mixinStandardHelpOptions = true,
        versionProvider = TuiCommand.Version.class,
        description = {"Terminal dashboard: jobs, peers, a live Gantt chart, the linear / parallel / sharded"
                + " comparison, and operator commands (reassign, retry, cancel, drain, priority).", ""},
        sortOptions = false,
        footer = {"", "Examples:",
                "  taskshard tui",
                "      a coordinator on 127.0.0.1:7070 in this process, data in ~/.local/share/taskshard",
                "  taskshard token create --role admin --name me --data /tmp/ts",
                "  TASKSHARD_TOKEN=tsk_... taskshard tui --bind 0.0.0.0 --port 8080 --data /tmp/ts",
                "      the same, reachable by peers on other machines (that needs a token: docs/security.md)",
                "  taskshard tui --server ci-coordinator:7070",
                "      attach to a running coordinator instead",
                "  taskshard demo",
                "      this dashboard on a coordinator with simulated peers",
                "", "Keys: ? shows them all; q quits. Log lines go to DATA/tui.log while the dashboard is open.",
                "", "Exit codes: 0 quit normally, 1 runtime failure, 2 usage error or no terminal."})
public final class TuiCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(TuiCommand.class);
    static final String LOG_FILE = "tui.log";

    @Spec
    CommandSpec spec;

    @Option(names = "--server", paramLabel = "HOST:PORT",
            description = "Attach to this running coordinator instead of starting one.")
    String server;

    @Option(names = "--token", paramLabel = "TOKEN",
            description = "API token (role viewer to watch, operator to steer), sent as 'Authorization: Bearer"
                    + " TOKEN' (default: env TASKSHARD_TOKEN). Also for the embedded coordinator once its data"
                    + " directory holds tokens.")
    String token;

    @Option(names = "--ca-cert", paramLabel = "PEM",
            description = "PEM file of the private CA that signed --server's certificate (https/wss).")
    Path caCert;

    @Option(names = "--port", paramLabel = "PORT",
            description = "Port of the embedded coordinator; 0 picks a free one (default: 7070).")
    Integer port;

    @Option(names = "--bind", paramLabel = "ADDR",
            description = "Address the embedded coordinator listens on (default: 127.0.0.1; 0.0.0.0 for every"
                    + " interface).")
    String bind;

    @Option(names = "--data", paramLabel = "DIR",
            description = "Data directory of the embedded coordinator (default: $XDG_DATA_HOME/taskshard or"
                    + " ~/.local/share/taskshard).")
    Path dataDir;

    @Option(names = {"-v", "--verbose"}, description = "Debug logging (to the log file).")
    boolean verbose;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        if (server != null && (port != null || bind != null || dataDir != null)) {
            return usage("--server attaches to a running coordinator; --port, --bind and --data are for the"
                    + " embedded one: give one or the other");
        }
        if (server == null && caCert != null) {
            return usage("--ca-cert is for --server; the embedded coordinator speaks plain http on loopback");
        }
        Optional<String> noTerminal = TerminalCheck.whyNot();
        if (noTerminal.isPresent()) {
            return usage("needs a terminal: " + noTerminal.get() + " (run it in an interactive shell)");
        }
        CliSupport.setRootLogLevel(verbose ? Level.DEBUG : Level.INFO);
        Path data = dataDir != null ? dataDir : UserDirs.current().data();
        try {
            Files.createDirectories(data);
        } catch (IOException e) {
            err.println("taskshard tui: cannot create the data directory " + data + ": " + e.getMessage());
            err.flush();
            return Main.EXIT_FAILURE;
        }
        try (TuiLogging.Redirect logs = TuiLogging.toFile(data.resolve(LOG_FILE))) {
            return server != null ? attach(err) : embedded(data, err);
        }
    }

    private int attach(PrintWriter err) {
        ServerAddress address;
        try {
            address = ServerAddress.parse(server);
        } catch (IllegalArgumentException e) {
            return usage("--server " + server + ": " + e.getMessage());
        }
        ClientOptions options;
        try {
            options = clientOptions().withCaCert(caCert);
            if (caCert != null) {
                io.taskshard.tls.TlsContexts.trusting(caCert); // a bad CA file is a usage error, not a dead screen
            }
        } catch (IllegalArgumentException e) {
            return usage("--ca-cert: " + e.getMessage());
        }
        return show(address, options, "coordinator " + address.authority(), err);
    }

    /** The token of --token, else TASKSHARD_TOKEN. */
    private ClientOptions clientOptions() {
        return ClientOptions.defaults().withToken(token != null ? token : System.getenv("TASKSHARD_TOKEN"));
    }

    private int embedded(Path data, PrintWriter err) {
        ServerConfig config = ServerConfig.defaults(data).withPort(port != null ? port : ServerConfig.DEFAULT_PORT);
        if (bind != null) {
            config = config.withBind(bind);
        }
        try (EmbeddedCoordinator coordinator = EmbeddedCoordinator.start(config)) {
            int exit = show(coordinator.address(), clientOptions(), "embedded coordinator on "
                    + coordinator.describe(), err);
            spec.commandLine().getOut().println("taskshard tui: stopped the embedded coordinator (data kept in " + data
                    + ")");
            spec.commandLine().getOut().flush();
            return exit;
        } catch (EmbeddedCoordinator.StartFailure e) {
            err.println("taskshard tui: " + e.getMessage());
            err.flush();
            return e.exitCode();
        }
    }

    private int show(ServerAddress address, ClientOptions options, String title, PrintWriter err) {
        try {
            TuiLauncher.show(address, options, title, new CompletableFuture<>());
            return Main.EXIT_OK;
        } catch (IOException | RuntimeException e) {
            LOG.error("the dashboard failed", e);
            err.println("taskshard tui: the dashboard failed: " + e + " (details in the log file)");
            err.flush();
            return Main.EXIT_FAILURE;
        }
    }

    private int usage(String message) {
        PrintWriter err = spec.commandLine().getErr();
        err.println("taskshard tui: " + message);
        err.println("Try 'taskshard tui --help' for more information.");
        err.flush();
        return Main.EXIT_USAGE;
    }

    static final class Version implements picocli.CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"taskshard " + Main.version()};
        }
    }
}
