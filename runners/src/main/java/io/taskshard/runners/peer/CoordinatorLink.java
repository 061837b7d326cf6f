package io.taskshard.runners.peer;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WebSocket connection to the coordinator, over the JDK client. It reassembles text frames
 * that arrive in parts, asks for one message at a time, and serializes sends (the JDK client
 * refuses a send while another is in flight): each send is chained on the previous one. What
 * it receives goes to two callbacks; which thread calls them is the caller's business (the
 * client hands them to its own loop).
 */
final class CoordinatorLink {
    private static final Logger LOG = LoggerFactory.getLogger(CoordinatorLink.class);

    private final int number;
    /** Gets each whole text message. */
    private final BiConsumer<CoordinatorLink, String> onText;
    /** Told once that the connection is over (closed by the coordinator, broken, or a send failed), and why. */
    private final BiConsumer<CoordinatorLink, String> onClosed;
    private final AtomicBoolean over = new AtomicBoolean();
    private volatile String closedReason;
    private volatile WebSocket ws;
    /** The last send; the next one starts when it is done, whatever its outcome. */
    private CompletableFuture<?> lastSend = CompletableFuture.completedFuture(null);

    private CoordinatorLink(int number, BiConsumer<CoordinatorLink, String> onText,
                            BiConsumer<CoordinatorLink, String> onClosed) {
        this.number = number;
        this.onText = onText;
        this.onClosed = onClosed;
    }

    /** Connects; the future fails with the connect error (see {@link ConnectFailure}). */
    static CompletableFuture<CoordinatorLink> open(HttpClient http, URI uri, String token, Duration connectTimeout,
                                                   int number, BiConsumer<CoordinatorLink, String> onText,
                                                   BiConsumer<CoordinatorLink, String> onClosed) {
        CoordinatorLink link = new CoordinatorLink(number, onText, onClosed);
        WebSocket.Builder builder = http.newWebSocketBuilder().connectTimeout(connectTimeout);
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder.buildAsync(uri, link.new Listener()).thenApply(ws -> {
            link.ws = ws;
            return link;
        });
    }

    /** Which connection of the client this is (1 for the first), for logs. */
    int number() {
        return number;
    }

    /** Why the connection ended, once it has; null while it is open. */
    String closedReason() {
        return closedReason;
    }

    /** Queues a text frame behind the ones before it. A failed send ends the connection. */
    synchronized void send(String text) {
        if (closedReason != null) {
            LOG.debug("connection {} is closed; not sent: {}", number, text);
            return;
        }
        lastSend = lastSend.handle((v, e) -> null)
                .thenCompose(v -> ws.sendText(text, true))
                .whenComplete((w, e) -> {
                    if (e != null) {
                        ended("sending failed: " + e.getMessage());
                        ws.abort();
                    }
                });
    }

    /** Sends a Close frame after everything queued; the coordinator answers and the connection ends. */
    synchronized CompletableFuture<?> close(String reason) {
        lastSend = lastSend.handle((v, e) -> null)
                .thenCompose(v -> ws.sendClose(WebSocket.NORMAL_CLOSURE, reason));
        return lastSend;
    }

    /** Cuts the connection at once. */
    void abort() {
        WebSocket w = ws;
        if (w != null) {
            w.abort();
        }
        ended("closed by this peer");
    }

    private void ended(String reason) {
        if (over.compareAndSet(false, true)) {
            closedReason = reason;
            onClosed.accept(this, reason);
        }
    }

    /** Receives from the JDK client; one message requested at a time. */
    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public void onOpen(WebSocket webSocket) {
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                onText.accept(CoordinatorLink.this, text);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            LOG.warn("connection {}: ignored a binary frame of {} bytes (the protocol uses text frames)", number,
                    data.remaining());
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            ended("closed by the coordinator (" + statusCode + (reason == null || reason.isEmpty() ? "" : " " + reason)
                    + ")");
            return null; // the JDK client answers the Close frame
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            ended("connection broken: " + (error.getMessage() == null ? error.toString() : error.getMessage()));
        }
    }
}
