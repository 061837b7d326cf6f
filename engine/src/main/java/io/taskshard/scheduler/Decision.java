package io.taskshard.scheduler;

import io.taskshard.model.Change;
import io.taskshard.protocol.CoordinatorMessage;

/**
 * What the scheduler decided. The shell stores every {@link Persist} of a batch in one
 * transaction, and only then sends, disconnects and replies.
 */
public sealed interface Decision {

    record Persist(Change change) implements Decision {
    }

    record Send(String peerId, CoordinatorMessage message) implements Decision {
    }

    /** Close the peer's connection (after sending what precedes this decision). */
    record Disconnect(String peerId, String reason) implements Decision {
    }

    /**
     * The answer to an operator {@link Event.Command}. {@code status} is an HTTP status; for
     * a refusal {@code error} is a short code and {@code message} says why in words.
     */
    record Reply(long requestId, int status, String error, String message, Object body) implements Decision {
        public static Reply ok(long requestId, Object body) {
            return new Reply(requestId, 200, null, null, body);
        }

        public static Reply refused(long requestId, int status, String error, String message) {
            return new Reply(requestId, status, error, message, null);
        }
    }
}
