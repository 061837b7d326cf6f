package io.taskshard.client;

import java.net.URI;

/**
 * No answer from the coordinator: connection refused, unknown host, TLS failure, or no reply
 * within the timeout. Says which URL and why; retrying later may work (unlike an
 * {@link ApiException}, which is the server's considered answer).
 */
public final class ConnectionException extends ClientException {
    private final URI uri;

    public ConnectionException(URI uri, String why, Throwable cause) {
        super("cannot reach the coordinator at " + uri + ": " + why, cause);
        this.uri = uri;
    }

    /** The URL that could not be reached. */
    public URI uri() {
        return uri;
    }
}
