package io.taskshard.client;

import java.net.ConnectException;
import io.taskshard.tls.TlsContexts;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.net.http.WebSocketHandshakeException;
import java.nio.channels.UnresolvedAddressException;
import javax.net.ssl.SSLException;

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

    /**
     * Why a connection failed, in words. The JDK's exceptions often carry no message (a refused
     * connection is a {@code ConnectException} around a {@code ClosedChannelException}, both
     * without text), so the kind of failure is named from the exception types in the chain.
     */
    static String describe(Throwable error) {
        // An unresolvable name arrives as a ConnectException around an UnresolvedAddressException:
        // look for it in the whole chain first, or it reads as "connection refused".
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof UnknownHostException || t instanceof UnresolvedAddressException) {
                return "unknown host" + (t.getMessage() == null ? "" : " " + t.getMessage())
                        + "; check the address (DNS cannot resolve the name)";
            }
        }
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            switch (t) {
                case WebSocketHandshakeException h -> {
                    int status = h.getResponse().statusCode();
                    return "the server refused the WebSocket upgrade (HTTP " + status + ")"
                            + (status == 401 || status == 403 ? "; check the token" : "");
                }
                case HttpConnectTimeoutException e -> {
                    return "no connection within the connect timeout";
                }
                case HttpTimeoutException e -> {
                    return "no answer within the request timeout";
                }
                case UnknownHostException e -> {
                    return "unknown host " + e.getMessage();
                }
                case UnresolvedAddressException e -> {
                    return "unknown host";
                }
                case ConnectException e -> {
                    return "connection refused or host unreachable" + (e.getMessage() == null ? "" : " (" + e.getMessage()
                            + ")") + "; is the coordinator running there?";
                }
                case SSLException e -> {
                    return TlsContexts.explain(e);
                }
                default -> {
                }
            }
        }
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName()
                : root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
