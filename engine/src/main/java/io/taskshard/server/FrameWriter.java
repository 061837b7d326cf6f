package io.taskshard.server;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import org.eclipse.jetty.util.Callback;
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
 * writes, never its contents). The core session comes with Javalin's Jetty 12.
 */
final class FrameWriter {
    private final CoreSession core;

    FrameWriter(Session session) {
        if (!(session instanceof WebSocketSession jetty)) {
            throw new IllegalStateException("expected Jetty 12's WebSocketSession, got " + session.getClass().getName());
        }
        this.core = jetty.getCoreSession();
    }

    /** Starts sending one complete text message; the future completes when Jetty has written it. */
    CompletableFuture<Void> write(byte[] utf8) {
        CompletableFuture<Void> written = new CompletableFuture<>();
        core.sendFrame(new Frame(OpCode.TEXT).setPayload(ByteBuffer.wrap(utf8)),
                Callback.from(() -> written.complete(null), written::completeExceptionally), false);
        return written;
    }
}
