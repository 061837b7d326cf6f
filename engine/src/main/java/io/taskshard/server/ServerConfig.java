package io.taskshard.server;

import io.taskshard.model.ResourceClasses;
import io.taskshard.protocol.ProtocolCodec;
import io.taskshard.scheduler.SchedulerConfig;
import io.taskshard.store.StoreOptions;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Everything {@link TaskshardServer} needs to run, each setting with a named default. The CLI
 * fills it from {@code server.yaml} and flags ({@link ServerConfigFile}).
 *
 * @param bind            address to listen on
 * @param port            TCP port; 0 picks a free one (tests)
 * @param dataDir         where the SQLite database lives
 * @param graceMs         how long a disconnected peer's attempts are held for it
 * @param heartbeatMs     how often peers send heartbeats (told to them in {@code welcome})
 * @param maxFrameBytes   largest peer frame accepted; bigger ones get {@code error{too-large}}
 * @param helloTimeoutMs  a new connection must send {@code hello} within this
 * @param maxQueuedFrames a peer that lets this many outgoing frames pile up is cut off
 * @param peerToken       legacy shared peer secret: accepted as a {@code peer} token; while no API tokens
 *                        exist it alone guards {@code /v1/peer}; null = none
 * @param resourceClasses named resource presets for submitted jobs ({@code resourceClass})
 * @param security        auth mode and TLS files
 * @param limits          peers, tasks, frame rate and API body size one coordinator takes
 * @param synchronous     how hard SQLite syncs each commit: {@code normal} survives a crash of the
 *                        process, {@code full} also a power loss (docs/configuration.md, Durability)
 * @param http            HTTP timeouts, API concurrency and listen backlog ({@link HttpLimits})
 */
public record ServerConfig(
        String bind,
        int port,
        Path dataDir,
        long graceMs,
        long heartbeatMs,
        int maxFrameBytes,
        long helloTimeoutMs,
        int maxQueuedFrames,
        String peerToken,
        ResourceClasses resourceClasses,
        ServerSecurity security,
        ServerLimits limits,
        StoreOptions.Synchronous synchronous,
        HttpLimits http) {

    public static final String DEFAULT_BIND = "127.0.0.1";
    public static final int DEFAULT_PORT = 7070;
    public static final long DEFAULT_GRACE_MS = SchedulerConfig.DEFAULT_GRACE_MS;
    public static final long DEFAULT_HEARTBEAT_MS = SchedulerConfig.DEFAULT_HEARTBEAT_MS;
    public static final int DEFAULT_MAX_FRAME_BYTES = ProtocolCodec.DEFAULT_MAX_FRAME_BYTES;
    public static final long DEFAULT_HELLO_TIMEOUT_MS = 10_000;
    public static final int DEFAULT_MAX_QUEUED_FRAMES = 10_000;
    public static final StoreOptions.Synchronous DEFAULT_SYNCHRONOUS = StoreOptions.DEFAULT_SYNCHRONOUS;

    public ServerConfig {
        Objects.requireNonNull(bind, "bind");
        Objects.requireNonNull(dataDir, "dataDir");
        requireRange("port", port, 0, 65_535);
        requireRange("grace", graceMs, 0, Long.MAX_VALUE);
        requireRange("heartbeat", heartbeatMs, 1, Long.MAX_VALUE);
        requireRange("maxFrameBytes", maxFrameBytes, 1, Integer.MAX_VALUE / 8);
        requireRange("helloTimeout", helloTimeoutMs, 1, Long.MAX_VALUE);
        requireRange("maxQueuedFrames", maxQueuedFrames, 1, Integer.MAX_VALUE);
        if (peerToken != null && peerToken.isBlank()) {
            peerToken = null;
        }
        resourceClasses = resourceClasses == null ? ResourceClasses.DEFAULTS : resourceClasses;
        security = security == null ? ServerSecurity.DEFAULTS : security;
        limits = limits == null ? ServerLimits.DEFAULTS : limits;
        synchronous = synchronous == null ? DEFAULT_SYNCHRONOUS : synchronous;
        http = http == null ? HttpLimits.DEFAULTS : http;
    }

    /** The settings as they were before HTTP limits (those take their defaults). */
    public ServerConfig(String bind, int port, Path dataDir, long graceMs, long heartbeatMs, int maxFrameBytes,
                        long helloTimeoutMs, int maxQueuedFrames, String peerToken, ResourceClasses resourceClasses,
                        ServerSecurity security, ServerLimits limits, StoreOptions.Synchronous synchronous) {
        this(bind, port, dataDir, graceMs, heartbeatMs, maxFrameBytes, helloTimeoutMs, maxQueuedFrames, peerToken,
                resourceClasses, security, limits, synchronous, HttpLimits.DEFAULTS);
    }

    /** The settings as they were before auth modes, TLS, limits and sync level (those take their defaults). */
    public ServerConfig(String bind, int port, Path dataDir, long graceMs, long heartbeatMs, int maxFrameBytes,
                        long helloTimeoutMs, int maxQueuedFrames, String peerToken, ResourceClasses resourceClasses) {
        this(bind, port, dataDir, graceMs, heartbeatMs, maxFrameBytes, helloTimeoutMs, maxQueuedFrames, peerToken,
                resourceClasses, ServerSecurity.DEFAULTS, ServerLimits.DEFAULTS, DEFAULT_SYNCHRONOUS);
    }

    /** The settings as they were before resource classes (those take their defaults). */
    public ServerConfig(String bind, int port, Path dataDir, long graceMs, long heartbeatMs, int maxFrameBytes,
                        long helloTimeoutMs, int maxQueuedFrames, String peerToken) {
        this(bind, port, dataDir, graceMs, heartbeatMs, maxFrameBytes, helloTimeoutMs, maxQueuedFrames, peerToken,
                ResourceClasses.DEFAULTS);
    }

    /** Every setting at its default, with the given data directory. */
    public static ServerConfig defaults(Path dataDir) {
        return new ServerConfig(DEFAULT_BIND, DEFAULT_PORT, dataDir, DEFAULT_GRACE_MS, DEFAULT_HEARTBEAT_MS,
                DEFAULT_MAX_FRAME_BYTES, DEFAULT_HELLO_TIMEOUT_MS, DEFAULT_MAX_QUEUED_FRAMES, null);
    }

    /** The scheduler settings this server runs with. */
    public SchedulerConfig schedulerConfig() {
        return SchedulerConfig.defaults().withGraceMs(graceMs).withHeartbeatMs(heartbeatMs)
                .withJobLimits(limits.jobs().withMaxTasksPerJob(limits.maxTasks()));
    }

    public ServerConfig withBind(String v) {
        return new ServerConfig(v, port, dataDir, graceMs, heartbeatMs, maxFrameBytes, helloTimeoutMs,
                maxQueuedFrames, peerToken, resourceClasses, security, limits, synchronous, http);
    }

    public ServerConfig withPort(int v) {
        return new ServerConfig(bind, v, dataDir, graceMs, heartbeatMs, maxFrameBytes, helloTimeoutMs,
                maxQueuedFrames, peerToken, resourceClasses, security, limits, synchronous, http);
    }

    public ServerConfig withDataDir(Path v) {
        return new ServerConfig(bind, port, v, graceMs, heartbeatMs, maxFrameBytes, helloTimeoutMs,
                maxQueuedFrames, peerToken, resourceClasses, security, limits, synchronous, http);
    }

    public ServerConfig withGraceMs(long v) {
        return new ServerConfig(bind, port, dataDir, v, heartbeatMs, maxFrameBytes, helloTimeoutMs,
                maxQueuedFrames, peerToken, resourceClasses, security, limits, synchronous, http);
    }

    public ServerConfig withHeartbeatMs(long v) {
        return new ServerConfig(bind, port, dataDir, graceMs, v, maxFrameBytes, helloTimeoutMs,
                maxQueuedFrames, peerToken, resourceClasses, security, limits, synchronous, http);
    }

    public ServerConfig withMaxFrameBytes(int v) {
        return new ServerConfig(bind, port, dataDir, graceMs, heartbeatMs, v, helloTimeoutMs,
                maxQueuedFrames, peerToken, resourceClasses, security, limits, synchronous, http);
    }

    public ServerConfig withHelloTimeoutMs(long v) {
        return new ServerConfig(bind, port, dataDir, graceMs, heartbeatMs, maxFrameBytes, v,
                maxQueuedFrames, peerToken, resourceClasses, security, limits, synchronous, http);
    }

    public ServerConfig withMaxQueuedFrames(int v) {
        return new ServerConfig(bind, port, dataDir, graceMs, heartbeatMs, maxFrameBytes, helloTimeoutMs,
                v, peerToken, resourceClasses, security, limits, synchronous, http);
    }

    public ServerConfig withPeerToken(String v) {
        return new ServerConfig(bind, port, dataDir, graceMs, heartbeatMs, maxFrameBytes, helloTimeoutMs,
                maxQueuedFrames, v, resourceClasses, security, limits, synchronous, http);
    }

    public ServerConfig withResourceClasses(ResourceClasses v) {
        return new ServerConfig(bind, port, dataDir, graceMs, heartbeatMs, maxFrameBytes, helloTimeoutMs,
                maxQueuedFrames, peerToken, v, security, limits, synchronous, http);
    }

    public ServerConfig withSecurity(ServerSecurity v) {
        return new ServerConfig(bind, port, dataDir, graceMs, heartbeatMs, maxFrameBytes, helloTimeoutMs,
                maxQueuedFrames, peerToken, resourceClasses, v, limits, synchronous, http);
    }

    public ServerConfig withLimits(ServerLimits v) {
        return new ServerConfig(bind, port, dataDir, graceMs, heartbeatMs, maxFrameBytes, helloTimeoutMs,
                maxQueuedFrames, peerToken, resourceClasses, security, v, synchronous, http);
    }

    public ServerConfig withSynchronous(StoreOptions.Synchronous v) {
        return new ServerConfig(bind, port, dataDir, graceMs, heartbeatMs, maxFrameBytes, helloTimeoutMs,
                maxQueuedFrames, peerToken, resourceClasses, security, limits, v, http);
    }

    public ServerConfig withHttp(HttpLimits v) {
        return new ServerConfig(bind, port, dataDir, graceMs, heartbeatMs, maxFrameBytes, helloTimeoutMs,
                maxQueuedFrames, peerToken, resourceClasses, security, limits, synchronous, v);
    }

    /** The store settings this server opens its database with. */
    public StoreOptions storeOptions() {
        return StoreOptions.DEFAULTS.withSynchronous(synchronous);
    }

    private static void requireRange(String name, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be "
                    + (max == Long.MAX_VALUE || max == Integer.MAX_VALUE ? "at least " + min : "between " + min + " and " + max)
                    + ", got " + value);
        }
    }

    @Override
    public String toString() {
        // Never print the token.
        return "ServerConfig[bind=" + bind + ", port=" + port + ", dataDir=" + dataDir + ", graceMs=" + graceMs
                + ", heartbeatMs=" + heartbeatMs + ", maxFrameBytes=" + maxFrameBytes + ", helloTimeoutMs="
                + helloTimeoutMs + ", maxQueuedFrames=" + maxQueuedFrames + ", peerToken="
                + (peerToken == null ? "none" : "***") + ", resourceClasses=" + resourceClasses.classes() + ", " + security
                + ", limits=" + limits + ", synchronous=" + synchronous + ", http=" + http + "]";
    }
}
