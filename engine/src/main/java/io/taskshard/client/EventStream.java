package io.taskshard.client;

import io.taskshard.client.ConnectionState.Closed;
import io.taskshard.client.ConnectionState.Connecting;
import io.taskshard.client.ConnectionState.Live;
import io.taskshard.client.ConnectionState.Reconnecting;
import io.taskshard.client.ConnectionState.Refused;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a {@link LiveModel} in step with a coordinator over the operator event stream
 * ({@code /api/v1/events}, a WebSocket): applies the snapshot, then every delta; when the
 * connection drops (server restart, network, a frame that does not fit) it reconnects with
 * growing delays ({@link ClientOptions#reconnectDelay}) and replaces the model atomically from
 * the new snapshot (listeners see {@link ModelChange.Resynced}). Until then the model keeps
 * showing the last state received; {@link #state()} says whether it is {@link Live}.
 *
 * <pre>{@code
 * EventStream stream = EventStream.open(ServerAddress.parse("127.0.0.1:7070"), ClientOptions.defaults());
 * stream.model().addListener(change -> Platform.runLater(this::redraw));
 * stream.addStateListener(state -> Platform.runLater(() -> indicator.setText(state.describe())));
 * ...
 * stream.close();
 * }</pre>
 *
 * <p>Threads: model listeners run on the WebSocket's thread, state listeners on the stream's
 * own timer thread, in order; both must hand work to the UI thread and return quickly. After
 * each snapshot the last {@value #DEFAULT_AUDIT_SEED} audit entries are fetched over REST
 * (the snapshot carries none) and merged into the model.
 */
public final class EventStream implements AutoCloseable {
    /** Audit entries fetched after each snapshot. */
    public static final int DEFAULT_AUDIT_SEED = 100;
    /** How long {@link #close()} lets the close handshake run before cutting the socket. */
    static final Duration DEFAULT_CLOSE_GRACE = Duration.ofSeconds(1);

    private static final Logger log = LoggerFactory.getLogger(EventStream.class);

    private final ServerAddress address;
    private final ClientOptions options;
    private final LiveModel model;
    private final HttpClient http;
    private final OperatorClient rest;
    private final ScheduledExecutorService timer;
    private final List<Consumer<ConnectionState>> stateListeners = new CopyOnWriteArrayList<>();
    /** Serialises applying frames, so a dying connection's last frame cannot land after a new snapshot. */
    private final Object applyLock = new Object();

    private final Object lock = new Object();
    /** Bumped on every connect and every drop: callbacks of older connections are ignored. */
    private volatile int generation;
    private WebSocket socket; // guarded by lock
    private int retries; // guarded by lock: since the stream was last live
    private boolean closed; // guarded by lock
    /** The coordinator answered 401/403: no more attempts ({@link Refused} is final). Guarded by lock. */
    private boolean refused;
    private ScheduledFuture<?> pendingConnect; // guarded by lock
    private volatile ConnectionState state = new Connecting(0);
    /** The last state told to the listeners; touched on the timer thread only. */
    private ConnectionState lastTold = state;
    private volatile long lastHeardNanos = System.nanoTime();

    private EventStream(ServerAddress address, ClientOptions options, LiveModel model) {
        this.address = Objects.requireNonNull(address, "address");
        this.options = Objects.requireNonNull(options, "options");
        this.model = Objects.requireNonNull(model, "model");
        this.http = options.newHttpClient();
        this.rest = new OperatorClient(address, options, http);
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "taskshard-events-" + address.authority());
            t.setDaemon(true);
            return t;
        });
        executor.setRemoveOnCancelPolicy(true);
        this.timer = executor;
    }

    /** Starts following the coordinator at {@code address} into a new model. */
    public static EventStream open(ServerAddress address, ClientOptions options) {
        return open(address, options, new LiveModel());
    }

    /** Starts following the coordinator at {@code address} into {@code model}. Returns at once. */
    public static EventStream open(ServerAddress address, ClientOptions options, LiveModel model) {
        EventStream stream = new EventStream(address, options, model);
        long checkEvery = Math.max(1, options.idleTimeout().toMillis() / 4);
        stream.timer.scheduleWithFixedDelay(stream::checkIdle, checkEvery, checkEvery, TimeUnit.MILLISECONDS);
        stream.connect();
        return stream;
    }

    public LiveModel model() {
        return model;
    }

    public ServerAddress address() {
        return address;
    }

    public ConnectionState state() {
        return state;
    }

    /**
     * Tells {@code listener} the current state at once, then every change, in order, on the
     * stream's timer thread.
     */
    public void addStateListener(Consumer<ConnectionState> listener) {
        try {
            // On the timer thread, so the current state and later changes reach it in order.
            timer.execute(() -> {
                stateListeners.add(listener);
                tell(listener, lastTold);
            });
        } catch (RejectedExecutionException e) {
            tell(listener, state); // closed: nothing will change any more
        }
    }

    public void removeStateListener(Consumer<ConnectionState> listener) {
        stateListeners.remove(listener);
    }

    /** Closes the connection and stops reconnecting; the model keeps its last state. Idempotent. */
    @Override
    public void close() {
        WebSocket ws;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            generation++;
            if (pendingConnect != null) {
                pendingConnect.cancel(false);
            }
            ws = socket;
            socket = null;
            if (!refused) {
                setState(new Closed("closed by the client")); // Refused stays: it says why it never was live
            }
        }
        timer.shutdown(); // after queueing the Closed notification, which still runs
        if (ws == null) {
            http.shutdown();
            return;
        }
        ws.sendClose(WebSocket.NORMAL_CLOSURE, "client closed")
                .orTimeout(DEFAULT_CLOSE_GRACE.toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((w, e) -> {
                    ws.abort();
                    http.shutdown();
                });
    }

    // ------------------------------------------------------------------ connection life cycle

    private void connect() {
        int gen;
        synchronized (lock) {
            if (closed || refused) {
                return;
            }
            gen = ++generation;
            setState(new Connecting(retries));
        }
        WebSocket.Builder builder = http.newWebSocketBuilder().connectTimeout(options.connectTimeout());
        if (options.token() != null) {
            builder.header("Authorization", "Bearer " + options.token());
        }
        CompletableFuture<WebSocket> opening;
        try {
            opening = builder.buildAsync(address.eventsUri(), new Listener(gen));
        } catch (RuntimeException e) {
            lost(gen, "cannot open " + address.eventsUri() + ": " + e.getMessage(), null);
            return;
        }
        opening.whenComplete((ws, error) -> {
            int status = handshakeStatus(error);
            if (status == 401 || status == 403) {
                Thread.ofVirtual().name("taskshard-events-refused").start(() -> refused(gen, status));
                return;
            }
            if (error != null) {
                lost(gen, "cannot connect to " + address.eventsUri() + ": " + ConnectionException.describe(error), null);
                return;
            }
            boolean current;
            synchronized (lock) {
                current = !closed && gen == generation;
                if (current) {
                    socket = ws;
                    lastHeardNanos = System.nanoTime();
                }
            }
            if (!current) {
                ws.abort();
            }
        });
    }

    /** The HTTP status of a refused WebSocket upgrade in {@code error}'s chain; 0 when it is not one. */
    static int handshakeStatus(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof WebSocketHandshakeException h && h.getResponse() != null) {
                return h.getResponse().statusCode();
            }
        }
        return 0;
    }

    /**
     * The coordinator refused the upgrade with 401/403: asks it over REST, with the same token,
     * for its reason in words (the JDK does not hand over the upgrade's answer body), then stops
     * for good in {@link Refused}.
     */
    private void refused(int gen, int status) {
        String reason = status == 401 ? "the coordinator did not accept " + (options.token() == null
                ? "a request without a token" : "the token") : "the token's role may not watch";
        try {
            rest.jobs(null, 1);
        } catch (ApiException e) {
            if (e.status() == status && !e.serverMessage().isBlank()) {
                reason = e.serverMessage();
            }
        } catch (ClientException e) {
            log.debug("event stream {}: could not read the refusal's reason: {}", address, e.getMessage());
        }
        Refused state = new Refused(status, reason, whatToDo(status, options.token() != null));
        synchronized (lock) {
            if (closed || gen != generation) {
                return;
            }
            generation++;
            refused = true;
            setState(state);
        }
        log.warn("event stream {}: {}", address.eventsUri(), state.describe());
    }

    /** What the user can do about a 401/403, in words. */
    static String whatToDo(int status, boolean sentToken) {
        if (status == 403) {
            return "use a viewer, operator or admin token (--token or TASKSHARD_TOKEN)";
        }
        return sentToken
                ? "pass a valid token with --token or TASKSHARD_TOKEN (an admin creates one with 'taskshard token create')"
                : "the coordinator wants a token: pass --token or set TASKSHARD_TOKEN";
    }

    /** The connection {@code gen} ended or must be given up; schedules the next attempt. */
    private void lost(int gen, String reason, WebSocket ws) {
        Duration delay;
        int attempt;
        synchronized (lock) {
            if (closed || refused || gen != generation) {
                return; // an older connection, already replaced
            }
            generation++;
            WebSocket dying = socket != null ? socket : ws;
            socket = null;
            if (dying != null) {
                dying.abort();
            }
            attempt = ++retries;
            delay = options.reconnectDelay(attempt);
            setState(new Reconnecting(attempt, delay, reason));
            pendingConnect = timer.schedule(this::connect, delay.toMillis(), TimeUnit.MILLISECONDS);
        }
        log.info("event stream {}: {}; reconnecting in {} (attempt {})", address.eventsUri(), reason, delay, attempt);
    }

    private void checkIdle() {
        WebSocket ws;
        int gen;
        synchronized (lock) {
            ws = socket;
            gen = generation;
        }
        long silentMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lastHeardNanos);
        if (ws != null && silentMs > options.idleTimeout().toMillis()) {
            lost(gen, "nothing heard for " + silentMs + " ms (not even a ping)", ws);
        }
    }

    /** Runs under {@link #lock}: the order of notifications is the order of states. */
    private void setState(ConnectionState next) {
        state = next;
        timer.execute(() -> {
            lastTold = next;
            stateListeners.forEach(listener -> tell(listener, next));
        });
    }

    private void tell(Consumer<ConnectionState> listener, ConnectionState s) {
        try {
            listener.accept(s);
        } catch (RuntimeException e) {
            log.error("event stream {}: state listener {} failed on {}", address, listener, s, e);
        }
    }

    // ------------------------------------------------------------------------------ frames

    private void onFrame(int gen, String text, WebSocket ws, Listener connection) {
        boolean snapshot;
        synchronized (applyLock) {
            if (gen != generation) {
                return;
            }
            try {
                Optional<StreamFrame> frame = StreamFrame.parse(text);
                if (frame.isEmpty()) {
                    return;
                }
                snapshot = frame.get() instanceof StreamFrame.Snapshot;
                if (!snapshot && !connection.sawSnapshot) {
                    throw new LiveModel.OutOfSyncException("the connection's first frame was not a snapshot");
                }
                model.apply(frame.get());
                connection.sawSnapshot |= snapshot;
            } catch (ClientException e) {
                log.warn("event stream {}: {}; reconnecting for a fresh snapshot", address.eventsUri(), e.getMessage());
                lost(gen, "resynchronising: " + e.getMessage(), ws);
                return;
            } catch (RuntimeException e) {
                // A bug here must not leave the model half-folded and silently stale: start over.
                log.error("event stream {}: applying a frame failed; reconnecting for a fresh snapshot",
                        address.eventsUri(), e);
                lost(gen, "resynchronising after an internal error: " + e, ws);
                return;
            }
        }
        if (snapshot) {
            synchronized (lock) {
                if (gen != generation || closed) {
                    return;
                }
                retries = 0;
                setState(new Live());
            }
            log.info("event stream {}: live at version {}", address.eventsUri(), model.version());
            Thread.ofVirtual().name("taskshard-audit-seed").start(() -> seedAudit(gen));
        }
    }

    private void seedAudit(int gen) {
        try {
            model.mergeAudit(rest.audit(DEFAULT_AUDIT_SEED));
        } catch (ClientException e) {
            if (gen == generation) {
                log.warn("event stream {}: could not read the recent audit entries; the model shows only new ones: {}",
                        address, e.getMessage());
            }
        }
    }

    /** One connection's callbacks; the JDK calls them one at a time, as we {@code request} them. */
    private final class Listener implements WebSocket.Listener {
        private final int gen;
        private final StringBuilder partial = new StringBuilder();
        boolean sawSnapshot;

        Listener(int gen) {
            this.gen = gen;
        }

        @Override
        public void onOpen(WebSocket webSocket) {
            lastHeardNanos = System.nanoTime();
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            lastHeardNanos = System.nanoTime();
            partial.append(data); // a big snapshot arrives in pieces
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                onFrame(gen, text, webSocket, this);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            lastHeardNanos = System.nanoTime();
            log.warn("event stream {}: ignoring a binary frame ({} bytes); the stream is text", address, data.remaining());
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onPing(WebSocket webSocket, ByteBuffer message) {
            lastHeardNanos = System.nanoTime(); // the JDK answers with a pong by itself
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onPong(WebSocket webSocket, ByteBuffer message) {
            lastHeardNanos = System.nanoTime();
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            lost(gen, statusCode == 1006 ? "the connection dropped (1006: no close frame)"
                    : "the server closed the stream (" + statusCode + (reason.isEmpty() ? "" : ": " + reason) + ")",
                    webSocket);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            lost(gen, "the connection failed: " + ConnectionException.describe(error), webSocket);
        }
    }
}
