package io.taskshard.coordinator;

import io.taskshard.scheduler.Decision;
import io.taskshard.scheduler.Event;
import io.taskshard.scheduler.OperatorCommand;
import java.util.concurrent.CompletableFuture;

/**
 * The imperative shell around the scheduler: one thread owns all scheduling state. Network
 * threads only {@link #enqueue} events. Each loop turn drains a batch of events, lets the
 * scheduler decide, commits the batch's changes in one transaction, tells the
 * {@link BatchListener}s, and only then sends messages and replies.
 *
 * <p>(Contract written first so the server and operator API can be built against it.)
 */
public final class Coordinator implements AutoCloseable {

    /** Hands an event to the loop. Never blocks; safe from any thread. */
    public void enqueue(Event event) {
        throw new UnsupportedOperationException("being written");
    }

    /** Runs an operator command through the loop; completes with the scheduler's reply after commit. */
    public CompletableFuture<Decision.Reply> command(String actor, OperatorCommand command) {
        throw new UnsupportedOperationException("being written");
    }

    /** Listeners must be added before {@link #start()}. */
    public void addListener(BatchListener listener) {
        throw new UnsupportedOperationException("being written");
    }

    public void start() {
        throw new UnsupportedOperationException("being written");
    }

    @Override
    public void close() {
        throw new UnsupportedOperationException("being written");
    }
}
