package io.taskshard.server;

import io.taskshard.coordinator.Outbound;
import io.taskshard.protocol.CoordinatorMessage;
import io.taskshard.protocol.PeerMessage;
import io.taskshard.scheduler.Event;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The open peer connections, by WebSocket session and by peer id, and the coordinator's
 * {@link Outbound}. A peer id has at most one <em>current</em> connection: a reconnect with
 * the same id replaces the old one, and whatever the replaced connection still says or does
 * (frames, its close) is ignored. Checking "is current" and enqueueing the event happen
 * under one lock per peer id, so an old connection's frame can never slip in after the new
 * connection's {@code hello}.
 */
public final class PeerConnections implements Outbound {
    private static final Logger LOG = LoggerFactory.getLogger(PeerConnections.class);
    private static final int LOCK_STRIPES = 64;

    private final ConcurrentHashMap<String, PeerConnection> bySession = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, PeerConnection> byPeer = new ConcurrentHashMap<>();
    /**
     * Striped locks by peer id: "is this connection current" and "queue its event" happen
     * under one, so a replaced connection's frame can never be queued after the new hello.
     */
    private final Object[] locks = new Object[LOCK_STRIPES];
    /** Where events go; set once the coordinator exists (it needs this object first). */
    private volatile Consumer<Event> events = e -> {
        throw new IllegalStateException("no coordinator attached yet");
    };

    public PeerConnections() {
        for (int i = 0; i < locks.length; i++) {
            locks[i] = new Object();
        }
    }

    void attach(Consumer<Event> eventSink) {
        this.events = eventSink;
    }

    void opened(PeerConnection connection) {
        bySession.put(connection.sessionId(), connection);
    }

    PeerConnection forSession(String sessionId) {
        return bySession.get(sessionId);
    }

    /**
     * Makes {@code connection} its peer's current connection and hands the coordinator the
     * hello, atomically with respect to other frames and closes of the same peer id. Returns
     * the connection it replaced, or null.
     */
    PeerConnection join(PeerConnection connection, PeerMessage.Hello hello) {
        Event.PeerJoined joined = Event.PeerJoined.of(hello, connection.owner()); // hashes the schema here, outside the lock
        synchronized (lockFor(hello.peer())) {
            // The mapping is in place before the event is queued: the coordinator's welcome
            // must find this connection.
            PeerConnection old = byPeer.put(hello.peer(), connection);
            events.accept(joined);
            return old == connection ? null : old;
        }
    }

    /** Passes a frame to the coordinator if {@code connection} is still current; returns whether it did. */
    boolean deliver(PeerConnection connection, PeerMessage message) {
        String peerId = connection.peerId();
        synchronized (lockFor(peerId)) {
            if (byPeer.get(peerId) != connection) {
                return false;
            }
            events.accept(new Event.FromPeer(peerId, message));
            return true;
        }
    }

    /**
     * Forgets a closed connection. When it was its peer's current connection and the peer did
     * not say goodbye, the coordinator hears {@code PeerDisconnected}; returns whether it did.
     */
    boolean closed(PeerConnection connection) {
        bySession.remove(connection.sessionId(), connection);
        String peerId = connection.peerId();
        if (peerId == null) {
            return false;
        }
        synchronized (lockFor(peerId)) {
            if (!byPeer.remove(peerId, connection)) {
                return false; // replaced, or closed on the coordinator's own decision
            }
            if (connection.saidGoodbye()) {
                return false;
            }
            events.accept(new Event.PeerDisconnected(peerId));
            return true;
        }
    }

    private Object lockFor(String peerId) {
        return locks[(peerId.hashCode() & Integer.MAX_VALUE) % locks.length];
    }

    /** The last broadcast frame (see {@link #shared}); volatile so any thread sees a whole pair. */
    private volatile SharedFrame lastBroadcast;

    /** Peers with a current connection. */
    public int connectedPeers() {
        return byPeer.size();
    }

    /** Whether {@code peerId} has a current connection (a new hello from it replaces that one). */
    boolean isConnected(String peerId) {
        return byPeer.containsKey(peerId);
    }

    /** Open WebSocket connections, joined or not. */
    public int openConnections() {
        return bySession.size();
    }

    @Override
    public void send(String peerId, CoordinatorMessage message) {
        PeerConnection connection = byPeer.get(peerId);
        if (connection == null) {
            // Normal when a peer dropped between the decision and now; it resyncs on reconnect.
            LOG.debug("peer '{}' has no connection: dropped {}", peerId, message);
            return;
        }
        connection.send(shared(message));
    }

    /**
     * The coordinator sends one {@code task-done} object to every peer of a job, one call after
     * the other: those calls share one frame, so it is encoded once.
     */
    private OutgoingFrame shared(CoordinatorMessage message) {
        if (!(message instanceof CoordinatorMessage.TaskDone)) {
            return new OutgoingFrame(message);
        }
        SharedFrame last = lastBroadcast; // one read: message and frame always belong together
        if (last != null && last.message() == message) {
            return last.frame();
        }
        OutgoingFrame frame = new OutgoingFrame(message);
        lastBroadcast = new SharedFrame(message, frame);
        return frame;
    }

    private record SharedFrame(CoordinatorMessage message, OutgoingFrame frame) {
    }

    @Override
    public void disconnect(String peerId, String reason) {
        PeerConnection connection = byPeer.remove(peerId);
        if (connection == null) {
            LOG.debug("peer '{}' has no connection to close ({})", peerId, reason);
            return;
        }
        // Removed first: the scheduler decided this, so the socket closing is no news to it.
        LOG.info("closing {}: {}", connection.describe(), reason);
        connection.close(1000, reason);
    }

    @Override
    public void closeAll(String code, String reason) {
        byPeer.clear(); // the coordinator is gone: closes are not reported to it
        for (PeerConnection connection : List.copyOf(bySession.values())) {
            connection.fatal(code, reason);
        }
    }

    @Override
    public void tellAll(String code, String message) {
        for (PeerConnection connection : List.copyOf(byPeer.values())) {
            connection.send(new CoordinatorMessage.Error(code, message, false));
        }
    }

    /** Server shutdown: close every connection with {@code status} (1001, going away) and no error frame. */
    void closeForShutdown(String reason) {
        byPeer.clear();
        for (PeerConnection connection : List.copyOf(bySession.values())) {
            connection.close(1001, reason);
        }
    }
}
