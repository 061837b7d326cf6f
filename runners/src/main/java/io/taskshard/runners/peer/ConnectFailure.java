package io.taskshard.runners.peer;

import io.taskshard.tls.TlsContexts;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.net.http.WebSocketHandshakeException;
import java.nio.channels.UnresolvedAddressException;
import javax.net.ssl.SSLException;

/**
 * Why a connection attempt failed, in words a CI log reader understands ("connection refused",
 * "unknown host", "TLS handshake failed"), and whether retrying can help.
 *
 * @param reason       one line, without the URL
 * @param unauthorized true when the coordinator refused the token (HTTP 401): a configuration
 *                     error, not worth retrying
 */
public record ConnectFailure(String reason, boolean unauthorized) {

    /** Reads the exception chain of a failed WebSocket connect. */
    public static ConnectFailure of(Throwable error, URI server) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof WebSocketHandshakeException h) {
                int status = h.getResponse().statusCode();
                return switch (status) {
                    case 401 -> new ConnectFailure("the coordinator refused the peer token (HTTP 401): give a live "
                            + "peer token with --token or TASKSHARD_TOKEN", true);
                    case 403 -> new ConnectFailure("the coordinator refused this token for peers (HTTP 403): it "
                            + "needs role peer ('taskshard token create --role peer')", true);
                    case 404 -> new ConnectFailure("no peer endpoint there (HTTP 404): is " + server.getAuthority()
                            + " a taskshard coordinator?", false);
                    case 503 -> new ConnectFailure("the coordinator is shutting down or stopped (HTTP 503)", false);
                    default -> new ConnectFailure("the WebSocket upgrade was refused with HTTP " + status, false);
                };
            }
            if (t instanceof UnresolvedAddressException || t instanceof UnknownHostException) {
                return new ConnectFailure("unknown host '" + server.getHost() + "'", false);
            }
            if (t instanceof SSLException) {
                return new ConnectFailure(TlsContexts.explain(t), false);
            }
            if (t instanceof HttpConnectTimeoutException || t instanceof HttpTimeoutException) {
                return new ConnectFailure("no answer (timed out): " + t.getMessage(), false);
            }
        }
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof ConnectException c) {
                return new ConnectFailure(c.getMessage() == null
                        ? "connection refused (is the coordinator running and listening on that port?)"
                        : c.getMessage(), false);
            }
        }
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return new ConnectFailure(root.getMessage() == null ? root.getClass().getSimpleName() : root.toString(), false);
    }
}
