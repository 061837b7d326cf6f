package io.taskshard.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.HdrHistogram.Histogram;

/**
 * One simulated peer: a raw JDK WebSocket that answers every {@code assign} with
 * {@code finished{success}} (optionally after {@code started}, optionally after a simulated
 * run time), sends a heartbeat every {@code heartbeatMs} (a peer holding its work while others
 * join says nothing else for a while), and measures <em>assign latency</em>: from sending a
 * {@code finished}, which frees a slot, to the next {@code assign} arriving. With several
 * slots the freed slots are matched to assigns first in, first out. Latencies of assigns that
 * arrived after a {@code task-done} frame on the same socket while the slot waited are also
 * kept apart: one connection sends in order, so an assign can queue behind a big task-done.
 *
 * <p>Frames are written by hand: the generator shares the CPU with the coordinator, and a
 * {@code finished} frame is one string concatenation, not a Jackson round.
 */
final class BenchPeer extends TextFrames {
    private final String id;
    private final RunBoard board;
    private final boolean sendStarted;
    private final long taskDurationMs;
    private final ScheduledExecutorService timer;
    /** Leases assigned before every peer joined, answered on release (guarded by this). */
    private final List<Long> held = new ArrayList<>();
    private boolean released;
    private volatile ScheduledFuture<?> heartbeats;
    private final Histogram latency = Latency.newHistogram();
    private final Histogram latencyBehindTaskDone = Latency.newHistogram();
    /** When the last task-done frame arrived (listener thread only). */
    private long lastTaskDoneNanos = Long.MIN_VALUE;
    /** When each not-yet-refilled slot was freed (System.nanoTime), oldest first. */
    private final ConcurrentLinkedQueue<Long> freedAt = new ConcurrentLinkedQueue<>();
    private final AtomicInteger finishedSent = new AtomicInteger();
    // Written by the socket's listener calls only (the JDK makes them sequential), read after `settled`.
    private int assigns;
    private int acks;
    private int cancels;
    private int taskDoneFrames;
    private long taskDoneChars;
    private long job = -1;
    private String outcome;
    private final List<String> errors = new ArrayList<>();
    /** Completes at welcome. */
    final CompletableFuture<Void> welcomed = new CompletableFuture<>();
    /** Completes once job-complete arrived and every finished sent was acked. */
    final CompletableFuture<Void> settled = new CompletableFuture<>();

    /**
     * @param holdUntilAllJoined keep assigns unanswered until the last peer is welcomed, so the
     *                           measured window has every peer in it
     * @param timer              runs heartbeats and delayed finishes
     */
    BenchPeer(String id, RunBoard board, boolean holdUntilAllJoined, boolean sendStarted, long taskDurationMs,
              ScheduledExecutorService timer) {
        this.id = id;
        this.board = board;
        this.sendStarted = sendStarted;
        this.taskDurationMs = taskDurationMs;
        this.timer = timer;
        this.released = !holdUntilAllJoined;
        closed.whenComplete((status, e) -> fail("socket closed (" + status + ") before the job completed"));
        if (holdUntilAllJoined) {
            board.allJoined.thenRun(this::release);
        }
    }

    String id() {
        return id;
    }

    @Override
    void onFrame(String text, long arrivedNanos) {
        CoordinatorFrame f;
        try {
            f = CoordinatorFrame.scan(text);
        } catch (IllegalArgumentException e) {
            errors.add(e.getMessage());
            fail(e.getMessage());
            return;
        }
        switch (f.type()) {
            case "assign" -> onAssign(f, arrivedNanos);
            case "ack" -> {
                acks++;
                checkSettled();
            }
            case "welcome" -> {
                job = f.job();
                if (f.heartbeatMs() > 0) {
                    heartbeats = timer.scheduleAtFixedRate(() -> sender().send("{\"type\":\"heartbeat\"}"),
                            f.heartbeatMs(), f.heartbeatMs(), TimeUnit.MILLISECONDS);
                }
                board.onWelcome(arrivedNanos);
                welcomed.complete(null);
            }
            case CoordinatorFrame.TASK_DONE -> {
                lastTaskDoneNanos = arrivedNanos;
                taskDoneFrames++;
                taskDoneChars += text.length();
            }
            case "job-complete" -> {
                outcome = f.outcome();
                board.onJobComplete(arrivedNanos);
                checkSettled();
            }
            case "cancel" -> cancels++;
            case "error" -> {
                errors.add(f.code() + ": " + f.message());
                if (f.fatal()) {
                    fail("fatal error from the coordinator: " + f.code() + ": " + f.message());
                }
            }
            default -> {
                // A frame type newer than this generator: not ours to judge.
            }
        }
    }

    private void onAssign(CoordinatorFrame f, long arrivedNanos) {
        assigns++;
        Long freed = freedAt.poll();
        if (freed != null) {
            Latency.record(latency, arrivedNanos - freed);
            if (lastTaskDoneNanos > freed) {
                Latency.record(latencyBehindTaskDone, arrivedNanos - freed);
            }
        }
        board.onAssign(f.taskId(), arrivedNanos);
        long lease = f.lease();
        synchronized (this) {
            if (!released) {
                held.add(lease);
                return;
            }
        }
        answer(lease);
    }

    private void release() {
        List<Long> leases;
        synchronized (this) {
            released = true;
            leases = List.copyOf(held);
            held.clear();
        }
        leases.forEach(this::answer);
    }

    private void answer(long lease) {
        if (sendStarted) {
            sender().send("{\"type\":\"started\",\"lease\":" + lease + "}");
        }
        if (taskDurationMs > 0) {
            timer.schedule(() -> finish(lease), taskDurationMs, TimeUnit.MILLISECONDS);
        } else {
            finish(lease);
        }
    }

    private void finish(long lease) {
        // Counted and stamped before the send: the answer can arrive before sendText returns.
        finishedSent.incrementAndGet();
        board.onFinishedSent();
        freedAt.add(System.nanoTime());
        sender().send("{\"type\":\"finished\",\"lease\":" + lease + ",\"outcome\":\"success\",\"exitCode\":0,"
                + "\"durationMs\":" + taskDurationMs + "}");
    }

    private void checkSettled() {
        if (outcome != null && acks >= finishedSent.get()) {
            settled.complete(null);
        }
    }

    private void stopHeartbeats() {
        ScheduledFuture<?> h = heartbeats;
        if (h != null) {
            h.cancel(false);
        }
    }

    private void fail(String why) {
        stopHeartbeats();
        IllegalStateException e = new IllegalStateException("peer " + id + ": " + why);
        welcomed.completeExceptionally(e);
        settled.completeExceptionally(e);
    }

    /** Leaves politely: goodbye, then a normal close once it is written. */
    void leave() {
        stopHeartbeats();
        sender().send("{\"type\":\"goodbye\"}");
        sender().close("bench done");
    }

    // --- read after `settled` ---------------------------------------------------------------

    Histogram latency() {
        return latency;
    }

    /** The assigns of {@link #latency()} that arrived after a task-done frame the slot waited through. */
    Histogram latencyBehindTaskDone() {
        return latencyBehindTaskDone;
    }

    int assigns() {
        return assigns;
    }

    int acks() {
        return acks;
    }

    int finishedSent() {
        return finishedSent.get();
    }

    int cancels() {
        return cancels;
    }

    int taskDoneFrames() {
        return taskDoneFrames;
    }

    long taskDoneChars() {
        return taskDoneChars;
    }

    long job() {
        return job;
    }

    String outcome() {
        return outcome;
    }

    List<String> errors() {
        return List.copyOf(errors);
    }
}
