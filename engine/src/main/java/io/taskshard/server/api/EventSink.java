package io.taskshard.server.api;

import java.util.function.Consumer;

/**
 * Where one event-stream subscriber's frames go: a WebSocket session in production. Sends are
 * asynchronous and {@link Subscriber} never starts a send before the previous one completed.
 */
public interface EventSink {

    /** Starts sending one text frame; exactly one of the callbacks runs when it is done. */
    void send(String text, Runnable onSent, Consumer<Throwable> onFailed);

    /** Closes the connection with a WebSocket close code and a reason the client can read. */
    void close(int code, String reason);

    /** For logs: who this is (remote address). */
    String describe();
}
