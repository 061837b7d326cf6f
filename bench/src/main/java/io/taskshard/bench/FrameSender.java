package io.taskshard.bench;

import java.net.http.WebSocket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Sends text frames on one JDK {@link WebSocket} in order, one at a time, without blocking
 * the caller. The JDK client refuses a send while the previous one is still in flight, and a
 * load generator must not park its listener thread on every send, so frames wait in a queue
 * and the completion of one send starts the next.
 */
final class FrameSender {
    private final WebSocket ws;
    /** A queued close: sent after every frame queued before it, then nothing more goes out. */
    private static final Object CLOSE = new Object();

    private final ConcurrentLinkedQueue<Object> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean sending = new AtomicBoolean();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile String closeReason = "";
    private boolean closeSent; // only touched by the thread holding the sending flag

    FrameSender(WebSocket ws) {
        this.ws = ws;
    }

    /** Queues a frame; it goes out after every frame queued before it. */
    void send(String text) {
        queue.add(text);
        pump();
    }

    /** Sends a normal close (1000) once every frame queued so far is out. */
    void close(String reason) {
        closeReason = reason;
        queue.add(CLOSE);
        pump();
    }

    /** The first send that failed, or null. A failed socket sends nothing more. */
    Throwable failure() {
        return failure.get();
    }

    private void pump() {
        // Whoever wins the flag sends; a send that completes at once is handled in this loop
        // rather than in a callback, so a long queue never turns into deep recursion.
        while (sending.compareAndSet(false, true)) {
            Object next = failure.get() == null && !closeSent ? queue.poll() : null;
            if (next == null) {
                sending.set(false);
                if (queue.isEmpty() || failure.get() != null || closeSent) {
                    return;
                }
                continue; // a frame arrived between the poll and the release: go again
            }
            CompletableFuture<WebSocket> sent;
            if (next == CLOSE) {
                closeSent = true;
                sent = ws.sendClose(WebSocket.NORMAL_CLOSURE, closeReason);
            } else {
                sent = ws.sendText((String) next, true);
            }
            if (!sent.isDone()) {
                sent.whenComplete((w, e) -> {
                    completed(e);
                    pump();
                });
                return;
            }
            completed(sent.isCompletedExceptionally() ? sent.exceptionNow() : null);
        }
    }

    private void completed(Throwable error) {
        if (error != null) {
            failure.compareAndSet(null, error);
        }
        sending.set(false);
    }
}
