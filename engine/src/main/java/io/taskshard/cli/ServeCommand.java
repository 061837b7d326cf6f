package io.taskshard.cli;

import ch.qos.logback.classic.Level;
import io.taskshard.auth.AuthMode;
import io.taskshard.model.Durations;
import io.taskshard.server.HttpLimits;
import io.taskshard.scheduler.JobLimits;
import io.taskshard.server.ServerConfig;
import io.taskshard.server.ServerConfigFile;
import io.taskshard.server.ServerLimits;
import io.taskshard.server.TaskshardServer;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code taskshard serve}: runs the coordinator server until SIGTERM/SIGINT. */
@Command(name = "serve",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Runs the coordinator: peers connect to ws://HOST:PORT/v1/peer, operators to http://HOST:PORT/api/v1.",
        sortOptions = false,
        footer = {"",
            "Settings come from the defaults, then --config FILE, then the flags (flags win).",
            "Durations need a unit: 1500ms, 10s, 2m (a bare number is refused).",
            "",
            "Examples:",
            "  taskshard serve",
            "      listen on 127.0.0.1:7070, data in ~/.local/share/taskshard",
            "  taskshard serve --bind 0.0.0.0 --port 8080 --data /var/lib/taskshard",
            "  taskshard serve --config /etc/taskshard/server.yaml --grace 30s",
            "  taskshard token create --role admin --name me --data /var/lib/taskshard",
            "  taskshard serve --bind 0.0.0.0 --data /var/lib/taskshard \\",
            "      --tls-cert chain.pem --tls-key key.pem",
            "      https/wss on every interface; tokens required (docs/security.md)",
            "  taskshard serve --sync full --max-peers 500 --peer-rate 200/s \\",
            "      --max-body-bytes 10000000",
            "",
            "Exit codes: 0 stopped cleanly, 1 runtime failure, 2 usage or configuration error",
            "(also: port in use, data directory held by another coordinator)."})
final class ServeCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(ServeCommand.class);
    /** Chooses the log level (logback.xml reads it too); other commands default to WARN. */
    static final String LOG_LEVEL_ENV = "TASKSHARD_LOG_LEVEL";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", description = "server.yaml to read settings from.")
    Path configFile;

    @Option(names = "--bind", paramLabel = "ADDR", description = "Address to listen on (default: 127.0.0.1; 0.0.0.0 for every interface).")
    String bind;

    @Option(names = "--port", paramLabel = "PORT", description = "TCP port; 0 picks a free one (default: 7070).")
    Integer port;

    @Option(names = "--data", paramLabel = "DIR",
            description = "Data directory (default: $XDG_DATA_HOME/taskshard or ~/.local/share/taskshard).")
    Path dataDir;

    @Option(names = "--grace", paramLabel = "DURATION", converter = CliSupport.DurationMillis.class,
            description = "How long a disconnected peer's tasks are held for it (default: 10s).")
    Long graceMs;

    @Option(names = "--heartbeat", paramLabel = "DURATION", converter = CliSupport.DurationMillis.class,
            description = "Heartbeat interval told to peers; 3 missed = disconnected (default: 5s).")
    Long heartbeatMs;

    @Option(names = "--hello-timeout", paramLabel = "DURATION", converter = CliSupport.DurationMillis.class,
            description = "A new connection must say hello within this (default: 10s).")
    Long helloTimeoutMs;

    @Option(names = "--max-frame-bytes", paramLabel = "BYTES",
            description = "Largest peer frame accepted (default: 1048576).")
    Integer maxFrameBytes;

    @Option(names = "--max-queued-frames", paramLabel = "N",
            description = "A peer with this many unread frames is cut off (default: 10000).")
    Integer maxQueuedFrames;

    @Option(names = "--peer-token", paramLabel = "TOKEN",
            description = "Legacy shared peer secret, accepted as a peer token (also env TASKSHARD_PEER_TOKEN); prefer 'taskshard token create --role peer'.")
    String peerToken;

    @Option(names = "--auth", paramLabel = "MODE", converter = AuthModeConverter.class,
            description = "auto: tokens required once one exists (refuses a non-loopback --bind without one); "
                    + "required: always; off: never, e.g. behind an authenticating proxy (default: auto).")
    AuthMode auth;

    @Option(names = "--tls-cert", paramLabel = "PEM",
            description = "Serve https/wss with this certificate chain (PEM, leaf first); needs --tls-key.")
    Path tlsCert;

    @Option(names = "--tls-key", paramLabel = "PEM", description = "The PKCS#8 PEM private key of --tls-cert.")
    Path tlsKey;

    @Option(names = "--max-peers", paramLabel = "N",
            description = "Peers connected at once; the next hello gets error too-many-peers (default: 10000).")
    Integer maxPeers;

    @Option(names = "--max-tasks", paramLabel = "N",
            description = "Tasks in one schema; a bigger hello gets error too-many-tasks (default: 1000000).")
    Integer maxTasks;

    @Option(names = "--peer-rate", paramLabel = "RATE",
            description = "Frames per second one peer may send, e.g. 500/s or 30000/min; a frame over it gets"
                    + " error rate-limited and is not processed (default: 2000/s).")
    String peerRate;

    @Option(names = "--peer-burst", paramLabel = "N",
            description = "Frames a peer may send at once above --peer-rate (default: 10000).")
    Integer peerBurst;

    @Option(names = "--max-body-bytes", paramLabel = "BYTES",
            description = "Largest operator API request body; bigger gets 413 (default: 67108864).")
    Long maxBodyBytes;

    @Option(names = "--header-timeout", paramLabel = "DURATION", converter = CliSupport.DurationMillis.class,
            description = "A request's headers must be complete within this, else the connection is closed (default: 10s).")
    Long headerTimeoutMs;

    @Option(names = "--body-timeout", paramLabel = "DURATION", converter = CliSupport.DurationMillis.class,
            description = "An API request body must arrive in full within this, else 408 (default: 30s).")
    Long bodyTimeoutMs;

    @Option(names = "--idle-timeout", paramLabel = "DURATION", converter = CliSupport.DurationMillis.class,
            description = "An HTTP connection silent this long is closed (default: 30s).")
    Long idleTimeoutMs;

    @Option(names = "--max-api-requests", paramLabel = "N",
            description = "Operator API requests handled at once; the next gets 503 busy (default: 64).")
    Integer maxApiRequests;

    @Option(names = "--accept-queue", paramLabel = "N",
            description = "Listen backlog: connections the kernel queues before they are accepted (default: 1024).")
    Integer acceptQueue;
    @Option(names = "--max-jobs", paramLabel = "N",
            description = "Jobs held at once; a hello or submit starting one more gets too-many-jobs (default: 1000).")
    Integer maxJobs;

    @Option(names = "--max-jobs-per-token", paramLabel = "N",
            description = "Shared jobs held that the peers of one token started (default: 200).")
    Integer maxJobsPerToken;

    @Option(names = "--max-total-tasks", paramLabel = "N",
            description = "Tasks of all jobs held; a new job over it gets too-many-tasks (default: 2000000).")
    Long maxTotalTasks;

    @Option(names = "--max-tasks-per-token", paramLabel = "N",
            description = "Tasks of the shared jobs held that the peers of one token started (default: 1000000).")
    Long maxTasksPerToken;

    @Option(names = "--abandoned-job-after", paramLabel = "DURATION", converter = CliSupport.DurationMillis.class,
            description = "A shared job with no peer for this long ends cancelled; 0 = never (default: 1h).")
    Long abandonedJobAfterMs;

    @Option(names = "--sync", paramLabel = "LEVEL",
            description = "SQLite synchronous level: normal (survives a crash of the process; default) or full"
                    + " (also survives a power loss; slower commits).")
    String sync;

    @Option(names = {"-v", "--verbose"}, description = "Debug logging, and stack traces on errors.")
    boolean verbose;

    @Override
    public Integer call() {
        if (verbose) {
            CliSupport.setRootLogLevel(Level.DEBUG);
        } else if (System.getenv(LOG_LEVEL_ENV) == null) {
            // A service: its INFO lines (listening, recovered jobs, shut down) are its journal.
            CliSupport.setRootLogLevel(Level.INFO);
        }
        ServerConfig config;
        try {
            config = buildConfig();
        } catch (ServerConfigFile.ConfigException | IllegalArgumentException e) {
            return fail(Main.EXIT_USAGE, e.getMessage(), e);
        }
        TaskshardServer server = new TaskshardServer(config);
        int boundPort;
        try {
            boundPort = server.start();
        } catch (io.taskshard.server.PortInUseException e) {
            return fail(Main.EXIT_USAGE, e.getMessage(), e);
        } catch (TaskshardServer.StartupRefusedException e) {
            // A configuration error: exit 2, which systemd does not restart in a loop.
            return fail(Main.EXIT_USAGE, "could not start: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            return fail(Main.EXIT_FAILURE, "could not start: " + e.getMessage(), e);
        }
        CountDownLatch stop = new CountDownLatch(1);
        Signals.onTerminate(stop::countDown);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        server.coordinator().whenFailed().thenAccept(cause -> {
            failure.set(cause);
            stop.countDown();
        });
        // Backup for exits that are not a signal we handle (System.exit elsewhere): still flush.
        Thread hook = new Thread(server::close, "taskshard-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        boolean tls = config.security().tls();
        spec.commandLine().getOut().printf("taskshard coordinator listening on %s://%s:%d (peers: %s://%s:%d/v1/peer, data: %s)%n",
                tls ? "https" : "http", config.bind(), boundPort, tls ? "wss" : "ws", config.bind(), boundPort,
                config.dataDir());
        spec.commandLine().getOut().flush();
        try {
            stop.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Throwable failed = failure.get();
        if (failed != null) {
            return exitFailed(server, hook, failed);
        }
        server.close();
        Runtime.getRuntime().removeShutdownHook(hook);
        return Main.EXIT_OK;
    }

    /**
     * The coordinator failed (its loop died, or its database failed for good): it serves nothing
     * any more, and /healthz saying so does not restart it. Exit non-zero so that a service
     * manager ({@code Restart=on-failure}) starts a fresh one, which recovers from the database.
     */
    private int exitFailed(TaskshardServer server, Thread hook, Throwable cause) {
        LOG.error("the coordinator failed ({}); exiting with status {} so that a service manager restarts it",
                cause.toString(), Main.EXIT_FAILURE);
        spec.commandLine().getErr().println("taskshard serve: the coordinator failed: " + cause
                + "; exiting with status " + Main.EXIT_FAILURE + " (a restart recovers from the database)");
        spec.commandLine().getErr().flush();
        try {
            server.close();
        } catch (RuntimeException | Error e) {
            LOG.error("could not close the server after the coordinator failed; exiting anyway", e);
        }
        Runtime.getRuntime().removeShutdownHook(hook);
        return Main.EXIT_FAILURE;
    }

    ServerConfig buildConfig() {
        ServerConfig config = ServerConfig.defaults(defaultDataDir());
        if (configFile != null) {
            config = ServerConfigFile.load(configFile, config);
        }
        String envToken = System.getenv("TASKSHARD_PEER_TOKEN");
        if (envToken != null && !envToken.isBlank()) {
            config = config.withPeerToken(envToken);
        }
        if (bind != null) {
            config = config.withBind(bind);
        }
        if (port != null) {
            config = config.withPort(port);
        }
        if (dataDir != null) {
            config = config.withDataDir(dataDir);
        }
        if (graceMs != null) {
            config = config.withGraceMs(graceMs);
        }
        if (heartbeatMs != null) {
            config = config.withHeartbeatMs(heartbeatMs);
        }
        if (helloTimeoutMs != null) {
            config = config.withHelloTimeoutMs(helloTimeoutMs);
        }
        if (maxFrameBytes != null) {
            config = config.withMaxFrameBytes(maxFrameBytes);
        }
        if (maxQueuedFrames != null) {
            config = config.withMaxQueuedFrames(maxQueuedFrames);
        }
        if (peerToken != null) {
            config = config.withPeerToken(peerToken);
        }
        if (auth != null) {
            config = config.withSecurity(config.security().withAuth(auth));
        }
        if (tlsCert != null || tlsKey != null) {
            config = config.withSecurity(config.security().withTls(
                    tlsCert != null ? tlsCert : config.security().tlsCert(),
                    tlsKey != null ? tlsKey : config.security().tlsKey()));
        }
        ServerLimits limits = config.limits();
        if (maxPeers != null) {
            limits = limits.withMaxPeers(maxPeers);
        }
        if (maxTasks != null) {
            limits = limits.withMaxTasks(maxTasks);
        }
        if (peerRate != null || peerBurst != null) {
            limits = limits.withPeerRate(peerRate != null ? ServerLimits.parseRate(peerRate) : limits.peerRate(),
                    peerBurst != null ? peerBurst : limits.peerBurst());
        }
        if (maxBodyBytes != null) {
            limits = limits.withMaxBodyBytes(maxBodyBytes);
        }
        HttpLimits http = config.http();
        if (headerTimeoutMs != null) {
            http = http.withHeaderTimeoutMs(headerTimeoutMs);
        }
        if (bodyTimeoutMs != null) {
            http = http.withBodyTimeoutMs(bodyTimeoutMs);
        }
        if (idleTimeoutMs != null) {
            http = http.withIdleTimeoutMs(idleTimeoutMs);
        }
        if (maxApiRequests != null) {
            http = http.withMaxApiRequests(maxApiRequests);
        }
        if (acceptQueue != null) {
            http = http.withAcceptQueue(acceptQueue);
        }
        config = config.withHttp(http);
        JobLimits jobs = limits.jobs();
        if (maxJobs != null) {
            jobs = jobs.withMaxJobs(maxJobs);
        }
        if (maxJobsPerToken != null) {
            jobs = jobs.withMaxJobsPerToken(maxJobsPerToken);
        }
        if (maxTotalTasks != null) {
            jobs = jobs.withMaxTotalTasks(maxTotalTasks);
        }
        if (maxTasksPerToken != null) {
            jobs = jobs.withMaxTasksPerToken(maxTasksPerToken);
        }
        if (abandonedJobAfterMs != null) {
            jobs = jobs.withAbandonedAfterMs(abandonedJobAfterMs);
        }
        config = config.withLimits(limits.withJobs(jobs));
        if (sync != null) {
            config = config.withSynchronous(ServerConfigFile.synchronous(sync));
        }
        return config;
    }

    /** {@code --auth auto|required|off}. */
    static final class AuthModeConverter implements CommandLine.ITypeConverter<AuthMode> {
        @Override
        public AuthMode convert(String value) {
            try {
                return AuthMode.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    /** {@code $XDG_DATA_HOME/taskshard}, else {@code ~/.local/share/taskshard}. */
    static Path defaultDataDir() {
        String xdg = System.getenv("XDG_DATA_HOME");
        if (xdg != null && !xdg.isBlank()) {
            return Path.of(xdg, "taskshard");
        }
        return Path.of(System.getProperty("user.home"), ".local", "share", "taskshard");
    }

    private int fail(int code, String message, Exception e) {
        spec.commandLine().getErr().println("taskshard serve: " + message);
        if (verbose) {
            e.printStackTrace(spec.commandLine().getErr());
        } else {
            LOG.debug("details", e);
        }
        spec.commandLine().getErr().flush();
        return code;
    }
}
