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
 * atomically per peer id, so an old connection's frame can never slip in after the new
 * connection's {@code hello}.
 */
public final class PeerConnections implements Outbound {
    private static final Logger LOG = LoggerFactory.getLogger(PeerConnections.class);

    private final ConcurrentHashMap<String, PeerConnection> bySession = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, PeerConnection> byPeer = new ConcurrentHashMap<>();
    /** Where events go; set once the coordinator exists (it needs this object first). */
    private volatile Consumer<Event> events = e -> {
        throw new IllegalStateException("no coordinator attached yet");
    };

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
     * hello, atomically. Returns the connection it replaced, or null.
     */
    PeerConnection join(PeerConnection connection, PeerMessage.Hello hello) {
        PeerConnection[] replaced = new PeerConnection[1];
        byPeer.compute(hello.peer(), (id, old) -> {
            replaced[0] = old;
            events.accept(new Event.PeerJoined(hello));
            return connection;
        });
        return replaced[0] == connection ? null : replaced[0];
    }

    /** Passes a frame to the coordinator if {@code connection} is still current; returns whether it did. */
    boolean deliver(PeerConnection connection, PeerMessage message) {
        boolean[] delivered = new boolean[1];
        byPeer.computeIfPresent(connection.peerId(), (id, current) -> {
            if (current == connection) {
                events.accept(new Event.FromPeer(id, message));
                delivered[0] = true;
            }
            return current;
        });
        return delivered[0];
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
        boolean[] reported = new boolean[1];
        byPeer.computeIfPresent(peerId, (id, current) -> {
            if (current != connection) {
                return current; // replaced: the new connection speaks for this peer now
            }
            if (!connection.saidGoodbye()) {
                events.accept(new Event.PeerDisconnected(id));
                reported[0] = true;
            }
            return null;
        });
        return reported[0];
    }

    /** Peers with a current connection. */
    public int connectedPeers() {
        return byPeer.size();
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
        connection.send(message);
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

    /** Server shutdown: close every connection with {@code status} (1001, going away) and no error frame. */
    void closeForShutdown(String reason) {
        byPeer.clear();
        for (PeerConnection connection : List.copyOf(bySession.values())) {
            connection.close(1001, reason);
        }
    }
}
