package io.taskshard.server;

import io.javalin.Javalin;
import io.taskshard.auth.AuthMode;
import io.taskshard.auth.Authenticator;
import io.taskshard.coordinator.Coordinator;
import io.taskshard.coordinator.CoordinatorConfig;
import io.taskshard.model.RecoveredState;
import io.taskshard.protocol.ProtocolCodec;
import io.taskshard.scheduler.Scheduler;
import io.taskshard.scheduler.SchedulerConfig;
import io.taskshard.server.api.TokenRoutes;
import io.taskshard.store.DataDirLock;
import io.taskshard.store.SqliteStore;
import io.taskshard.store.Store;
import io.taskshard.store.StoreOptions;
import io.taskshard.store.TokenStore;
import io.taskshard.tls.TlsContexts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole coordinator server: store, scheduler, coordinator loop, peer WebSocket and the
 * operator API on one Javalin (Jetty) server.
 *
 * <pre>{@code
 * try (TaskshardServer server = new TaskshardServer(ServerConfig.defaults(dataDir).withPort(0))) {
 *     int port = server.start();
 *     ...
 * }
 * }</pre>
 */
public final class TaskshardServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TaskshardServer.class);
    /** On shutdown, how long peers get to receive their last frames (acks) before sockets are cut. */
    public static final long DEFAULT_SHUTDOWN_DRAIN_MS = 2_000;

    /** Opens the store in a data directory. */
    @FunctionalInterface
    public interface StoreOpener {
        Store open(Path dataDir);
    }

    private final ServerConfig config;
    private final Clock clock;
    private final StoreOpener storeOpener;
    private final CoordinatorConfig coordinatorConfig;
    private Store store;
    private DataDirLock dataLock;
    /**
     * The "auth is off" warning, logged once the port is bound: a coordinator that then fails to
     * bind says only that (one line), not a warning about a server that never ran.
     */
    private String authWarning;
    private TokenStore tokens;
    private Coordinator coordinator;
    private PeerConnections connections;
    private PeerEndpoint endpoint;
    private Javalin javalin;
    private org.eclipse.jetty.server.Server jetty;
    private HeaderDeadline headerDeadline;
    private Refusals refusals;
    private int port = -1;
    private boolean started;
    private boolean closed;

    /** A server with the system clock, SQLite in the data directory and default coordinator settings. */
    public TaskshardServer(ServerConfig config) {
        this(config, Clock.systemUTC(), dir -> SqliteStore.open(dir, config.storeOptions()),
                CoordinatorConfig.defaults());
    }

    public TaskshardServer(ServerConfig config, Clock clock, StoreOpener storeOpener, CoordinatorConfig coordinatorConfig) {
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.storeOpener = Objects.requireNonNull(storeOpener, "storeOpener");
        this.coordinatorConfig = Objects.requireNonNull(coordinatorConfig, "coordinatorConfig");
    }

    /**
     * Opens the store, resumes unfinished jobs, and starts listening.
     *
     * @return the bound port (useful with port 0)
     */
    public synchronized int start() {
        if (started) {
            throw new IllegalStateException("server already started");
        }
        started = true;
        try {
            Files.createDirectories(config.dataDir());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create data directory " + config.dataDir(), e);
        }
        try {
            dataLock = DataDirLock.acquire(config.dataDir(), config.bind() + ":" + config.port() + " (starting)");
        } catch (DataDirLock.HeldException e) {
            throw new StartupRefusedException(e.getMessage());
        }
        try {
            store = storeOpener.open(config.dataDir());
        } catch (RuntimeException e) {
            releaseDataLock();
            throw e;
        }
        try {
            RecoveredState recovered = store.recover();
            SchedulerConfig schedulerConfig = config.schedulerConfig();
            Scheduler scheduler = new Scheduler(schedulerConfig, recovered, clock.millis());
            connections = new PeerConnections();
            coordinator = new Coordinator(scheduler, store, clock, connections, coordinatorConfig);
            connections.attach(coordinator::enqueue); // frames in -> coordinator; its sends go out through connections
            Authenticator authenticator = openAuth();
            endpoint = new PeerEndpoint(config, new ProtocolCodec(config.maxFrameBytes()), connections, coordinator);
            headerDeadline = new HeaderDeadline(config.http().headerTimeoutMs());
            refusals = new Refusals(coordinator::enqueue, Refusals.DEFAULT_AUDIT_WINDOW_MS);
            RequestGuard guard = new RequestGuard(authenticator, config.http(), config.limits().maxBodyBytes(),
                    headerDeadline, refusals);
            SSLContext tls = config.security().tls()
                    ? TlsContexts.server(config.security().tlsCert(), config.security().tlsKey()) : null;
            ApiModule api = new ApiModule(coordinator, store, recovered, clock, schedulerConfig,
                    config.resourceClasses());
            javalin = Javalin.create(javalinConfig -> {
                javalinConfig.startup.showJavalinBanner = false;
                javalinConfig.jetty.host = config.bind();
                javalinConfig.jetty.port = config.port();
                javalinConfig.jetty.addConnector((server, http) -> bindNow(Connectors.create(server, http, tls,
                        config.bind(), config.port(), config.http(), headerDeadline)));
                // No HTTP sessions: the coordinator uses none, and Javalin opened one on every
                // WebSocket upgrade that then lived for good (+0.7 KB each, issue 19).
                javalinConfig.jetty.modifyServletContextHandler(context -> {
                    var cache = new org.eclipse.jetty.session.NullSessionCache(context.getSessionHandler());
                    cache.setSessionDataStore(new org.eclipse.jetty.session.NullSessionDataStore());
                    context.getSessionHandler().setSessionCache(cache);
                });
                javalinConfig.http.maxRequestSize = config.limits().maxBodyBytes();
                javalinConfig.jetty.modifyServer(server -> {
                    jetty = server;
                    server.setErrorHandler(new JsonErrorHandler());
                    server.setHandler(guard); // Javalin puts its servlet context inside it
                });
                endpoint.register(javalinConfig);
                api.register(javalinConfig);
                new TokenRoutes(tokens).register(javalinConfig);
            });
            coordinator.start();
            javalin.start();
            port = javalin.port();
            if (authWarning != null) {
                LOG.warn("{}", authWarning);
            }
            dataLock.announce((tls != null ? "https" : "http") + "://" + config.bind() + ":" + port);
            LOG.info("coordinator listening on {}://{}:{} (auth {}, data {}, {} unfinished jobs resumed, grace {} ms, heartbeat {} ms)",
                    tls != null ? "https" : "http", config.bind(), port,
                    authenticator.enabled() ? "on" : "off", config.dataDir(), recovered.jobs().size(), config.graceMs(),
                    config.heartbeatMs());
            return port;
        } catch (StartupRefusedException e) {
            LOG.error("{}", e.getMessage()); // a decision, not a bug: no stack trace
            close();
            throw e;
        } catch (RuntimeException e) {
            if (PortInUseException.isBindFailure(e)) {
                // Not a bug: the caller says it in one line; the details only at debug level.
                LOG.debug("cannot bind {}:{}; closing what was opened", config.bind(), config.port(), e);
                close();
                throw new PortInUseException(config.bind(), config.port());
            }
            LOG.error("server failed to start; closing what was opened", e);
            close();
            throw e;
        }
    }

    /**
     * Binds the connector's port now, while Javalin assembles the server, rather than in Jetty's
     * start: Javalin logs "Failed to start Javalin" at ERROR (with no cause) for any failure of
     * Jetty's start, a taken port included, and the command's own one-line message would follow
     * it. A bind failure here leaves {@code javalin.start()} before that log, as a
     * {@link java.io.UncheckedIOException} whose cause is Jetty's "Failed to bind" (with the
     * {@link java.net.BindException}); {@link #start()} turns it into a {@link PortInUseException}.
     * Jetty's start finds the channel open and keeps it; Javalin's error log still reports every
     * other startup failure.
     */
    private static org.eclipse.jetty.server.ServerConnector bindNow(org.eclipse.jetty.server.ServerConnector c) {
        try {
            c.open();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return c;
    }

    /**
     * Opens the token table and applies the secure defaults (docs/security.md): refuses to
     * start on a non-loopback address without tokens unless auth is explicitly off.
     */
    private Authenticator openAuth() {
        tokens = TokenStore.openReadOnly(config.dataDir());
        AuthMode mode = config.security().auth();
        switch (StartupSecurity.decide(mode, isLoopback(config.bind()), tokens.liveTokens(), config.bind(),
                config.dataDir())) {
            case StartupSecurity.Outcome.Start start -> LOG.info("auth {}: {} live API tokens", mode.label(),
                    tokens.liveTokens());
            case StartupSecurity.Outcome.Warn(String message) -> authWarning =
                    config.security().authOffNotice() != null && !authOnWithoutTokens(mode)
                            ? config.security().authOffNotice() : message;
            case StartupSecurity.Outcome.Refuse(String message) -> throw new StartupRefusedException(message);
        }
        if (config.peerToken() != null) {
            LOG.info("the legacy shared peer token (--peer-token) is accepted as role peer");
        }
        return new Authenticator(tokens, mode, config.peerToken(), clock, Authenticator.DEFAULT_CACHE_TTL);
    }

    /** The one warning that is not about auth being off: auth required, and no token yet. */
    private static boolean authOnWithoutTokens(AuthMode mode) {
        return mode == AuthMode.REQUIRED;
    }

    private static boolean isLoopback(String bind) {
        try {
            return InetAddress.getByName(bind).isLoopbackAddress();
        } catch (UnknownHostException e) {
            LOG.debug("cannot resolve bind address {}; treating it as reachable from other hosts", bind, e);
            return false;
        }
    }

    /** Every HTTP route registered ("GET /api/v1/jobs"), once started: lets tests cover them all. */
    public synchronized List<String> httpRoutes() {
        return javalin.unsafe.internalRouter.allHttpHandlers().stream()
                .filter(e -> e.endpoint.method.isHttpMethod()) // not the before/after filters
                .map(e -> e.endpoint.method.name() + " " + e.endpoint.path).toList();
    }

    /**
     * HTTP sessions Jetty has made since the start. The coordinator uses none, and keeps none
     * (no session cache), but a test watches this because every WebSocket upgrade, even a
     * refused one, once left a session behind for good (issue 19).
     */
    synchronized long httpSessionsCreated() {
        org.eclipse.jetty.ee10.servlet.SessionHandler sessions =
                jetty == null ? null : jetty.getDescendant(org.eclipse.jetty.ee10.servlet.SessionHandler.class);
        return sessions == null ? 0 : sessions.getSessionsCreated();
    }

    /** The server would be unsafe with these settings (docs/security.md); the message says what to do. */
    public static class StartupRefusedException extends IllegalStateException {
        public StartupRefusedException(String message) {
            super(message);
        }
    }

    /** The bound port, once started. */
    public synchronized int port() {
        return port;
    }

    public ServerConfig config() {
        return config;
    }

    /** The coordinator (for embedding and tests); null before {@link #start()}. */
    public synchronized Coordinator coordinator() {
        return coordinator;
    }

    /** The store (for embedding and tests); null before {@link #start()}. */
    public synchronized Store store() {
        return store;
    }

    /**
     * Graceful stop: refuse new peers, let the coordinator handle and commit everything queued
     * and send what that decided (acks), give peers a moment to receive it, close every
     * connection, stop Jetty, close the store. Idempotent.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        LOG.info("shutting down: refusing new peers, flushing the coordinator");
        if (endpoint != null) {
            endpoint.stopAccepting();
        }
        runQuietly("closing the coordinator", () -> {
            if (coordinator != null) {
                coordinator.close();
            }
        });
        if (endpoint != null) {
            endpoint.closeConnections("coordinator shutting down");
            awaitConnectionsClosed();
        }
        runQuietly("stopping the web server", () -> {
            if (javalin != null) {
                javalin.stop();
            }
        });
        if (endpoint != null) {
            endpoint.close();
        }
        if (headerDeadline != null) {
            headerDeadline.close();
        }
        if (refusals != null) {
            refusals.close();
        }
        runQuietly("closing the token table", () -> {
            if (tokens != null) {
                tokens.close();
            }
        });
        runQuietly("closing the store", () -> {
            if (store != null) {
                store.close();
            }
        });
        releaseDataLock();
        LOG.info("shut down");
    }

    /** Last, after the store is closed: the next coordinator may open the data directory from here on. */
    private void releaseDataLock() {
        runQuietly("releasing the data directory lock", () -> {
            if (dataLock != null) {
                dataLock.close();
                dataLock = null;
            }
        });
    }

    private void awaitConnectionsClosed() {
        long deadline = System.nanoTime() + DEFAULT_SHUTDOWN_DRAIN_MS * 1_000_000;
        while (connections.openConnections() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10); // shutdown only: waiting for close handshakes, not synchronising logic
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        if (connections.openConnections() > 0) {
            LOG.info("{} peer connections did not close within {} ms; cutting them", connections.openConnections(),
                    DEFAULT_SHUTDOWN_DRAIN_MS);
        }
    }

    private static void runQuietly(String what, Runnable step) {
        try {
            step.run();
        } catch (RuntimeException e) {
            // Shutdown goes on: the later steps (closing the store) matter more than this one.
            LOG.error("error while {} during shutdown", what, e);
        }
    }
}
