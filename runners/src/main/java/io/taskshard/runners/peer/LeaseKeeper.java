package io.taskshard.runners.peer;

import io.taskshard.protocol.CoordinatorMessage;
import io.taskshard.protocol.Outcome;
import io.taskshard.protocol.PeerMessage;
import io.taskshard.runners.peer.PeerListener.Assignment;
import io.taskshard.runners.spi.RunHandle;
import io.taskshard.runners.spi.RunListener;
import io.taskshard.runners.spi.RunResult;
import io.taskshard.runners.spi.Runner;
import io.taskshard.runners.spi.TaskRun;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The leases a peer holds: running attempts and ended ones whose {@code finished} is not acked
 * yet. It starts attempts on the runner, turns their ends into {@code finished} frames, keeps
 * every result until its {@code ack}, and mirrors all of it in the {@link PeerJournal}.
 *
 * <p>Confined to the client's loop thread: runner callbacks are handed to {@code loop} first.
 */
final class LeaseKeeper {
    private static final Logger LOG = LoggerFactory.getLogger(LeaseKeeper.class);
    /** A {@code progress} carries at most this much of the end of the log (the coordinator keeps 8 KiB). */
    static final int DEFAULT_PROGRESS_LOG_CHARS = 8 * 1024;

    /** One held lease. */
    private static final class Held {
        final CoordinatorMessage.Assign assign;
        final Assignment assignment;
        RunHandle handle;
        RunResult result;
        boolean started;
        String lastProgress = "";

        Held(CoordinatorMessage.Assign assign, String taskId) {
            this.assign = assign;
            this.assignment = new Assignment(assign.lease(), taskId, assign.attempt());
        }

        PeerJournal.Entry entry() {
            return new PeerJournal.Entry(assign.lease(), assign.attempt(), assign.timeoutMs(), assign.task(), result);
        }
    }

    private final PeerOptions options;
    private final Runner runner;
    private final PeerListener listener;
    private final Executor loop;
    /** True while the coordinator has welcomed the current connection: only then are frames sent. */
    private final BooleanSupplier joined;
    private final Consumer<PeerMessage> send;
    private final PeerJournal journal;
    private final Map<Long, Held> held = new LinkedHashMap<>();
    /** Results of attempts taken back (cancelled, stopped): waited for at the end, so no process outlives the peer. */
    private final List<CompletableFuture<RunResult>> stopping = new ArrayList<>();
    private int finishedCount;
    private boolean journalBroken;
    /** Set by {@link #stopAll}: results of attempts stopped on the way out are neither sent nor stored. */
    private boolean closed;

    LeaseKeeper(PeerOptions options, Runner runner, PeerListener listener, Executor loop, BooleanSupplier joined,
                Consumer<PeerMessage> send, PeerJournal journal) {
        this.options = options;
        this.runner = runner;
        this.listener = listener;
        this.loop = loop;
        this.joined = joined;
        this.send = send;
        this.journal = journal;
    }

    /** Takes the leases of the journal a previous run of this peer left; they are claimed in the next hello. */
    void restore() {
        if (journal == null) {
            return;
        }
        PeerJournal.Loaded loaded = journal.load();
        if (loaded.ignoredBecause() != null) {
            listener.notice(loaded.ignoredBecause());
        }
        for (PeerJournal.Entry e : loaded.entries()) {
            CoordinatorMessage.Assign assign = new CoordinatorMessage.Assign(e.lease(), e.task(), e.attempt(), e.timeoutMs());
            Object id = e.task() == null ? null : e.task().get("id");
            Held h = new Held(assign, id instanceof String s ? s : "?");
            h.result = e.result();
            held.put(e.lease(), h);
        }
        if (!held.isEmpty()) {
            long pending = held.values().stream().filter(h -> h.result == null).count();
            listener.notice("reclaiming " + held.size() + " lease(s) from " + journal.file() + ": " + pending
                    + " to run again, " + (held.size() - pending) + " result(s) to resend");
        }
    }

    /** {@code hello.running}: every lease held, running or with a result not yet acked. */
    List<PeerMessage.RunningLease> claims() {
        return held.values().stream()
                .map(h -> new PeerMessage.RunningLease(h.assign.lease(), h.assignment.taskId()))
                .toList();
    }

    /** {@code heartbeat.running}: the attempts still running. */
    List<Long> running() {
        return held.values().stream().filter(h -> h.result == null).map(h -> h.assign.lease()).toList();
    }

    /** Attempts that ended here (whatever their outcome). */
    int finishedCount() {
        return finishedCount;
    }

    /** The coordinator welcomed us: resend every un-acked result, start the reclaimed attempts. */
    void welcomed() {
        for (Held h : List.copyOf(held.values())) {
            if (h.result != null) {
                send.accept(h.result.toFinished(h.assign.lease()));
            } else if (h.handle == null) {
                launch(h);
            }
        }
    }

    void assigned(CoordinatorMessage.Assign assign) {
        if (held.containsKey(assign.lease())) {
            LOG.debug("assign for lease {} again; it is already held", assign.lease());
            return;
        }
        Object id = assign.task() == null ? null : assign.task().get("id");
        Held h = new Held(assign, id instanceof String s ? s : "?");
        held.put(assign.lease(), h);
        persist();
        launch(h);
    }

    private void launch(Held h) {
        listener.assigned(h.assignment);
        long lease = h.assign.lease();
        try {
            TaskRun run = TaskRun.of(h.assign, options.workDir(), options.env());
            h.handle = runner.start(run, new RunListener() {
                @Override
                public void onStarted() {
                    loop.execute(() -> started(h));
                }
            });
        } catch (RuntimeException e) {
            // A runner must not throw for a bad task; one that does still gets its answer.
            LOG.warn("runner '{}' could not start lease {} (task {})", runner.name(), lease, h.assignment.taskId(), e);
            RunResult failed = new RunResult(Outcome.ERROR, null, 0,
                    "[peer] the runner could not start the task: " + e.getMessage(), false);
            ended(h, failed);
            return;
        }
        h.handle.result().whenComplete((r, e) -> loop.execute(() -> ended(h, r != null ? r
                : new RunResult(Outcome.ERROR, null, 0, "[peer] the runner failed: " + e, null))));
    }

    private void started(Held h) {
        if (held.get(h.assign.lease()) == h && h.result == null && !h.started) {
            h.started = true;
            if (joined.getAsBoolean()) {
                send.accept(new PeerMessage.Started(h.assign.lease()));
            }
        }
    }

    private void ended(Held h, RunResult result) {
        if (closed) {
            LOG.debug("lease {} ({}) ended while the peer is leaving: {}", h.assign.lease(), h.assignment.taskId(),
                    result.outcome());
            return;
        }
        if (held.get(h.assign.lease()) != h) {
            LOG.debug("lease {} ({}) ended after it was taken back: {}", h.assign.lease(), h.assignment.taskId(),
                    result.outcome());
            return;
        }
        h.result = result;
        finishedCount++;
        persist();
        listener.finished(h.assignment, result);
        if (joined.getAsBoolean()) {
            send.accept(result.toFinished(h.assign.lease()));
        }
    }

    void acked(long lease) {
        if (held.remove(lease) != null) {
            persist();
        } else {
            LOG.debug("ack for lease {}, which is not held (a repeated ack)", lease);
        }
    }

    /** The coordinator took the lease back: stop it, forget it, never report it. */
    void cancelled(long lease, String reason) {
        Held h = held.remove(lease);
        if (h == null) {
            LOG.debug("cancel for lease {}, which is not held: {}", lease, reason);
            return;
        }
        persist();
        if (h.result == null) {
            listener.cancelled(h.assignment, reason);
            stop(h, reason);
        } else {
            LOG.debug("cancel for lease {} after its result was sent: {}", lease, reason);
        }
    }

    private void stop(Held h, String reason) {
        if (h.handle != null) {
            h.handle.cancel(reason);
            stopping.removeIf(CompletableFuture::isDone);
            stopping.add(h.handle.result());
        }
    }

    /** Sends {@code progress} for every running attempt whose log tail changed since the last one. */
    void sendProgress() {
        if (!joined.getAsBoolean()) {
            return;
        }
        for (Held h : held.values()) {
            if (h.handle == null || h.result != null || !h.started) {
                continue;
            }
            String tail = h.handle.tail();
            if (tail.length() > DEFAULT_PROGRESS_LOG_CHARS) {
                tail = tail.substring(tail.length() - DEFAULT_PROGRESS_LOG_CHARS);
            }
            if (!tail.equals(h.lastProgress)) {
                h.lastProgress = tail;
                send.accept(new PeerMessage.Progress(h.assign.lease(), tail));
            }
        }
    }

    /**
     * Stops every running attempt (the peer is leaving).
     *
     * @param forget true when the coordinator released our leases (goodbye, job over): the
     *               journal is removed; false keeps it for a restarted peer
     * @return completes when every stopped attempt has ended
     */
    CompletableFuture<Void> stopAll(String reason, boolean forget) {
        closed = true;
        for (Held h : held.values()) {
            if (h.result == null) {
                stop(h, reason);
            }
        }
        if (forget) {
            held.clear();
            try {
                if (journal != null) {
                    journal.delete();
                }
            } catch (IOException e) {
                // An I/O problem is the user's to fix, not a bug: no stack trace unless debugging.
                LOG.warn("cannot remove the lease journal {}: {}", journal.file(), e.toString());
                LOG.debug("details", e);
            }
        }
        return CompletableFuture.allOf(stopping.toArray(CompletableFuture[]::new));
    }

    private void persist() {
        if (journal == null) {
            return;
        }
        try {
            journal.save(held.values().stream().map(Held::entry).toList());
        } catch (IOException | RuntimeException e) {
            LOG.warn("cannot write the lease journal {}: {}", journal.file(), e.toString());
            LOG.debug("details", e);
            if (!journalBroken) {
                journalBroken = true;
                listener.notice("cannot write the lease journal " + journal.file() + " (" + e.getMessage()
                        + "); a restart of this peer will not reclaim its leases");
            }
        }
    }
}
