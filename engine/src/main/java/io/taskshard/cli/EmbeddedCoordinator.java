package io.taskshard.cli;

import io.taskshard.client.ServerAddress;
import io.taskshard.server.PortInUseException;
import io.taskshard.server.ServerConfig;
import io.taskshard.server.TaskshardServer;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The coordinator a UI runs in its own process ({@code taskshard tui}, {@code taskshard gui}
 * without {@code --server}), and the address the UI reaches it at through the operator API.
 */
public final class EmbeddedCoordinator implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedCoordinator.class);

    private final TaskshardServer server;
    private final ServerConfig config;
    private final int port;

    private EmbeddedCoordinator(TaskshardServer server, ServerConfig config, int port) {
        this.server = server;
        this.config = config;
        this.port = port;
    }

    /** It did not start; {@link #exitCode()} says whether that was the user's settings or the machine. */
    public static final class StartFailure extends Exception {
        private final int exitCode;

        StartFailure(int exitCode, String message, Throwable cause) {
            super(message, cause);
            this.exitCode = exitCode;
        }

        public int exitCode() {
            return exitCode;
        }
    }

    /** Starts a coordinator with {@code config}; the failure's message is written for the user. */
    public static EmbeddedCoordinator start(ServerConfig config) throws StartFailure {
        TaskshardServer server = new TaskshardServer(config);
        try {
            return new EmbeddedCoordinator(server, config, server.start());
        } catch (PortInUseException e) {
            // A configuration error like serve's (exit 2), in words for a dashboard that could attach instead.
            server.close();
            throw new StartFailure(Main.EXIT_USAGE, notStarted(config, "port " + config.port() + " is in use"), e);
        } catch (TaskshardServer.StartupRefusedException e) {
            server.close();
            throw new StartFailure(Main.EXIT_USAGE, e.getMessage(), e);
        } catch (RuntimeException e) {
            LOG.debug("the embedded coordinator did not start", e);
            server.close();
            throw new StartFailure(Main.EXIT_FAILURE, notStarted(config, e.getMessage()), e);
        }
    }

    private static String notStarted(ServerConfig config, String why) {
        return "the embedded coordinator could not start on " + config.bind() + ":" + config.port() + ": " + why
                + " (a coordinator already running there? attach to it with --server http://" + config.bind() + ":"
                + config.port() + "; or another --port with another --data: two on one data directory are refused)";
    }

    /**
     * A line for the dashboard's banner once the coordinator fails: the UI shows it, and on
     * quitting exits with {@link #exitCode(int)}. Never completes while the coordinator runs.
     */
    public CompletionStage<String> failureBanner() {
        return server.coordinator().whenFailed().thenApply(cause -> "the embedded coordinator failed: " + cause
                + " (see the log); quit and start again, its data is kept");
    }

    /** Why the coordinator failed, if it did. */
    public Optional<Throwable> failure() {
        return server.coordinator().failure();
    }

    /** The UI's exit code, {@code uiExit}, unless the coordinator failed: then a failure (1). */
    public int exitCode(int uiExit) {
        return failure().isPresent() ? Main.EXIT_FAILURE : uiExit;
    }

    /** The bound port. */
    public int port() {
        return port;
    }

    /** Where this process reaches it: the bound address, or loopback when it listens on every interface. */
    public ServerAddress address() {
        String bind = config.bind();
        String host = bind.equals("0.0.0.0") || bind.equals("::") ? "127.0.0.1" : bind;
        return ServerAddress.parse("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port);
    }

    /** E.g. "127.0.0.1:7070 (peers: ws://127.0.0.1:7070/v1/peer)". */
    public String describe() {
        return config.bind() + ":" + port + " (peers: ws://" + config.bind() + ":" + port + "/v1/peer)";
    }

    @Override
    public void close() {
        server.close();
    }
}
