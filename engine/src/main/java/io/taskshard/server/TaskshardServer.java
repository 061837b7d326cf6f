package io.taskshard.server;

import io.javalin.Javalin;
import io.taskshard.coordinator.Coordinator;
import io.taskshard.coordinator.CoordinatorConfig;
import io.taskshard.model.RecoveredState;
import io.taskshard.protocol.ProtocolCodec;
import io.taskshard.scheduler.Scheduler;
import io.taskshard.scheduler.SchedulerConfig;
import io.taskshard.store.SqliteStore;
import io.taskshard.store.Store;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;
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
    private Coordinator coordinator;
    private PeerConnections connections;
    private PeerEndpoint endpoint;
    private Javalin javalin;
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
        store = storeOpener.open(config.dataDir());
        try {
            RecoveredState recovered = store.recover();
            SchedulerConfig schedulerConfig = config.schedulerConfig();
            Scheduler scheduler = new Scheduler(schedulerConfig, recovered, clock.millis());
            connections = new PeerConnections();
            coordinator = new Coordinator(scheduler, store, clock, connections, coordinatorConfig);
            endpoint = new PeerEndpoint(config, new ProtocolCodec(config.maxFrameBytes()), connections, coordinator);
            ApiModule api = new ApiModule(coordinator, store, recovered, clock, schedulerConfig,
                    config.resourceClasses());
            javalin = Javalin.create(javalinConfig -> {
                javalinConfig.startup.showJavalinBanner = false;
                javalinConfig.jetty.host = config.bind();
                javalinConfig.jetty.port = config.port();
                javalinConfig.http.maxRequestSize = config.limits().maxBodyBytes();
                javalinConfig.jetty.modifyServer(jetty -> jetty.setErrorHandler(new JsonErrorHandler()));
                endpoint.register(javalinConfig);
                api.register(javalinConfig);
            });
            coordinator.start();
            javalin.start();
            port = javalin.port();
            LOG.info("coordinator listening on {}:{} (data {}, {} unfinished jobs resumed, grace {} ms, heartbeat {} ms)",
                    config.bind(), port, config.dataDir(), recovered.jobs().size(), config.graceMs(),
                    config.heartbeatMs());
            return port;
        } catch (RuntimeException e) {
            LOG.error("server failed to start; closing what was opened", e);
            close();
            throw e;
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
        runQuietly("closing the store", () -> {
            if (store != null) {
                store.close();
            }
        });
        LOG.info("shut down");
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
