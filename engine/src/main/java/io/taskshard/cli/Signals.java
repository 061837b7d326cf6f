package io.taskshard.cli;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SIGTERM/SIGINT handling for {@code serve}. A plain shutdown hook runs after the JVM has
 * decided to exit with status 143/130; handling the signals ourselves lets {@code serve}
 * stop gracefully and exit 0. Where the JVM does not allow it (e.g. {@code -Xrs}), the
 * shutdown hook {@code serve} also installs still flushes and closes.
 */
final class Signals {
    private static final Logger LOG = LoggerFactory.getLogger(Signals.class);

    private Signals() {
    }

    /** Calls {@code action} (once per signal) when SIGTERM or SIGINT arrives. */
    @SuppressWarnings("restriction")
    static void onTerminate(Runnable action) {
        for (String name : List.of("TERM", "INT")) {
            try {
                sun.misc.Signal.handle(new sun.misc.Signal(name), signal -> {
                    LOG.info("received SIG{}: shutting down gracefully", name);
                    action.run();
                });
            } catch (IllegalArgumentException | UnsupportedOperationException e) {
                LOG.debug("cannot handle SIG{} here ({}); the shutdown hook will close the server", name, e.toString());
            }
        }
    }
}
