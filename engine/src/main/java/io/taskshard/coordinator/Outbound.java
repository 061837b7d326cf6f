package io.taskshard.coordinator;

import io.taskshard.protocol.CoordinatorMessage;

/**
 * Where the coordinator's messages go: the server's peer connections. Every method is called
 * on the coordinator thread and must only enqueue, never block on the network, so a slow peer
 * cannot stall scheduling or other peers.
 */
public interface Outbound {

    /** Queue {@code message} for the peer's current connection; dropped (and logged) when it has none. */
    void send(String peerId, CoordinatorMessage message);

    /** Close the peer's current connection once what was queued before has gone out. */
    void disconnect(String peerId, String reason);

    /**
     * The coordinator stopped for good (it could not store a batch): tell every connected peer
     * with a fatal {@code error{code}} and close every connection.
     */
    void closeAll(String code, String reason);

    /** Tell every connected peer a non-fatal {@code error{code}}; connections stay open. */
    void tellAll(String code, String message);
}
