package io.taskshard.scheduler;

import io.taskshard.model.Schema;
import io.taskshard.model.StoredJob;
import io.taskshard.protocol.PeerMessage;
import io.taskshard.schema.SchemaHash;

/** Everything that can happen to the scheduler. Time is passed beside the event, never read. */
public sealed interface Event {

    /**
     * A peer sent {@code hello} (the shell has checked it is the first frame of its connection).
     * {@code schemaHash} groups peers by task list; it is computed where the event is made (a
     * network thread) because hashing a large schema would stall the coordinator thread.
     */
    record PeerJoined(PeerMessage.Hello hello, String schemaHash, String owner) implements Event {
        /** {@code owner}: the name of the token the peer connected with; "" when auth is off. */
        public PeerJoined {
            owner = owner == null ? "" : owner;
        }

        public PeerJoined(PeerMessage.Hello hello, String schemaHash) {
            this(hello, schemaHash, "");
        }

        public PeerJoined(PeerMessage.Hello hello) {
            this(hello, hello.worker() ? "" : SchemaHash.of(new Schema(hello.schema().name(), hello.schema().tasks())));
        }

        /** Hashes the schema (call it on a network thread, not the coordinator's). */
        public static PeerJoined of(PeerMessage.Hello hello, String owner) {
            return new PeerJoined(hello, new PeerJoined(hello).schemaHash(), owner);
        }
    }

    /** Any frame after {@code hello}: started, progress, finished, heartbeat, goodbye. */
    record FromPeer(String peerId, PeerMessage message) implements Event {
    }

    /** The peer's socket closed without {@code goodbye}; its work is held for the grace period. */
    record PeerDisconnected(String peerId) implements Event {
    }

    /** Time passed: grace periods, heartbeat timeouts, execution caps, coalesced task-done. */
    record Tick() implements Event {
    }

    /**
     * An operator action; answered with exactly one {@link Decision.Reply} of the same id.
     * {@code storedJob}: for a retry, the task's job as the store holds it when it has ended
     * there (read by the shell, which may touch the store): an ended job leaves the scheduler's
     * memory, and a retry re-opens it. Null otherwise.
     */
    record Command(long requestId, String actor, OperatorCommand command, StoredJob storedJob) implements Event {
        public Command(long requestId, String actor, OperatorCommand command) {
            this(requestId, actor, command, null);
        }
    }

    /**
     * Requests the HTTP layer refused (401/403) in one audit window, summed up by the shell so
     * that a flood makes one audit record per window, not one per request.
     */
    record Refusals(String actor, String target, String detail) implements Event {
    }
}
