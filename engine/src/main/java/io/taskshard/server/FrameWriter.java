package io.taskshard.server;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.common.WebSocketSession;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.OpCode;

/**
 * Writes text frames whose UTF-8 bytes are already encoded. Jetty's {@code Session.sendText}
 * takes a String and encodes it again on every call, per connection; a {@code task-done}
 * shared by a hundred peers was encoded a hundred times. Jetty's own session sends a text
 * message as one TEXT frame through its core session, so this does the same with the shared
 * bytes (each send wraps them in its own buffer: Jetty moves the buffer's position as it
 * writes, never its contents). The core session comes with Javalin's Jetty 12; should the
 * session ever be another implementation, the frame goes through {@code sendText} instead.
 */
final class FrameWriter {
    private final Session session;
    private final CoreSession core;

    FrameWriter(Session session) {
        this.session = session;
        this.core = session instanceof WebSocketSession jetty ? jetty.getCoreSession() : null;
    }

    /** Starts sending one complete text message; the future completes when Jetty has written it. */
    CompletableFuture<Void> write(byte[] utf8) {
        CompletableFuture<Void> written = new CompletableFuture<>();
        if (core != null) {
            Frame frame = new Frame(OpCode.TEXT).setPayload(ByteBuffer.wrap(utf8));
            core.sendFrame(frame, org.eclipse.jetty.util.Callback.from(() -> written.complete(null),
                    written::completeExceptionally), false);
        } else {
            session.sendText(new String(utf8, StandardCharsets.UTF_8),
                    Callback.from(() -> written.complete(null), written::completeExceptionally));
        }
        return written;
    }
}
