package io.taskshard.runners.cli;

import io.taskshard.cli.CaCertOption;
import io.taskshard.client.ClientOptions;
import io.taskshard.client.OperatorClient;
import io.taskshard.client.ServerAddress;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --server}, {@code --token} and {@code --ca-cert}, shared by the operator commands (a picocli mixin). */
final class ServerOption {
    /** Where the operator commands look when neither --server nor TASKSHARD_SERVER says. */
    static final String DEFAULT_SERVER = "127.0.0.1:7070";
    static final String SERVER_ENV = "TASKSHARD_SERVER";
    static final String TOKEN_ENV = "TASKSHARD_TOKEN";

    @Option(names = "--server", paramLabel = "URL",
            description = "The coordinator: host:port or http(s)://host[:port] (default: env TASKSHARD_SERVER, "
                    + "else " + DEFAULT_SERVER + "). E.g. --server coord:7070")
    String server;

    @Option(names = "--token", paramLabel = "TOKEN",
            description = "API token, sent as 'Authorization: Bearer' (default: env " + TOKEN_ENV + "). "
                    + "status needs role viewer; submit and schedule need operator.")
    String token;

    @Option(names = "--ca-cert", paramLabel = "PEM", description = CaCertOption.DESCRIPTION)
    Path caCert;

    String text() {
        if (server != null) {
            return server;
        }
        String env = System.getenv(SERVER_ENV);
        return env != null && !env.isBlank() ? env : DEFAULT_SERVER;
    }

    /** Token and trust from the flags, else the environment. */
    ClientOptions options() {
        String bearer = token != null ? token : System.getenv(TOKEN_ENV);
        return ClientOptions.defaults().withToken(bearer).withCaCert(CaCertOption.resolve(caCert, System.getenv()));
    }

    /** @throws IllegalArgumentException when the address or the CA file cannot be read */
    OperatorClient client() {
        return new OperatorClient(ServerAddress.parse(text()), options());
    }
}
