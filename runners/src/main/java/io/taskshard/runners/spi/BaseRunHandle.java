package io.taskshard.runners.spi;

import io.taskshard.model.Durations;
import io.taskshard.protocol.Outcome;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bookkeeping every {@link RunHandle} needs, for built-in and plug-in runners alike: the
 * bounded log tail, listener calls in order and never after the result, a result completed once
 * with its duration, cancel and timeout turned into one {@link Stop} request, the timeout timer.
 *
 * <p>A subclass launches the work, calls {@link #begin()}, feeds {@link #output}, and ends with
 * {@link #finish} — or, when {@link #stopRequest()} is set, {@link #finishStopped}. It implements
 * {@link #onStop} to actually stop the work (kill the process, interrupt the thread).
 */
public abstract class BaseRunHandle implements RunHandle {
    private static final Logger LOG = LoggerFactory.getLogger(BaseRunHandle.class);

    /** Why an attempt is being stopped early. */
    public enum StopKind {
        /** {@link RunHandle#cancel} was called: the result is {@code error}. */
        CANCELLED,
        /** The attempt's {@code timeoutMs} passed: the result is {@code failure}. */
        TIMED_OUT
    }

    /** A stop request: its kind and the words that go into the log. */
    public record Stop(StopKind kind, String message) {
    }

    private final TaskRun run;
    private final RunListener listener;
    private final Clock clock;
    private final String prefix;
    private final LogTail tail;
    private final CompletableFuture<RunResult> result = new CompletableFuture<>();
    private final Object lock = new Object();
    private long startMillis = -1;
    private long endMillis = -1;
    private boolean started;
    private boolean finished;
    private Stop stop;
    private ScheduledFuture<?> timer;

    /**
     * @param runnerName goes in front of the runner's own log lines, e.g. {@code [shell] …}
     * @param tailBytes  bound of the log tail, see {@link LogTail}
     */
    protected BaseRunHandle(String runnerName, TaskRun run, RunListener listener, Clock clock, int tailBytes) {
        this.run = Objects.requireNonNull(run, "run");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.prefix = "[" + runnerName + "] ";
        this.tail = new LogTail(tailBytes);
    }

    @Override
    public final TaskRun run() {
        return run;
    }

    @Override
    public final CompletableFuture<RunResult> result() {
        return result.copy();
    }

    @Override
    public final String tail() {
        return tail.text();
    }

    @Override
    public final void cancel(String reason) {
        requestStop(new Stop(StopKind.CANCELLED, "cancelled: " + (reason == null || reason.isBlank() ? "no reason given" : reason)));
    }

    /**
     * Marks the attempt as begun (its clock starts now), tells the listener, and arms the
     * timeout when the run has one.
     */
    protected final void begin() {
        synchronized (lock) {
            if (started || finished) {
                return;
            }
            started = true;
            startMillis = clock.millis();
            if (run.timeoutMs() > 0 && armsTimeout()) {
                timer = Watchdog.after(run.timeoutMs(), () -> requestStop(new Stop(StopKind.TIMED_OUT,
                        "timed out after " + Durations.format(run.timeoutMs()))));
            }
            call(listener::onStarted);
        }
    }

    /**
     * Output of the work: kept in the tail and, once {@link #begin()} was called, passed to the
     * listener. Ignored once finished.
     */
    protected final void output(String chunk) {
        if (chunk.isEmpty()) {
            return;
        }
        synchronized (lock) {
            if (finished) {
                return;
            }
            tail.append(chunk);
            if (started) {
                call(() -> listener.onLog(chunk));
            }
        }
    }

    /** A line of the runner's own, prefixed with its name, on a line of its own. */
    protected final void note(String line) {
        synchronized (lock) {
            if (finished) {
                return;
            }
            tail.note(prefix + line);
            if (started) {
                call(() -> listener.onLog(prefix + line + "\n"));
            }
        }
    }

    /**
     * Marks the moment the work ended, when that is earlier than the result (e.g. the process
     * exited, then its output was drained): the duration counts up to here. First call wins.
     */
    protected final void ended() {
        synchronized (lock) {
            if (endMillis < 0 && startMillis >= 0) {
                endMillis = clock.millis();
            }
        }
    }

    /** The stop requested so far (by {@link #cancel} or the timeout), or null. */
    protected final Stop stopRequest() {
        synchronized (lock) {
            return stop;
        }
    }

    /** Completes the result, once; later calls do nothing and return false. */
    protected final boolean finish(Outcome outcome, Integer exitCode, Boolean retryable) {
        RunResult sealed;
        synchronized (lock) {
            sealed = seal(outcome, exitCode, retryable);
        }
        return complete(sealed);
    }

    /** Under the lock: marks the attempt finished and builds its result; null when it was finished already. */
    private RunResult seal(Outcome outcome, Integer exitCode, Boolean retryable) {
        if (finished) {
            return null;
        }
        finished = true;
        if (timer != null) {
            timer.cancel(false);
        }
        long end = endMillis >= 0 ? endMillis : clock.millis();
        long duration = startMillis < 0 ? 0 : Math.max(0, end - startMillis);
        return new RunResult(outcome, exitCode, duration, tail.text(), retryable);
    }

    /** Outside the lock: whatever waits on the result runs now and must not be able to deadlock with us. */
    private boolean complete(RunResult sealed) {
        return sealed != null && result.complete(sealed);
    }

    /**
     * Completes the result with how the work ended on its own, unless a stop was requested first
     * (then it returns false and the caller finishes with {@link #finishStopped} once the work is
     * really stopped). {@code note}, when not null, is logged first. Atomic against
     * {@link #cancel}: either the cancel comes too late and does nothing, or this does nothing.
     */
    protected final boolean finishUnlessStopped(Outcome outcome, Integer exitCode, Boolean retryable, String note) {
        RunResult sealed;
        synchronized (lock) {
            if (stop != null || finished) {
                return false;
            }
            if (note != null) {
                note(note);
            }
            sealed = seal(outcome, exitCode, retryable);
        }
        return complete(sealed);
    }

    /** Completes a stopped attempt: {@code failure} after a timeout, {@code error} after a cancel. */
    protected final boolean finishStopped(Integer exitCode) {
        Stop s = stopRequest();
        Objects.requireNonNull(s, "finishStopped without a stop request");
        return finish(s.kind() == StopKind.TIMED_OUT ? Outcome.FAILURE : Outcome.ERROR, exitCode, null);
    }

    /**
     * Whether {@link #begin()} starts a real-time timer that stops the attempt when its
     * {@code timeoutMs} passes. A runner that enforces the timeout itself (e.g. in virtual time)
     * returns false.
     */
    protected boolean armsTimeout() {
        return true;
    }

    /**
     * Stops the work. Called once, on the thread that asked (a caller of {@link #cancel} or the
     * timer): it must not block for long. The stop was noted in the log already.
     */
    protected abstract void onStop(Stop stop);

    private void requestStop(Stop request) {
        synchronized (lock) {
            if (finished || stop != null) {
                return;
            }
            stop = request;
            note(request.message());
        }
        LOG.info("lease {} (task '{}'): {}", run.lease(), run.taskId(), request.message());
        onStop(request);
    }

    private void call(Runnable listenerCall) {
        try {
            listenerCall.run();
        } catch (RuntimeException e) {
            LOG.warn("run listener failed for lease {} (task '{}'); the attempt goes on", run.lease(), run.taskId(), e);
        }
    }
}
