package io.taskshard.cli;

import io.taskshard.client.ClientOptions;
import io.taskshard.client.ServerAddress;
import io.taskshard.server.ServerConfig;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * Which coordinator a dashboard ({@code taskshard tui}, {@code taskshard gui}) shows: one it
 * runs in its own process ({@code --port}, {@code --bind}, {@code --data}) or a running one it
 * attaches to ({@code --server}, {@code --ca-cert}), with the API token for either. A picocli
 * mixin, so both dashboards declare and check these options the same way.
 */
public final class DashboardTarget {
    /** Environment variable read when {@code --token} is not given. */
    public static final String TOKEN_ENV = "TASKSHARD_TOKEN";

    @Option(names = "--server", paramLabel = "HOST:PORT",
            description = "Attach to this running coordinator instead of starting one.")
    String server;

    @Option(names = "--token", paramLabel = "TOKEN",
            description = "API token (role viewer to watch, operator to steer), sent as 'Authorization: Bearer"
                    + " TOKEN' (default: env " + TOKEN_ENV + "). Also for the embedded coordinator once its data"
                    + " directory holds tokens.")
    String token;

    @Option(names = "--ca-cert", paramLabel = "PEM", description = CaCertOption.DESCRIPTION + " Only with --server.")
    Path caCert;

    @Option(names = "--port", paramLabel = "PORT",
            description = "Port of the embedded coordinator; 0 picks a free one (default: "
                    + ServerConfig.DEFAULT_PORT + ").")
    Integer port;

    @Option(names = "--bind", paramLabel = "ADDR",
            description = "Address the embedded coordinator listens on (default: " + ServerConfig.DEFAULT_BIND
                    + "; 0.0.0.0 lets peers on other machines join).")
    String bind;

    @Option(names = "--data", paramLabel = "DIR",
            description = "Data directory of the embedded coordinator (default: $XDG_DATA_HOME/taskshard or"
                    + " ~/.local/share/taskshard).")
    Path dataDir;

    /** True for {@code --server}: attach rather than run a coordinator here. */
    public boolean attaches() {
        return server != null;
    }

    /** Why these options do not go together, if they do not (a usage error). */
    public Optional<String> conflict() {
        if (server != null && (port != null || bind != null || dataDir != null)) {
            return Optional.of("--server attaches to a running coordinator; --port, --bind and --data are for the"
                    + " embedded one: give one or the other");
        }
        if (server == null && caCert != null) {
            return Optional.of("--ca-cert is for --server; the embedded coordinator speaks plain http on loopback");
        }
        return Optional.empty();
    }

    /**
     * The coordinator of {@code --server}.
     *
     * @throws IllegalArgumentException saying what is wrong with it (a usage error)
     */
    public ServerAddress serverAddress() {
        try {
            return ServerAddress.parse(server);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--server " + server + ": " + e.getMessage(), e);
        }
    }

    /**
     * Token of {@code --token}, else of {@link #TOKEN_ENV} in {@code env}; with {@code --server},
     * the CA of {@link CaCertOption} (the embedded coordinator speaks plain http on loopback).
     *
     * @throws IllegalArgumentException saying what is wrong with the CA file (read now: a usage
     *                                  error rather than a dead screen)
     */
    public ClientOptions clientOptions(Map<String, String> env) {
        String t = token != null ? token : env.get(TOKEN_ENV);
        ClientOptions options = ClientOptions.defaults().withToken(t == null || t.isBlank() ? null : t);
        return attaches() ? options.withCaCert(CaCertOption.resolve(caCert, env)) : options;
    }

    /** {@code --data}, else the user's data directory. */
    public Path dataDir() {
        return dataDir != null ? dataDir : UserDirs.current().data();
    }

    /** How to run the embedded coordinator: {@code --data}, {@code --port}, {@code --bind} over the defaults. */
    public ServerConfig embeddedConfig() {
        ServerConfig config = ServerConfig.defaults(dataDir()).withPort(port != null ? port : ServerConfig.DEFAULT_PORT);
        return bind != null ? config.withBind(bind) : config;
    }
}
