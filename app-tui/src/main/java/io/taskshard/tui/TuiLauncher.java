package io.taskshard.tui;

import com.googlecode.lanterna.terminal.DefaultTerminalFactory;
import com.googlecode.lanterna.terminal.Terminal;
import com.googlecode.lanterna.terminal.ansi.UnixLikeTerminal;
import com.googlecode.lanterna.screen.TerminalScreen;
import io.taskshard.client.ClientOptions;
import io.taskshard.client.EventStream;
import io.taskshard.client.OperatorClient;
import io.taskshard.client.ServerAddress;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the dashboard on this process's terminal for the coordinator at an address: a private
 * (alternate) screen in raw mode, Ctrl-C read as a key, SIGINT/SIGTERM turned into a clean quit.
 * The terminal is restored however the dashboard ends (Lanterna also restores it from a
 * shutdown hook should the JVM exit underneath).
 */
final class TuiLauncher {
    private static final Logger LOG = LoggerFactory.getLogger(TuiLauncher.class);

    private TuiLauncher() {
    }

    /** Blocks until the user quits. Log lines must already go elsewhere than the console. */
    static void show(ServerAddress address, ClientOptions options, String title, CompletionStage<String> banner)
            throws IOException {
        try (OperatorClient client = new OperatorClient(address, options);
             EventStream stream = EventStream.open(address, options)) {
            DefaultTerminalFactory factory = new DefaultTerminalFactory(System.out, System.in, StandardCharsets.UTF_8)
                    .setForceTextTerminal(true)
                    .setUnixTerminalCtrlCBehaviour(UnixLikeTerminal.CtrlCBehaviour.TRAP);
            try (Terminal terminal = factory.createTerminal()) {
                TuiApp app = new TuiApp(new TerminalScreen(terminal), client, stream, Clock.systemDefaultZone(), title,
                        banner);
                List<Runnable> restore = onSignals(app::requestQuit);
                try {
                    app.run();
                } finally {
                    restore.forEach(Runnable::run);
                }
            }
        }
    }

    /** Turns SIGINT and SIGTERM into {@code quit}; returns what puts the previous handlers back. */
    @SuppressWarnings("restriction")
    private static List<Runnable> onSignals(Runnable quit) {
        List<Runnable> restore = new ArrayList<>();
        for (String name : List.of("INT", "TERM")) {
            try {
                sun.misc.Signal signal = new sun.misc.Signal(name);
                sun.misc.SignalHandler previous = sun.misc.Signal.handle(signal, s -> {
                    LOG.info("received SIG{}: closing the dashboard", name);
                    quit.run();
                });
                restore.add(() -> sun.misc.Signal.handle(signal, previous));
            } catch (IllegalArgumentException | UnsupportedOperationException e) {
                LOG.debug("cannot handle SIG{} here ({}); Lanterna's shutdown hook restores the terminal", name,
                        e.toString());
            }
        }
        return restore;
    }
}
