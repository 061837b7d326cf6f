package io.taskshard.bench;

import java.net.http.WebSocket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A JDK WebSocket listener that joins partial text messages into whole frames and hands each
 * to {@link #onFrame}. The JDK calls a listener's methods one at a time per socket, so
 * subclasses may keep per-socket state in plain fields.
 */
abstract class TextFrames implements WebSocket.Listener {
    private final TextParts parts = new TextParts();
    /** Completes with the close status (or -1 on a transport error) when the socket ends. */
    final CompletableFuture<Integer> closed = new CompletableFuture<>();
    /** Set when the socket opens, before any frame arrives. */
    private volatile FrameSender sender;
    private volatile WebSocket socket;

    FrameSender sender() {
        return sender;
    }

    /** Drops the connection without a close handshake (when a polite close got no answer). */
    void abort() {
        WebSocket ws = socket;
        if (ws != null) {
            ws.abort();
        }
    }

    /** One whole text frame, with the time (System.nanoTime) its last part arrived. */
    abstract void onFrame(String text, long arrivedNanos);

    @Override
    public void onOpen(WebSocket webSocket) {
        socket = webSocket;
        sender = new FrameSender(webSocket);
        webSocket.request(1);
    }

    @Override
    public final CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        long now = System.nanoTime();
        String text = parts.add(data, last);
        if (text != null) {
            onFrame(text, now);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed.complete(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed.complete(-1);
        onFailure(error);
    }

    /** The socket failed (already recorded as closed with -1). */
    void onFailure(Throwable error) {
    }
}
