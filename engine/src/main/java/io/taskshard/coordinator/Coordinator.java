package io.taskshard.coordinator;

import io.taskshard.model.Change;
import io.taskshard.protocol.ErrorCode;
import io.taskshard.scheduler.Decision;
import io.taskshard.scheduler.Event;
import io.taskshard.scheduler.OperatorCommand;
import io.taskshard.scheduler.Scheduler;
import io.taskshard.store.Store;
import io.taskshard.store.StoreException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The imperative shell around the scheduler: one thread owns all scheduling state. Network
 * threads only {@link #enqueue} events. Each loop turn drains a batch of events, lets the
 * scheduler decide, commits the batch's changes in one transaction, tells the
 * {@link BatchListener}s, and only then sends messages and replies.
 *
 * <p>If a commit fails, nothing of that batch goes out (no {@code ack} for an unstored result).
 * A failure that can pass (disk full, read-only: {@link StoreException#isTransient()}) makes the
 * loop hold the batch and retry it, handling nothing else (events queue up; {@link #stalled()}
 * says why; peers get a non-fatal {@code unavailable}); once stored, all resumes. Any other
 * failure stops the coordinator for good, as its memory is then ahead of its database: peers
 * get a fatal {@code unavailable}, are disconnected, and resume against a restarted server.
 */
public final class Coordinator implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Coordinator.class);
    public static final String THREAD_NAME = "taskshard-coordinator";
    private static final Event.Tick TICK = new Event.Tick();
    /** How often a batch the database refused for a passing reason (disk full) is tried again. */
    public static final long DEFAULT_STORE_RETRY_MS = 1_000;
    /** While stalled, the error is logged again every this many failed retries. */
    private static final int RETRIES_PER_LOG = 60;

    private enum State { NEW, RUNNING, CLOSING, CLOSED, FAILED }

    private final Scheduler scheduler;
    private final Store store;
    private final Clock clock;
    private final Outbound outbound;
    private final CoordinatorConfig config;
    private final LinkedBlockingQueue<Event> queue = new LinkedBlockingQueue<>();
    private final List<BatchListener> listeners = new CopyOnWriteArrayList<>();
    private final ConcurrentHashMap<Long, CompletableFuture<Decision.Reply>> pendingReplies = new ConcurrentHashMap<>();
    private final AtomicLong nextRequestId = new AtomicLong();
    private final Object lifecycle = new Object();
    private volatile State state = State.NEW;
    private volatile Throwable failure;
    /** Completed with the cause once the coordinator failed: {@code serve} exits on it. */
    private final CompletableFuture<Throwable> failed = new CompletableFuture<>();
    private volatile StoreException stalledBy;
    /** After a stall, no tick until the queued backlog is handled: queued heartbeats must count first. */
    private boolean catchingUp;
    private Thread thread;

    public Coordinator(Scheduler scheduler, Store store, Clock clock, Outbound outbound, CoordinatorConfig config) {
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.outbound = Objects.requireNonNull(outbound, "outbound");
        this.config = Objects.requireNonNull(config, "config");
    }

    /** Hands an event to the loop. Never blocks; safe from any thread. Dropped (logged) once closing or failed. */
    public void enqueue(Event event) {
        Objects.requireNonNull(event, "event");
        if (!offer(event)) {
            LOG.debug("coordinator is {}: dropped {}", state, event);
        }
    }

    private boolean offer(Event event) {
        State s = state;
        if (s != State.NEW && s != State.RUNNING) {
            return false;
        }
        return queue.offer(event);
    }

    /** Runs an operator command through the loop; completes with the scheduler's reply after commit. */
    public CompletableFuture<Decision.Reply> command(String actor, OperatorCommand command) {
        long requestId = nextRequestId.incrementAndGet();
        CompletableFuture<Decision.Reply> reply = new CompletableFuture<>();
        pendingReplies.put(requestId, reply);
        // Checked after registering: either this sees the shutdown or the loop's final
        // cleanup sees the future, so no caller waits forever.
        if (!offer(new Event.Command(requestId, actor, command, EndedJobs.forRetry(store, command)))) {
            pendingReplies.remove(requestId);
            reply.completeExceptionally(notRunning());
        }
        return reply;
    }

    /** Listeners must be added before {@link #start()}. */
    public void addListener(BatchListener listener) {
        if (state != State.NEW) {
            throw new IllegalStateException("listeners must be added before start()");
        }
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    public void start() {
        synchronized (lifecycle) {
            if (state != State.NEW) {
                throw new IllegalStateException("coordinator already started (" + state + ")");
            }
            state = State.RUNNING;
            thread = Thread.ofPlatform().name(THREAD_NAME).start(this::loop);
        }
    }

    /** True once a commit failed; the coordinator then accepts nothing more. */
    public boolean isFailed() {
        return state == State.FAILED;
    }

    /** Why the coordinator stopped, when {@link #isFailed()}. */
    public Optional<Throwable> failure() {
        return Optional.ofNullable(failure);
    }

    /**
     * Completes with the cause when the coordinator fails (a commit failed for good, or the
     * loop died of any Throwable, OutOfMemoryError included), after it has closed every peer
     * connection. Never completes on a normal close. A process whose coordinator failed must
     * exit: it serves nothing any more, and only an exit lets a service manager restart it.
     */
    public CompletableFuture<Throwable> whenFailed() {
        return failed;
    }

    /** Why the loop is holding a batch the database refused (disk full ...); empty when it is not. */
    public Optional<StoreException> stalled() {
        return Optional.ofNullable(stalledBy);
    }

    /** True while events are accepted (started, not closing, not failed). */
    public boolean isRunning() {
        return state == State.RUNNING;
    }

    /** Events waiting for the loop (for metrics). */
    public int queuedEvents() {
        return queue.size();
    }

    /**
     * Stops accepting events, handles and commits what is queued, sends what that decided,
     * and stops the loop thread. Idempotent.
     */
    @Override
    public void close() {
        Thread loopThread;
        synchronized (lifecycle) {
            switch (state) {
                case NEW -> {
                    state = State.CLOSED;
                    failPendingReplies();
                    return;
                }
                case RUNNING -> {
                    state = State.CLOSING;
                    queue.offer(TICK); // wakes the loop at once instead of after its poll timeout
                }
                default -> {
                    // closing, closed or failed: only wait for the thread below
                }
            }
            loopThread = thread;
        }
        if (loopThread == null || loopThread == Thread.currentThread()) {
            return;
        }
        try {
            loopThread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.warn("interrupted while waiting for the coordinator loop to drain; it finishes on its own");
        }
    }

    private void loop() {
        LOG.debug("coordinator loop started (max batch {}, tick {} ms)", config.maxBatch(), config.tickMs());
        List<Event> batch = new ArrayList<>(config.maxBatch() + 1);
        List<Decision> decisions = new ArrayList<>();
        long tickNanos = TimeUnit.MILLISECONDS.toNanos(config.tickMs());
        long lastTick = System.nanoTime();
        try {
            while (true) {
                batch.clear();
                long untilTick = tickNanos - (System.nanoTime() - lastTick);
                Event first = untilTick > 0 ? pollQuietly(untilTick) : queue.poll();
                if (first != null) {
                    batch.add(first);
                    queue.drainTo(batch, config.maxBatch() - 1);
                }
                // Ticks are paced by the wall time between them, so they also come under load.
                catchingUp &= !queue.isEmpty();
                if (System.nanoTime() - lastTick >= tickNanos && !catchingUp) {
                    batch.add(TICK);
                    lastTick = System.nanoTime();
                }
                if (!batch.isEmpty() && !runBatch(batch, decisions)) {
                    return; // failed: already cleaned up
                }
                if (state == State.CLOSING && queue.isEmpty()) {
                    break;
                }
            }
            synchronized (lifecycle) {
                state = State.CLOSED;
            }
            failPendingReplies();
            LOG.debug("coordinator loop stopped after draining its queue");
        } catch (RuntimeException | Error e) {
            // A bug in the loop itself (not in the scheduler or the store): stop like a failed commit.
            failFast(e, "the coordinator loop crashed");
            throw e;
        }
    }

    private Event pollQuietly(long nanos) {
        try {
            return queue.poll(nanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            LOG.warn("coordinator loop interrupted: closing after draining the queue");
            synchronized (lifecycle) {
                if (state == State.RUNNING) {
                    state = State.CLOSING;
                }
            }
            return null;
        }
    }

    /** One loop turn. Returns false when the batch could not be stored (the coordinator failed). */
    private boolean runBatch(List<Event> batch, List<Decision> decisions) {
        long now = clock.millis();
        decisions.clear();
        for (Event event : batch) {
            int mark = decisions.size();
            try {
                scheduler.handle(event, now, decisions);
            } catch (RuntimeException e) {
                // A scheduler bug leaves its state changed part way: memory no longer matches what
                // the decisions say, and nothing of this batch may go out or be stored. Fail fast as
                // on a permanent store failure; a restart resumes from the last stored batch.
                failFast(e, "the scheduler failed on " + event + "; nothing of this batch of " + batch.size()
                        + " events was stored or sent");
                return false;
            }
        }
        List<Change> changes = new ArrayList<>();
        for (Decision d : decisions) {
            if (d instanceof Decision.Persist p) {
                changes.add(p.change());
            }
        }
        if (!changes.isEmpty()) {
            try {
                store.commit(changes, now);
            } catch (StoreException e) {
                if (!e.isTransient() || !retryUntilStored(changes, now, batch.size(), e)) {
                    if (!isFailed()) {
                        failFast(e, "could not store a batch of " + changes.size() + " changes from " + batch.size()
                                + " events; nothing of this batch was sent (no ack for unstored results)");
                    }
                    return false;
                }
            } catch (RuntimeException e) {
                failFast(e, "could not store a batch of " + changes.size() + " changes from " + batch.size()
                        + " events; nothing of this batch was sent (no ack for unstored results)");
                return false;
            }
            List<Change> committed = List.copyOf(changes);
            for (BatchListener listener : listeners) {
                try {
                    listener.onCommitted(committed, now);
                } catch (RuntimeException e) {
                    LOG.error("batch listener {} failed on a batch of {} changes; others still run",
                            listener, committed.size(), e);
                }
            }
        }
        for (Decision d : decisions) {
            execute(d);
        }
        return true;
    }

    /**
     * Holds a batch the database refused for a passing reason and tries it again until it is
     * stored (true) or the coordinator is closing or the failure turns permanent (false).
     */
    private boolean retryUntilStored(List<Change> changes, long now, int events, StoreException first) {
        stalledBy = first;
        long since = System.nanoTime();
        LOG.error("could not store a batch of {} changes from {} events: {}. Nothing of it was sent (no ack for"
                + " unstored results); holding it and retrying every {} ms until the database takes it",
                changes.size(), events, first.getMessage(), DEFAULT_STORE_RETRY_MS);
        try { // only enqueues; a failure here must not stop the retries
            outbound.tellAll(ErrorCode.UNAVAILABLE, "the coordinator cannot store results right now (" + first.getMessage()
                    + "); nothing unstored is acked; it retries every " + DEFAULT_STORE_RETRY_MS + " ms, stay connected");
        } catch (RuntimeException e) {
            LOG.error("could not tell the peers that results cannot be stored", e);
        }
        for (int attempt = 1; ; attempt++) {
            try {
                Thread.sleep(DEFAULT_STORE_RETRY_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            if (state != State.RUNNING) {
                LOG.error("closing while a batch could not be stored: it is dropped unacknowledged; peers resend");
                return false;
            }
            try {
                store.commit(changes, now);
                stalledBy = null;
                catchingUp = true;
                LOG.warn("stored the held batch after {} retries ({} ms); resuming with {} queued events", attempt,
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - since), queue.size());
                return true;
            } catch (StoreException e) {
                stalledBy = e;
                if (!e.isTransient()) {
                    return false;
                }
                if (attempt % RETRIES_PER_LOG == 0) {
                    LOG.error("still cannot store the held batch after {} retries: {}", attempt, e.getMessage());
                }
            }
        }
    }

    private void execute(Decision decision) {
        try {
            switch (decision) {
                case Decision.Persist ignored -> {
                    // stored above
                }
                case Decision.Send send -> outbound.send(send.peerId(), send.message());
                case Decision.Disconnect disconnect -> outbound.disconnect(disconnect.peerId(), disconnect.reason());
                case Decision.Reply reply -> {
                    CompletableFuture<Decision.Reply> future = pendingReplies.remove(reply.requestId());
                    if (future == null) {
                        LOG.warn("scheduler replied to unknown request {}: {}", reply.requestId(), reply);
                    } else {
                        future.complete(reply);
                    }
                }
            }
        } catch (RuntimeException e) {
            LOG.error("could not carry out {}; continuing with the rest of the batch", decision, e);
        }
    }

    private void failFast(Throwable cause, String what) {
        synchronized (lifecycle) {
            failure = cause;
            state = State.FAILED;
        }
        try {
            cleanUpAfterFailure(cause, what);
        } finally {
            failed.complete(cause); // even if cleaning up failed too (out of memory): the process must still exit
        }
    }

    private void cleanUpAfterFailure(Throwable cause, String what) {
        int dropped = queue.size();
        queue.clear();
        LOG.error("{}. The coordinator's memory is now ahead of its database, so it stops accepting work: "
                + "every peer is disconnected and {} queued events are dropped. Restart the server; it "
                + "resumes from the last stored batch and peers resend un-acked results.", what, dropped, cause);
        try {
            outbound.closeAll(ErrorCode.UNAVAILABLE, "coordinator failed (" + cause
                    + "); reconnect after it restarts");
        } catch (RuntimeException e) {
            LOG.error("could not close peer connections after the coordinator failed", e);
        }
        failPendingReplies();
    }

    private void failPendingReplies() {
        for (Long id : List.copyOf(pendingReplies.keySet())) {
            completeReplyExceptionally(id, notRunning());
        }
    }

    private void completeReplyExceptionally(long requestId, Throwable cause) {
        CompletableFuture<Decision.Reply> future = pendingReplies.remove(requestId);
        if (future != null) {
            future.completeExceptionally(cause);
        }
    }

    private IllegalStateException notRunning() {
        Throwable cause = failure;
        return cause != null
                ? new IllegalStateException("coordinator failed: " + cause.getMessage(), cause)
                : new IllegalStateException("coordinator is " + state.name().toLowerCase(java.util.Locale.ROOT));
    }
}
