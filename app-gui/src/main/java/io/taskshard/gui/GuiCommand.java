package io.taskshard.gui;

import io.taskshard.cli.CliSupport;
import io.taskshard.cli.DashboardTarget;
import io.taskshard.cli.Main;
import io.taskshard.cli.EmbeddedCoordinator;
import io.taskshard.cli.UserDirs;
import io.taskshard.client.ClientOptions;
import io.taskshard.client.ServerAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import javafx.application.Platform;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code taskshard gui}: the desktop dashboard, either on a coordinator it runs itself in this
 * process (which peers can join) or attached to a remote one with {@code --server}.
 */
@Command(name = "gui",
        mixinStandardHelpOptions = true,
        versionProvider = GuiCommand.Version.class,
        description = {"Opens the desktop dashboard: jobs, peers, a live Gantt chart, the linear / parallel /"
                + " sharded comparison, and reassign / retry / cancel / drain.", ""},
        sortOptions = false,
        footer = {"",
            "Without --server it runs its own coordinator in this process (peers join it at",
            "ws://BIND:PORT/v1/peer) and shows it; closing the window stops that coordinator.",
            "",
            "Examples:",
            "  taskshard gui",
            "      a coordinator on 127.0.0.1:7070 (data in ~/.local/share/taskshard)",
            "      and its dashboard",
            "  taskshard gui --port 8080 --data /tmp/ts",
            "  taskshard gui --server ci-coordinator:7070 --token \"$TASKSHARD_TOKEN\"",
            "      attach to a coordinator elsewhere (Ctrl+K switches; remembered",
            "      servers are offered)",
            "  taskshard demo --gui",
            "      the dashboard on a demo coordinator with simulated peers",
            "",
            "Needs a display (DISPLAY or WAYLAND_DISPLAY); on a server use xvfb-run.",
            "Remembered servers and window layout: ~/.config/taskshard/gui.properties",
            "($XDG_CONFIG_HOME/taskshard when set).",
            "",
            "Exit codes: 0 the window was closed, 1 runtime failure,",
            "2 usage error or no display."})
public final class GuiCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(GuiCommand.class);

    @Spec
    CommandSpec spec;

    @Mixin
    DashboardTarget target;

    @Option(names = {"-v", "--verbose"}, description = "Show the coordinator's routine log lines too.")
    boolean verbose;

    @Override
    public Integer call() {
        var err = spec.commandLine().getErr();
        Optional<String> noDisplay = DisplayCheck.unavailableReason();
        if (noDisplay.isPresent()) {
            err.println("taskshard gui: cannot open a window: " + noDisplay.get());
            return Main.EXIT_USAGE;
        }
        Optional<String> conflict = target.conflict();
        if (conflict.isPresent()) {
            err.println("taskshard gui: " + conflict.get());
            return Main.EXIT_USAGE;
        }
        if (!verbose) {
            CliSupport.setRootLogLevel(ch.qos.logback.classic.Level.WARN);
        }
        ClientOptions options;
        try {
            options = target.clientOptions(System.getenv());
        } catch (IllegalArgumentException e) {
            err.println("taskshard gui: " + e.getMessage());
            return Main.EXIT_USAGE;
        }
        GuiSettings settings = GuiSettings.load(UserDirs.current().config());
        try {
            if (target.attaches()) {
                ServerAddress address;
                try {
                    address = target.serverAddress();
                } catch (IllegalArgumentException e) {
                    err.println("taskshard gui: " + e.getMessage());
                    return Main.EXIT_USAGE;
                }
                return show(new DashboardOptions(address, options, "", settings, Clock.systemUTC(),
                        new CompletableFuture<>()));
            }
            return embedded(options, settings);
        } finally {
            Platform.exit();
        }
    }

    private int embedded(ClientOptions options, GuiSettings settings) {
        Path data = target.dataDir();
        try (EmbeddedCoordinator coordinator = EmbeddedCoordinator.start(target.embeddedConfig())) {
            spec.commandLine().getOut().printf("taskshard gui: coordinator listening on %s, data: %s%n",
                    coordinator.describe(), data);
            spec.commandLine().getOut().flush();
            int exit = coordinator.exitCode(show(new DashboardOptions(coordinator.address(), options,
                    "embedded coordinator, data " + data, settings, Clock.systemUTC(),
                    coordinator.failureBanner().toCompletableFuture())));
            coordinator.failure().ifPresent(cause -> spec.commandLine().getErr().println(
                    "taskshard gui: the embedded coordinator failed: " + cause + " (details in the log file)"));
            return exit;
        } catch (EmbeddedCoordinator.StartFailure e) {
            spec.commandLine().getErr().println("taskshard gui: " + e.getMessage());
            return e.exitCode();
        }
    }

    private int show(DashboardOptions options) {
        try {
            GuiLauncher.showAndWait(stage -> new Dashboard(options).show(stage));
            return Main.EXIT_OK;
        } catch (Exception e) {
            LOG.error("the dashboard failed", e);
            spec.commandLine().getErr().println("taskshard gui: the dashboard failed: " + e);
            return Main.EXIT_FAILURE;
        }
    }

    static final class Version implements picocli.CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"taskshard " + Main.version()};
        }
    }
}
