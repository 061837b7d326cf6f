package io.taskshard.runners.cli;

import io.taskshard.client.OperatorClient;
import io.taskshard.client.ServerAddress;
import picocli.CommandLine.Option;

/** {@code --server}, shared by the operator commands (a picocli mixin). */
final class ServerOption {
    /** Where the operator commands look when neither --server nor TASKSHARD_SERVER says. */
    static final String DEFAULT_SERVER = "127.0.0.1:7070";
    static final String SERVER_ENV = "TASKSHARD_SERVER";

    @Option(names = "--server", paramLabel = "URL",
            description = "The coordinator: host:port or http(s)://host[:port] (default: env TASKSHARD_SERVER, "
                    + "else " + DEFAULT_SERVER + "). E.g. --server coord:7070")
    String server;

    String text() {
        if (server != null) {
            return server;
        }
        String env = System.getenv(SERVER_ENV);
        return env != null && !env.isBlank() ? env : DEFAULT_SERVER;
    }

    /** @throws IllegalArgumentException when the address cannot be read */
    OperatorClient client() {
        return new OperatorClient(ServerAddress.parse(text()));
    }
}
