package io.taskshard.tui;

import ch.qos.logback.classic.Level;
import io.taskshard.cli.CliSupport;
import io.taskshard.cli.DashboardTarget;
import io.taskshard.cli.EmbeddedCoordinator;
import io.taskshard.cli.Main;
import io.taskshard.client.ClientOptions;
import io.taskshard.client.ServerAddress;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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
                "      a coordinator on 127.0.0.1:7070 in this process,",
                "      data in ~/.local/share/taskshard",
                "  taskshard token create --role admin --name me --data /tmp/ts",
                "  TASKSHARD_TOKEN=tsk_... taskshard tui --bind 0.0.0.0 --port 8080 \\",
                "      --data /tmp/ts",
                "      the same, reachable by peers on other machines",
                "      (that needs a token: docs/security.md)",
                "  taskshard tui --server ci-coordinator:7070",
                "      attach to a running coordinator instead",
                "  taskshard demo",
                "      this dashboard on a coordinator with simulated peers",
                "", "Keys: ? shows them all; q quits. Log lines go to DATA/tui.log while the",
                "dashboard is open.",
                "", "Exit codes: 0 quit normally, 1 runtime failure, 2 usage error or no terminal."})
public final class TuiCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(TuiCommand.class);
    static final String LOG_FILE = "tui.log";

    @Spec
    CommandSpec spec;

    @Mixin
    DashboardTarget target;

    @Option(names = {"-v", "--verbose"}, description = "Debug logging (to the log file).")
    boolean verbose;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        Optional<String> conflict = target.conflict();
        if (conflict.isPresent()) {
            return usage(conflict.get());
        }
        Optional<String> noTerminal = TerminalCheck.whyNot();
        if (noTerminal.isPresent()) {
            return usage("needs a terminal: " + noTerminal.get() + " (run it in an interactive shell)");
        }
        CliSupport.setRootLogLevel(verbose ? Level.DEBUG : Level.INFO);
        Path data = target.dataDir();
        try {
            Files.createDirectories(data);
        } catch (IOException e) {
            err.println("taskshard tui: cannot create the data directory " + data + ": " + e.getMessage());
            err.flush();
            return Main.EXIT_FAILURE;
        }
        try (TuiLogging.Redirect logs = TuiLogging.toFile(data.resolve(LOG_FILE))) {
            return target.attaches() ? attach(err) : embedded(data, err);
        }
    }

    private int attach(PrintWriter err) {
        ServerAddress address;
        ClientOptions options;
        try {
            address = target.serverAddress();
            options = target.clientOptions(System.getenv());
        } catch (IllegalArgumentException e) {
            return usage(e.getMessage());
        }
        return show(address, options, "coordinator " + address.authority(), new CompletableFuture<>(), err);
    }

    private int embedded(Path data, PrintWriter err) {
        try (EmbeddedCoordinator coordinator = EmbeddedCoordinator.start(target.embeddedConfig())) {
            int exit = coordinator.exitCode(show(coordinator.address(), target.clientOptions(System.getenv()),
                    "embedded coordinator on " + coordinator.describe(), coordinator.failureBanner(), err));
            coordinator.failure().ifPresent(cause -> {
                err.println("taskshard tui: the embedded coordinator failed: " + cause + " (details in the log file)");
                err.flush();
            });
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

    private int show(ServerAddress address, ClientOptions options, String title, CompletionStage<String> banner,
                     PrintWriter err) {
        try {
            TuiLauncher.show(address, options, title, banner);
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
