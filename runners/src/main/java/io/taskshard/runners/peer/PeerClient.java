package io.taskshard.runners.peer;

import io.taskshard.model.Durations;
import io.taskshard.protocol.CoordinatorMessage;
import io.taskshard.protocol.PeerMessage;
import io.taskshard.protocol.ProtocolCodec;
import io.taskshard.runners.peer.PeerResult.Status;
import io.taskshard.runners.spi.Runner;
import io.taskshard.schema.SchemaHash;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A peer: joins the coordinator's job for its schema over PROTOCOL.md v1, runs the attempts it
 * is assigned on its {@link Runner}, and reports them, until the job completes. A worker
 * ({@link PeerOptions#worker(java.net.URI, String)}) takes tasks of submitted jobs until it is shut down.
 *
 * <pre>{@code
 * PeerClient peer = new PeerClient(options, Runners.byName("shell", RunnerConfig.EMPTY), listener, Clock.systemUTC());
 * PeerResult result = peer.run();           // blocks until job-complete or a fatal problem
 * System.exit(result.exitCode());
 * }</pre>
 *
 * <p>It keeps every un-acked {@code finished} and resends it after a reconnect; a lost
 * connection is retried with exponential backoff and full jitter until
 * {@link PeerOptions#reconnectLimit()}; running leases are listed in {@code hello.running} and
 * mirrored in a journal ({@link PeerOptions#stateDir()}) so that a restarted peer with the same id
 * reclaims them. {@link #shutdown()} stops the running attempts and says {@code goodbye}.
 *
 * <p>Threads: all state lives on one daemon thread per client ({@code taskshard-peer-<id>});
 * the WebSocket and the runner hand their events to it. Nothing is static, so one JVM can run
 * many clients (pass one shared {@link HttpClient} to save its threads).
 */
public final class PeerClient {
    private static final Logger LOG = LoggerFactory.getLogger(PeerClient.class);
    /** After {@code goodbye}, how long the coordinator gets to close the connection. */
    public static final Duration DEFAULT_CLOSE_WAIT = Duration.ofSeconds(2);
    /** At the end, how long stopped attempts get to end (the runner's kill grace is 5 s). */
    public static final Duration DEFAULT_STOP_WAIT = Duration.ofSeconds(15);
    private enum Phase { NEW, CONNECTING, GREETING, JOINED, WAITING, LEAVING, OVER }

    private final PeerOptions options;
    private final PeerListener listener;
    private final Clock clock;
    /** Set when the run begins (a client of its own is made then, so an unused PeerClient holds no thread). */
    private HttpClient http;
    private final boolean ownsHttp;
    private final ProtocolCodec codec = new ProtocolCodec();
    private final ScheduledThreadPoolExecutor loop;
    private final CompletableFuture<PeerResult> result = new CompletableFuture<>();
    private final AtomicBoolean begun = new AtomicBoolean();
    private final LeaseKeeper leases;
    private final JobCounters job = new JobCounters();

    // Everything below is touched on the loop thread only.
    private Phase phase = Phase.NEW;
    private CoordinatorLink link;
    private int connections;
    private int retries;
    private Instant lostSince;
    private boolean everJoined;
    /** From {@code job-complete}: the job's cancelled tasks (first ones) and how many in all. */
    private List<String> cancelled = List.of();
    private int cancelledCount;
    /** Why the coordinator is about to close the connection (a fatal but retryable error). */
    private String closingBecause;
    private ScheduledFuture<?> heartbeat;
    private ScheduledFuture<?> progressTimer;
    private final CompletableFuture<Void> linkGone = new CompletableFuture<>();

    /** A client with its own HTTP client. */
    public PeerClient(PeerOptions options, Runner runner, PeerListener listener, Clock clock) {
        this(options, runner, listener, clock, null);
    }

    /**
     * @param http a shared HTTP client (many simulated peers in one JVM), or null for one of its
     *             own, closed when the run ends
     */
    public PeerClient(PeerOptions options, Runner runner, PeerListener listener, Clock clock, HttpClient http) {
        this.options = Objects.requireNonNull(options, "options");
        Objects.requireNonNull(runner, "runner");
        this.listener = new GuardedListener(listener);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ownsHttp = http == null;
        this.http = http;
        this.loop = new ScheduledThreadPoolExecutor(1,
                Thread.ofPlatform().name("taskshard-peer-" + options.peerId()).daemon(true).factory());
        loop.setRemoveOnCancelPolicy(true);
        loop.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        loop.setContinueExistingPeriodicTasksAfterShutdownPolicy(false);
        PeerJournal journal = options.stateDir() == null ? null : new PeerJournal(options.stateDir(),
                options.peerId(), options.server().toString(), options.schema().name(), SchemaHash.of(options.schema()));
        this.leases = new LeaseKeeper(options, runner, this.listener, this::post,
                () -> phase == Phase.JOINED && link != null, this::send, journal);
    }

    public String peerId() {
        return options.peerId();
    }

    public PeerOptions options() {
        return options;
    }

    /** Connects and starts working; the future completes when the run is over. Calling it again returns the same run. */
    public CompletableFuture<PeerResult> start() {
        if (begun.compareAndSet(false, true)) {
            post(this::begin);
        }
        return result.copy();
    }

    /** {@link #start()} and wait: returns when the job completed, a fatal problem ended the run, or {@link #shutdown()}. */
    public PeerResult run() {
        return start().join();
    }

    /**
     * Leaves gracefully: stops the running attempts (killing their processes), sends
     * {@code goodbye} (the coordinator hands the tasks to others at once) and closes. Returns when
     * that is done (bounded by {@link #DEFAULT_CLOSE_WAIT} + {@link #DEFAULT_STOP_WAIT}). Safe from
     * any thread (a shutdown hook), any number of times.
     */
    public void shutdown() {
        if (begun.compareAndSet(false, true)) {
            complete(new PeerResult(Status.STOPPED, "stopped before it started", 0, List.of(), 0, false));
            return;
        }
        post(() -> end(Status.STOPPED, everJoined ? "stopped: said goodbye to the coordinator"
                : "stopped before the coordinator welcomed this peer", List.of(), true, false));
        try {
            result.get(DEFAULT_CLOSE_WAIT.plus(DEFAULT_STOP_WAIT).toMillis() + 1_000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("peer {} did not finish shutting down in time: {}", options.peerId(), e.toString());
            LOG.debug("details", e);
        }
    }

    private void begin() {
        if (http == null) {
            http = options.newHttpClient();
        }
        leases.restore();
        long every = options.progressInterval().toMillis();
        progressTimer = loop.scheduleWithFixedDelay(() -> guarded(leases::sendProgress), every, every,
                TimeUnit.MILLISECONDS);
        connect();
    }

    private void connect() {
        phase = Phase.CONNECTING;
        int number = ++connections;
        LOG.debug("peer {}: connecting to {} (connection {})", options.peerId(), options.server(), number);
        CoordinatorLink.open(http, options.server(), options.token(), options.connectTimeout(), number,
                        (l, text) -> post(() -> received(l, text)), (l, reason) -> post(() -> linkClosed(l, reason)))
                .whenComplete((l, e) -> post(() -> opened(l, e)));
    }

    private void opened(CoordinatorLink opened, Throwable error) {
        if (phase != Phase.CONNECTING) {
            if (opened != null) {
                opened.abort(); // we stopped while it was connecting
            }
            return;
        }
        if (error != null) {
            ConnectFailure failure = ConnectFailure.of(error, options.server());
            LOG.debug("peer {}: connection {} failed", options.peerId(), connections, error);
            if (failure.unauthorized()) {
                end(Status.REJECTED, "cannot join " + options.server() + ": " + failure.reason(), List.of(), false, false);
            } else if (!everJoined) {
                end(Status.UNREACHABLE, "cannot reach the coordinator at " + options.server() + ": " + failure.reason(),
                        List.of(), false, false);
            } else {
                retryLater(failure.reason());
            }
            return;
        }
        link = opened;
        if (opened.closedReason() != null) {
            connectionLost(opened.closedReason());
            return;
        }
        phase = Phase.GREETING;
        send(new PeerMessage.Hello(PeerMessage.PROTOCOL_VERSION, options.peerId(), options.worker() ? null
                : new PeerMessage.SchemaMsg(options.schema().name(), options.schema().tasks()), options.cacheId(),
                options.repoState(), options.complexPatchset(), options.slots(), options.labels(), options.resources(),
                null, leases.claims(), options.worker()));
    }

    private void linkClosed(CoordinatorLink closed, String reason) {
        if (closed != link) {
            return;
        }
        if (phase == Phase.LEAVING) {
            linkGone.complete(null);
        } else if (phase != Phase.OVER) {
            String why = closingBecause != null ? closingBecause : reason;
            closingBecause = null;
            connectionLost(why);
        }
    }

    private void connectionLost(String reason) {
        link = null;
        cancel(heartbeat);
        if (!everJoined) {
            end(Status.UNREACHABLE, "the coordinator at " + options.server() + " closed the connection before "
                    + "welcoming this peer: " + reason, List.of(), false, false);
        } else {
            retryLater(reason);
        }
    }

    private void retryLater(String reason) {
        Instant now = clock.instant();
        if (lostSince == null) {
            lostSince = now;
        }
        Duration down = Duration.between(lostSince, now);
        if (down.compareTo(options.reconnectLimit()) >= 0) {
            end(Status.UNREACHABLE, "lost the coordinator at " + options.server() + " for " + Durations.format(down.toMillis())
                    + " (the reconnect limit): " + reason, List.of(), false, false);
            return;
        }
        long delay = options.backoff().delayMillis(retries++, ThreadLocalRandom.current().nextDouble());
        phase = Phase.WAITING;
        LOG.info("peer {}: {}; reconnecting in {} ms", options.peerId(), reason, delay);
        listener.disconnected(reason, Duration.ofMillis(delay));
        loop.schedule(() -> guarded(() -> {
            if (phase == Phase.WAITING) {
                connect();
            }
        }), delay, TimeUnit.MILLISECONDS);
    }

    private void received(CoordinatorLink from, String text) {
        if (from != link || phase == Phase.OVER) {
            return;
        }
        CoordinatorMessage message;
        try {
            message = codec.decodeCoordinatorMessage(text);
        } catch (IllegalArgumentException e) {
            LOG.warn("peer {}: ignored a frame this client cannot read ({}): {}", options.peerId(), e.getMessage(),
                    text.length() > 200 ? text.substring(0, 200) + "…" : text);
            return;
        }
        if (phase == Phase.LEAVING && !(message instanceof CoordinatorMessage.Ack)) {
            LOG.debug("peer {} is leaving; ignored {}", options.peerId(), message);
            return;
        }
        switch (message) {
            case CoordinatorMessage.Welcome w -> welcomed(w);
            case CoordinatorMessage.Assign a -> leases.assigned(a);
            case CoordinatorMessage.Ack a -> leases.acked(a.lease());
            case CoordinatorMessage.Cancel c -> leases.cancelled(c.lease(), c.reason());
            case CoordinatorMessage.TaskDone t -> {
                job.taskDone(t);
                listener.progress(job.progress());
            }
            case CoordinatorMessage.JobComplete j -> jobComplete(j);
            case CoordinatorMessage.Error e -> coordinatorError(e);
        }
    }

    private void welcomed(CoordinatorMessage.Welcome welcome) {
        boolean reconnect = everJoined;
        phase = Phase.JOINED;
        everJoined = true;
        lostSince = null;
        retries = 0;
        job.welcome(welcome.job());
        cancel(heartbeat);
        long every = Math.max(1, welcome.heartbeatMs());
        heartbeat = loop.scheduleAtFixedRate(() -> guarded(this::beat), every, every, TimeUnit.MILLISECONDS);
        LOG.debug("peer {}: welcomed (connection {}), job {}", options.peerId(), connections, welcome.job());
        listener.connected(options.server(), job.progress(), reconnect);
        leases.welcomed();
    }

    private void beat() {
        if (phase == Phase.JOINED) {
            send(new PeerMessage.Heartbeat(leases.running()));
        }
    }

    private void jobComplete(CoordinatorMessage.JobComplete done) {
        Endings.Ending ending = Endings.jobComplete(done, job.progress().name());
        cancelled = done.cancelled();
        cancelledCount = done.cancelledCount();
        end(ending.status(), ending.message(), done.failed(), true, true);
    }

    private void coordinatorError(CoordinatorMessage.Error error) {
        Endings.Verdict verdict = Endings.error(error, options.peerId());
        switch (verdict.action()) {
            case QUIET -> LOG.debug("peer {}: {}", options.peerId(), verdict.message());
            case TELL -> {
                LOG.info("peer {}: {}", options.peerId(), verdict.message());
                listener.notice(verdict.message());
            }
            case RECONNECT -> closingBecause = verdict.message(); // it closes the connection next; we come back
            case END -> end(verdict.status(), verdict.message(), List.of(), false, false);
        }
    }

    /**
     * Ends the run once: stops what runs, says goodbye when asked and possible, closes, then
     * completes the result when the connection and the stopped attempts are gone (bounded).
     */
    private void end(Status status, String message, List<String> failed, boolean goodbye, boolean jobOver) {
        if (phase == Phase.LEAVING || phase == Phase.OVER) {
            return;
        }
        boolean canSay = phase == Phase.JOINED && link != null;
        phase = Phase.LEAVING;
        cancel(heartbeat);
        cancel(progressTimer);
        boolean saidGoodbye = false;
        if (link != null) {
            if (goodbye && canSay) {
                send(new PeerMessage.Goodbye());
                saidGoodbye = true;
            }
            link.close(status.name().toLowerCase(java.util.Locale.ROOT));
        } else {
            linkGone.complete(null);
        }
        CompletableFuture<Void> stopped = leases.stopAll("peer is leaving: " + message, jobOver || saidGoodbye)
                .completeOnTimeout(null, DEFAULT_STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        CompletableFuture<Void> closed = linkGone.completeOnTimeout(null, DEFAULT_CLOSE_WAIT.toMillis(),
                TimeUnit.MILLISECONDS);
        PeerResult r = new PeerResult(status, message, job.jobId(), failed, leases.finishedCount(), everJoined,
                cancelled, cancelledCount);
        CompletableFuture.allOf(stopped, closed).whenComplete((v, e) -> post(() -> over(r)));
    }

    private void over(PeerResult r) {
        phase = Phase.OVER;
        if (link != null) {
            link.abort();
        }
        LOG.debug("peer {}: {} ({})", options.peerId(), r.status(), r.message());
        listener.ended(r);
        complete(r);
    }

    private void complete(PeerResult r) {
        result.complete(r);
        loop.shutdown();
        if (ownsHttp && http != null) {
            http.shutdownNow();
        }
    }

    private void send(PeerMessage message) {
        if (link != null) {
            link.send(codec.encode(message));
        }
    }

    private static void cancel(ScheduledFuture<?> timer) {
        if (timer != null) {
            timer.cancel(false);
        }
    }

    /** Runs {@code work} on the loop thread; after the run is over, there is nothing left to do. */
    private void post(Runnable work) {
        try {
            loop.execute(() -> guarded(work));
        } catch (RejectedExecutionException e) {
            LOG.debug("peer {} is over; dropped a late event", options.peerId());
        }
    }

    /** A bug in the loop ends the run loudly rather than leaving it half-updated and silent. */
    private void guarded(Runnable work) {
        try {
            work.run();
        } catch (RuntimeException e) {
            LOG.error("peer {}: unexpected error; ending the run", options.peerId(), e);
            end(Status.ERROR, "internal error in the peer client: " + e, List.of(), true, false);
        }
    }
}
