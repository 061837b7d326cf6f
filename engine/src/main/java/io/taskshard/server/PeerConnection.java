package io.taskshard.server;

import io.taskshard.protocol.CoordinatorMessage;
import io.taskshard.protocol.ProtocolCodec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One peer WebSocket. Jetty's send must not be called from two threads at once, and a slow
 * peer must not hold up the coordinator or other peers, so every outgoing frame goes into this
 * connection's own queue and one virtual thread per connection encodes and sends what is queued
 * in bursts, waiting for each burst to be written. Frames go in the order queued, except that {@code welcome},
 * {@code assign}, {@code ack} and {@code cancel} overtake informational frames still waiting
 * (see {@link OutgoingFrame#lane()}).
 */
final class PeerConnection {
    private static final Logger LOG = LoggerFactory.getLogger(PeerConnection.class);
    /** WebSocket close reasons are limited to 123 UTF-8 bytes. */
    private static final int MAX_CLOSE_REASON_BYTES = 123;

    /** Where the connection stands in the hello handshake. */
    enum Phase { AWAITING_HELLO, JOINED, CLOSED }

    /** Sent first: stop at once. */
    private static final int RANK_STOP = 0;
    /** welcome / assign / ack / cancel: overtake queued informational frames. */
    private static final int RANK_URGENT = 1;
    /** Everything else, and a close, in the order queued. */
    private static final int RANK_IN_ORDER = 2;
    /** Frames handed to Jetty together, at most (bounds what one slow socket holds in Jetty). */
    static final int MAX_BURST = 32;

    /** What the sender thread does next, in rank order, then in the order queued. */
    private sealed interface Outgoing {
        int rank();

        long seq();

        record Frame(OutgoingFrame frame, int rank, long seq) implements Outgoing {
        }

        record Close(int status, String reason, long seq) implements Outgoing {
            @Override
            public int rank() {
                return RANK_IN_ORDER;
            }
        }

        /** The socket is gone: stop without sending. */
        record Stop(long seq) implements Outgoing {
            @Override
            public int rank() {
                return RANK_STOP;
            }
        }
    }

    private static final Comparator<Outgoing> SEND_ORDER =
            Comparator.comparingInt(Outgoing::rank).thenComparingLong(Outgoing::seq);

    private final String sessionId;
    private final Session session;
    private final FrameWriter writer;
    private final ProtocolCodec codec;
    private final int maxQueuedFrames;
    private final PriorityBlockingQueue<Outgoing> outbox = new PriorityBlockingQueue<>(16, SEND_ORDER);
    private final AtomicLong queued = new AtomicLong();
    private final AtomicReference<Phase> phase = new AtomicReference<>(Phase.AWAITING_HELLO);
    private final Thread sender;
    private volatile String peerId;
    private volatile boolean saidGoodbye;
    private volatile String owner = "";
    private volatile boolean closeRequested;
    private volatile ScheduledFuture<?> helloTimer;
    private final TokenBucket frameBudget;

    PeerConnection(String sessionId, Session session, ProtocolCodec codec, int maxQueuedFrames,
                   ServerLimits limits, long nowNanos) {
        this.frameBudget = new TokenBucket(limits.peerRate(), limits.peerBurst(), nowNanos);
        this.sessionId = sessionId;
        this.session = session;
        this.writer = new FrameWriter(session);
        this.codec = codec;
        this.maxQueuedFrames = maxQueuedFrames;
        this.sender = Thread.ofVirtual().name("taskshard-peer-send-" + sessionId).unstarted(this::sendLoop);
    }

    /** Takes one frame from this connection's rate budget; false when the peer is over its rate. */
    synchronized boolean withinRate(long nowNanos) {
        return frameBudget.tryTake(nowNanos);
    }

    void start() {
        sender.start();
    }

    String sessionId() {
        return sessionId;
    }

    /** The peer id from its hello; null before. */
    String peerId() {
        return peerId;
    }

    String describe() {
        String id = peerId;
        return (id == null ? "unjoined connection " : "peer '" + id + "' on connection ") + sessionId
                + " from " + session.getRemoteSocketAddress();
    }

    Phase phase() {
        return phase.get();
    }

    /** Moves AWAITING_HELLO to JOINED; false when the connection already joined or was closed. */
    boolean join(String id) {
        if (phase.compareAndSet(Phase.AWAITING_HELLO, Phase.JOINED)) {
            peerId = id;
            cancelHelloTimer();
            return true;
        }
        return false;
    }

    /** Moves AWAITING_HELLO to CLOSED (hello timeout, refused hello); false when it joined meanwhile. */
    boolean abandonHandshake() {
        if (phase.compareAndSet(Phase.AWAITING_HELLO, Phase.CLOSED)) {
            cancelHelloTimer();
            return true;
        }
        return false;
    }

    void helloTimer(ScheduledFuture<?> timer) {
        this.helloTimer = timer;
    }

    private void cancelHelloTimer() {
        ScheduledFuture<?> timer = helloTimer;
        if (timer != null) {
            timer.cancel(false);
        }
    }

    /** The name of the token this connection authenticated with ("" when auth is off); set on connect. */
    void owner(String name) {
        this.owner = name;
    }

    String owner() {
        return owner;
    }

    void markGoodbye() {
        saidGoodbye = true;
    }

    boolean saidGoodbye() {
        return saidGoodbye;
    }

    /** Queues a frame. When the peer lets frames pile up past the limit it is cut off. */
    void send(CoordinatorMessage message) {
        send(new OutgoingFrame(message));
    }

    /** Queues a frame that may be shared with other connections (encoded once for all). */
    void send(OutgoingFrame frame) {
        if (closeRequested) {
            LOG.debug("{} is closing: not sending {}", describe(), frame);
            return;
        }
        if (outbox.size() >= maxQueuedFrames) {
            LOG.warn("{} does not read its frames ({} queued): closing it; it may reconnect and resume",
                    describe(), outbox.size());
            closeNow(1008, "too many unread frames");
            return;
        }
        int rank = frame.lane() == OutgoingFrame.Lane.URGENT ? RANK_URGENT : RANK_IN_ORDER;
        outbox.offer(new Outgoing.Frame(frame, rank, queued.incrementAndGet()));
    }

    /** Sends a fatal error frame and then closes (both after what is already queued). */
    void fatal(String code, String message) {
        send(new CoordinatorMessage.Error(code, message, true));
        close(1008, code + ": " + message);
    }

    /** Closes after everything queued so far has gone out. */
    void close(int status, String reason) {
        if (!closeRequested) {
            closeRequested = true;
            outbox.offer(new Outgoing.Close(status, clip(reason), queued.incrementAndGet()));
        }
    }

    /** Closes at once, dropping what is queued. */
    private void closeNow(int status, String reason) {
        closeRequested = true;
        outbox.clear();
        session.close(status, clip(reason), Callback.NOOP);
        outbox.offer(new Outgoing.Stop(queued.incrementAndGet()));
    }

    /** The socket closed (either side): stop the sender, drop what was not sent. */
    void onSocketClosed() {
        phase.set(Phase.CLOSED);
        cancelHelloTimer();
        closeRequested = true;
        int unsent = outbox.size();
        outbox.clear();
        outbox.offer(new Outgoing.Stop(queued.incrementAndGet()));
        if (unsent > 0) {
            LOG.debug("{} closed with {} frames unsent", describe(), unsent);
        }
    }

    private void sendLoop() {
        List<Outgoing> burst = new ArrayList<>(MAX_BURST);
        try {
            while (true) {
                burst.add(outbox.take());
                outbox.drainTo(burst, MAX_BURST - 1); // in send order: the queue's own order
                boolean more = sendBurst(burst);
                burst.clear();
                if (!more) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            LOG.debug("sender of {} interrupted", describe());
        } catch (RuntimeException e) {
            LOG.error("sender of {} failed; closing the connection", describe(), e);
            session.close(1011, "server error while sending", Callback.NOOP);
        }
    }

    /**
     * Hands every frame of the burst to Jetty at once and waits for the last: Jetty writes
     * frames in the order given and gathers the queued ones into one socket write (an
     * {@code ack} and the next {@code assign} usually travel together), and it fails every
     * later frame once one fails. False when the connection is done.
     */
    private boolean sendBurst(List<Outgoing> burst) throws InterruptedException {
        CompletableFuture<Void> last = null;
        for (Outgoing next : burst) {
            switch (next) {
                case Outgoing.Frame frame -> last = writer.write(frame.frame().utf8(codec));
                case Outgoing.Close close -> {
                    awaitWritten(last);
                    session.close(close.status(), close.reason(), Callback.NOOP);
                    return false;
                }
                case Outgoing.Stop ignored -> {
                    return false;
                }
            }
        }
        return awaitWritten(last);
    }

    private boolean awaitWritten(CompletableFuture<Void> last) throws InterruptedException {
        if (last == null) {
            return true;
        }
        try {
            last.get();
            return true;
        } catch (ExecutionException e) {
            // The socket went away under us; onSocketClosed reports it to the coordinator.
            LOG.debug("send to {} failed: {}", describe(), e.getCause().toString());
            return false;
        }
    }

    private static String clip(String reason) {
        String r = reason == null ? "" : reason;
        byte[] bytes = r.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= MAX_CLOSE_REASON_BYTES) {
            return r;
        }
        // Cut on a char boundary that fits, leaving room for the ellipsis.
        int end = Math.min(r.length(), MAX_CLOSE_REASON_BYTES - 3);
        while (r.substring(0, end).getBytes(StandardCharsets.UTF_8).length > MAX_CLOSE_REASON_BYTES - 3) {
            end--;
        }
        return r.substring(0, end) + "...";
    }
}
