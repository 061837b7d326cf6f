package io.taskshard.server.api;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One event-stream client: an outbound queue drained by at most one send at a time (Jetty's
 * session must never be sent to from two threads at once, and one outstanding send per
 * client is also our back-pressure). The coordinator thread only {@link #offer}s, which never
 * blocks; a client more than {@code maxPending} deltas behind is closed instead.
 *
 * <p>Deltas offered before {@link #start} are held: the snapshot goes first, then the held
 * deltas newer than it, in order.
 */
final class Subscriber {
    /** WebSocket close code "policy violation": used when the client cannot keep up. */
    static final int CLOSE_TOO_SLOW = 1008;

    private static final Logger log = LoggerFactory.getLogger(Subscriber.class);

    private record Frame(long version, String text) {
    }

    private final EventSink sink;
    private final int maxPending;
    private final Runnable onGone;
    private final Queue<Frame> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger pending = new AtomicInteger();
    /** True while one thread owns the sending loop. */
    private final AtomicBoolean sending = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Set by {@link #start}, taken (set to null) by the sending loop. */
    private volatile Frame snapshot;
    private volatile long snapshotVersion;
    private volatile boolean started;

    Subscriber(EventSink sink, int maxPending, Runnable onGone) {
        this.sink = sink;
        this.maxPending = maxPending;
        this.onGone = onGone;
    }

    /** Sends the snapshot, then every delta with a higher version. Call once. */
    void start(long version, String snapshotText) {
        this.snapshot = new Frame(version, snapshotText);
        this.snapshotVersion = version;
        this.started = true;
        pump();
    }

    /** Queues a delta; never blocks. Called on the coordinator thread. */
    void offer(long version, String text) {
        if (closed.get()) {
            return;
        }
        if (pending.incrementAndGet() > maxPending) {
            close(CLOSE_TOO_SLOW, "too slow: more than " + maxPending
                    + " events waiting; reconnect for a fresh snapshot");
            return;
        }
        queue.add(new Frame(version, text));
        pump();
    }

    int pending() {
        return pending.get();
    }

    boolean isClosed() {
        return closed.get();
    }

    /** Closes the client (once) and forgets what is queued. */
    void close(int code, String reason) {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        log.info("event stream {}: closing ({} {})", sink.describe(), code, reason);
        queue.clear();
        onGone.run();
        sink.close(code, reason);
    }

    /** The connection went away on its own. */
    void gone() {
        if (closed.compareAndSet(false, true)) {
            queue.clear();
            onGone.run();
        }
    }

    private void pump() {
        while (started && !closed.get() && (snapshot != null || !queue.isEmpty())) {
            if (!sending.compareAndSet(false, true)) {
                return; // the owner of the loop will see the new frame
            }
            if (!sendLoop()) {
                return; // a send is in flight; its callback continues the loop
            }
            // the loop ran dry and released ownership; re-check for a frame that raced in
        }
    }

    /**
     * Sends frames while sends complete synchronously. Returns true when it stopped because
     * there was nothing left (ownership released), false when a send is still in flight.
     */
    private boolean sendLoop() {
        while (true) {
            Frame next = nextFrame();
            if (next == null || closed.get()) {
                sending.set(false);
                return true;
            }
            // 0 = in flight, 1 = completed before send() returned, 2 = send() returned first
            AtomicInteger handoff = new AtomicInteger();
            sink.send(next.text(), () -> {
                if (!handoff.compareAndSet(0, 1)) {
                    if (sendLoop()) {
                        pump();
                    }
                }
            }, failure -> failed(next, failure));
            if (handoff.compareAndSet(0, 2)) {
                return false;
            }
        }
    }

    private Frame nextFrame() {
        if (snapshot != null) {
            Frame s = snapshot;
            snapshot = null;
            return s;
        }
        Frame f;
        while ((f = queue.poll()) != null) {
            pending.decrementAndGet();
            if (f.version() > snapshotVersion) {
                return f;
            }
        }
        return null;
    }

    private void failed(Frame frame, Throwable failure) {
        if (!closed.get()) {
            log.info("event stream {}: send of version {} failed, dropping the client: {}",
                    sink.describe(), frame.version(), failure.toString());
        }
        sending.set(false);
        gone();
    }
}
