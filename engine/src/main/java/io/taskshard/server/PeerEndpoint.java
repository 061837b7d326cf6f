package io.taskshard.server;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.websocket.WsBinaryMessageContext;
import io.javalin.websocket.WsCloseContext;
import io.javalin.websocket.WsConnectContext;
import io.javalin.websocket.WsContext;
import io.javalin.websocket.WsErrorContext;
import io.javalin.websocket.WsMessageContext;
import io.taskshard.auth.Principal;
import io.taskshard.coordinator.Coordinator;
import io.taskshard.model.Schema;
import io.taskshard.protocol.CoordinatorMessage;
import io.taskshard.protocol.ErrorCode;
import io.taskshard.protocol.PeerMessage;
import io.taskshard.protocol.ProtocolCodec;
import io.taskshard.schema.SchemaValidator;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The peer WebSocket at {@value #PATH}: the hello handshake, frame decoding and error
 * answers. It never touches scheduling state; it turns frames into coordinator events.
 *
 * <p>Handshake: the first frame must be a valid {@code hello} of protocol 1 with a valid
 * schema, within the hello timeout; anything else gets a fatal {@code error} and the
 * connection is closed. After that, bad frames get a non-fatal {@code error} and the
 * connection stays open.
 */
public final class PeerEndpoint implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PeerEndpoint.class);
    public static final String PATH = "/v1/peer";
    /**
     * Jetty itself drops a connection whose message exceeds its limit, without a word. Its limit
     * is set this many times above ours so that an oversize frame reaches us and the peer gets
     * {@code error{too-large}} instead.
     */
    public static final int DEFAULT_HARD_LIMIT_FACTOR = 4;
    /** Jetty closes a connection silent for this many heartbeat intervals (the scheduler gives up after 3). */
    public static final int DEFAULT_IDLE_HEARTBEATS = 4;

    private final ServerConfig config;
    private final ProtocolCodec codec;
    private final PeerConnections connections;
    private final Coordinator coordinator;
    private final ScheduledExecutorService helloTimers;
    private volatile boolean accepting = true;
    private final Object joinLock = new Object();

    public PeerEndpoint(ServerConfig config, ProtocolCodec codec, PeerConnections connections, Coordinator coordinator) {
        this.config = config;
        this.codec = codec;
        this.connections = connections;
        this.coordinator = coordinator;
        this.helloTimers = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("taskshard-hello-timer").daemon(true).factory());
    }

    /** Adds the peer WebSocket route (and its upgrade check) to a Javalin configuration. */
    public void register(JavalinConfig javalin) {
        javalin.routes.wsBeforeUpgrade(PATH, this::checkUpgrade);
        javalin.routes.ws(PATH, ws -> {
            ws.onConnect(this::onConnect);
            ws.onMessage(this::onMessage);
            ws.onBinaryMessage(this::onBinaryMessage);
            ws.onClose(this::onClose);
            ws.onError(this::onError);
        });
    }

    /** New connections are refused (503) from now on; existing ones carry on. */
    public void stopAccepting() {
        accepting = false;
    }

    /** Closes every peer connection (going away) for a server shutdown. */
    public void closeConnections(String reason) {
        connections.closeForShutdown(reason);
    }

    @Override
    public void close() {
        accepting = false;
        helloTimers.shutdownNow();
    }

    private void checkUpgrade(Context ctx) {
        if (!accepting) {
            throw new HttpResponseException(503, "coordinator is shutting down", Map.of());
        }
        // Refused here, not with an error frame once the socket is open: closing a socket from
        // its onConnect raced with the upgrade response, and a client could wait forever for it.
        if (coordinator.isFailed()) {
            throw new HttpResponseException(503, "unavailable: the coordinator stopped because it could not store"
                    + " results (see its log); reconnect later", Map.of());
        }
        // Auth already happened in RequestGuard, before Javalin: a refused peer never gets here,
        // and the allowed one's Principal is on the request for onConnect.
    }

    private void onConnect(WsConnectContext ctx) {
        long hardLimit = (long) config.maxFrameBytes() * DEFAULT_HARD_LIMIT_FACTOR;
        ctx.session.setMaxTextMessageSize(hardLimit);
        ctx.session.setMaxFrameSize(hardLimit);
        ctx.session.setMaxBinaryMessageSize(hardLimit);
        ctx.session.setIdleTimeout(Duration.ofMillis(Math.max(config.helloTimeoutMs(),
                config.heartbeatMs() * DEFAULT_IDLE_HEARTBEATS)));
        PeerConnection connection = new PeerConnection(ctx.sessionId(), ctx.session, codec, config.maxQueuedFrames(),
                config.limits(), System.nanoTime());
        Principal principal = ctx.attribute(Principal.ATTRIBUTE);
        connection.owner(principal == null || principal.name() == null ? "" : principal.name());
        connections.opened(connection);
        connection.start();
        LOG.debug("{} opened", connection.describe());
        if (!accepting || !coordinator.isRunning()) {
            refuse(connection, ErrorCode.UNAVAILABLE, "the coordinator is not accepting peers right now"
                    + (coordinator.isFailed() ? " (it failed to store results; see its log)" : "")
                    + "; reconnect later");
            return;
        }
        connection.helloTimer(helloTimers.schedule(() -> refuse(connection, ErrorCode.HELLO_TIMEOUT,
                "no hello within " + config.helloTimeoutMs() + " ms of connecting"),
                config.helloTimeoutMs(), TimeUnit.MILLISECONDS));
    }

    private void onMessage(WsMessageContext ctx) {
        PeerConnection connection = connectionOf(ctx);
        if (connection == null || overRate(connection)) {
            return;
        }
        switch (codec.decode(ctx.message())) {
            case ProtocolCodec.Decoded.Failed failed -> onBadFrame(connection, failed);
            case ProtocolCodec.Decoded.Ok(PeerMessage.Hello hello) -> onHello(connection, hello);
            case ProtocolCodec.Decoded.Ok(PeerMessage message) -> onFrame(connection, message);
        }
    }

    /** The protocol is JSON in text frames; a binary frame is answered like any other bad frame. */
    private void onBinaryMessage(WsBinaryMessageContext ctx) {
        PeerConnection connection = connectionOf(ctx);
        if (connection != null && !overRate(connection)) {
            onBadFrame(connection, new ProtocolCodec.Decoded.Failed(ErrorCode.BAD_JSON, "got a binary frame of "
                    + ctx.data().remaining() + " bytes; the protocol sends one JSON object per text frame", null));
        }
    }

    /** Over its frame budget: the frame is answered with rate-limited and not processed (not even decoded). */
    private boolean overRate(PeerConnection connection) {
        if (connection.withinRate(System.nanoTime())) {
            return false;
        }
        LOG.debug("{} is over its rate of {} frames/s (burst {}): a frame was dropped", connection.describe(),
                config.limits().peerRate(), config.limits().peerBurst());
        connection.send(new CoordinatorMessage.Error(ErrorCode.RATE_LIMITED, "more than "
                + config.limits().peerRate() + " frames/s (burst " + config.limits().peerBurst()
                + ", the coordinator's peer-rate limit): this frame was not processed; slow down and resend it", false));
        return true;
    }

    private void onBadFrame(PeerConnection connection, ProtocolCodec.Decoded.Failed failed) {
        if (connection.phase() == PeerConnection.Phase.AWAITING_HELLO) {
            refuse(connection, failed.code(), failed.message() + " (the first frame must be a valid hello)");
            return;
        }
        LOG.info("bad frame from {}: {}: {}", connection.describe(), failed.code(), failed.message());
        connection.send(new CoordinatorMessage.Error(failed.code(), failed.message(), false));
    }

    private void onHello(PeerConnection connection, PeerMessage.Hello hello) {
        switch (connection.phase()) {
            case JOINED -> {
                connection.send(new CoordinatorMessage.Error(ErrorCode.ALREADY_JOINED, "this connection already "
                        + "joined as peer '" + connection.peerId() + "'; a second hello is ignored", false));
                return;
            }
            case CLOSED -> {
                return;
            }
            case AWAITING_HELLO -> {
                // checked below
            }
        }
        if (hello.protocol() != PeerMessage.PROTOCOL_VERSION) {
            refuse(connection, ErrorCode.PROTOCOL_VERSION, "this coordinator speaks protocol "
                    + PeerMessage.PROTOCOL_VERSION + ", the hello says " + hello.protocol());
            return;
        }
        if (!coordinator.isRunning()) {
            refuse(connection, ErrorCode.UNAVAILABLE, "the coordinator is not accepting peers right now; reconnect later");
            return;
        }
        if (hello.schema() != null && hello.schema().tasks().size() > config.limits().maxTasks()) {
            refuse(connection, ErrorCode.TOO_MANY_TASKS, "schema '" + hello.schema().name() + "' has "
                    + hello.schema().tasks().size() + " tasks; this coordinator takes at most "
                    + config.limits().maxTasks() + " tasks per schema (its max-tasks limit)");
            return;
        }
        if (hello.schema() != null) {
            List<String> problems = SchemaValidator.problems(new Schema(hello.schema().name(), hello.schema().tasks()));
            if (!problems.isEmpty()) {
                refuse(connection, ErrorCode.INVALID_SCHEMA, "schema '" + hello.schema().name() + "': "
                        + String.join("; ", problems));
                return;
            }
        }
        PeerConnection replaced;
        synchronized (joinLock) { // the limit check and the join are one step, so concurrent hellos cannot pass it together
            if (connections.connectedPeers() >= config.limits().maxPeers() && !connections.isConnected(hello.peer())) {
                refuse(connection, ErrorCode.TOO_MANY_PEERS, "this coordinator already has "
                        + connections.connectedPeers() + " peers connected, its max-peers limit; try again later");
                return;
            }
            if (!connection.join(hello.peer())) {
                return; // the hello timeout won the race: the connection is being closed
            }
            replaced = connections.join(connection, hello);
        }
        LOG.info("{} joined ({} slots{}, {} running)", connection.describe(), hello.slots(),
                hello.worker() ? ", worker" : ", schema '" + hello.schema().name() + "'", hello.running().size());
        if (replaced != null) {
            LOG.info("{} is replaced by a newer connection", replaced.describe());
            replaced.fatal(ErrorCode.REPLACED, "peer '" + hello.peer() + "' connected again from "
                    + "another connection; this one is closed");
        }
    }

    private void onFrame(PeerConnection connection, PeerMessage message) {
        switch (connection.phase()) {
            case AWAITING_HELLO -> refuse(connection, ErrorCode.NOT_HELLO, "the first frame must be a hello, got '"
                    + typeOf(message) + "'");
            case CLOSED -> LOG.debug("{} is closed: ignored {}", connection.describe(), message);
            case JOINED -> {
                if (connection.saidGoodbye()) {
                    // The peer left: the coordinator has forgotten it, so the frame would vanish without a word.
                    connection.send(new CoordinatorMessage.Error(ErrorCode.AFTER_GOODBYE, "this connection said goodbye;"
                            + " '" + typeOf(message) + "' was not processed (to join again, open a new connection"
                            + " and send hello)", false));
                    return;
                }
                if (message instanceof PeerMessage.Goodbye) {
                    connection.markGoodbye();
                }
                if (!connections.deliver(connection, message)) {
                    LOG.debug("{} was replaced: ignored {}", connection.describe(), message);
                }
            }
        }
    }

    private void onClose(WsCloseContext ctx) {
        PeerConnection connection = connectionOf(ctx);
        if (connection == null) {
            return;
        }
        connection.onSocketClosed();
        boolean reported = connections.closed(connection);
        LOG.info("{} closed ({} {}){}", connection.describe(), ctx.status(), ctx.reason(),
                reported ? ": its work is held for the grace period" : "");
    }

    private void onError(WsErrorContext ctx) {
        PeerConnection connection = connections.forSession(ctx.sessionId());
        LOG.debug("WebSocket error on {}: {}", connection == null ? ctx.sessionId() : connection.describe(),
                String.valueOf(ctx.error()));
    }

    private PeerConnection connectionOf(WsContext ctx) {
        PeerConnection connection = connections.forSession(ctx.sessionId());
        if (connection == null) {
            LOG.warn("WebSocket event for unknown session {}; ignored", ctx.sessionId());
        }
        return connection;
    }

    /** Ends the handshake with a fatal error (once; later refusals of the same connection are no-ops). */
    private void refuse(PeerConnection connection, String code, String message) {
        if (connection.abandonHandshake()) {
            LOG.info("refused {}: {}: {}", connection.describe(), code, message);
            connection.fatal(code, message);
        }
    }

    private static String typeOf(PeerMessage message) {
        return switch (message) {
            case PeerMessage.Hello h -> "hello";
            case PeerMessage.Started s -> "started";
            case PeerMessage.Progress p -> "progress";
            case PeerMessage.Finished f -> "finished";
            case PeerMessage.Heartbeat h -> "heartbeat";
            case PeerMessage.Goodbye g -> "goodbye";
        };
    }
}
