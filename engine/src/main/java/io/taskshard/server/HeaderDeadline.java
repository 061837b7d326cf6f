package io.taskshard.server;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.server.internal.HttpConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes an HTTP connection whose request headers are not complete within the header timeout
 * (slowloris): Jetty's idle timeout never fires for a client that sends one header byte every
 * few seconds. A connection is watched from when it opens and again after each response (a
 * kept-alive connection waits for its next request); when the deadline passes with bytes
 * received but no request started, it is closed. A connection that has sent nothing is left to
 * the idle timeout, and one upgraded to a WebSocket is no longer an HTTP connection, so no
 * longer watched.
 */
final class HeaderDeadline implements Connection.Listener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HeaderDeadline.class);

    /** Where one connection is: waiting for headers since {@code bytesAtStart}, or in a request. */
    private static final class Watch {
        volatile boolean inRequest;
        volatile long bytesAtStart;
        volatile ScheduledFuture<?> timer;
    }

    private final long timeoutMs;
    private final RateLimitedLog closedLog = new RateLimitedLog(LOG);
    private final Map<Connection, Watch> watched = new ConcurrentHashMap<>();
    private final ScheduledThreadPoolExecutor timers;

    HeaderDeadline(long timeoutMs) {
        this.timeoutMs = timeoutMs;
        this.timers = (ScheduledThreadPoolExecutor) Executors.newScheduledThreadPool(1,
                Thread.ofPlatform().name("taskshard-header-deadline").daemon(true).factory());
        timers.setRemoveOnCancelPolicy(true); // a timer per connection: cancelled ones must not pile up
    }

    @Override
    public void onOpened(Connection connection) {
        if (connection instanceof HttpConnection) {
            Watch w = new Watch();
            watched.put(connection, w);
            arm(connection, w);
        }
    }

    @Override
    public void onClosed(Connection connection) {
        Watch w = watched.remove(connection);
        if (w != null && w.timer != null) {
            w.timer.cancel(false);
        }
    }

    /** The connection's headers are complete: a request is being handled. */
    void requestStarted(Connection connection) {
        Watch w = watched.get(connection);
        if (w != null) {
            w.inRequest = true;
            if (w.timer != null) {
                w.timer.cancel(false);
            }
        }
    }

    /** The response is done; on a kept-alive connection the next request's headers are due. */
    void requestEnded(Connection connection) {
        Watch w = watched.get(connection);
        if (w != null) {
            w.inRequest = false;
            w.bytesAtStart = connection.getBytesIn();
            arm(connection, w);
        }
    }

    private void arm(Connection connection, Watch w) {
        if (timers.isShutdown()) {
            return;
        }
        w.timer = timers.schedule(() -> check(connection, w), timeoutMs, TimeUnit.MILLISECONDS);
    }

    private void check(Connection connection, Watch w) {
        if (w.inRequest || watched.get(connection) != w) {
            return;
        }
        if (connection.getBytesIn() > w.bytesAtStart) {
            closedLog.info("closed the connection from {}: its request headers were not complete within the"
                    + " header timeout of {} ms", connection.getEndPoint().getRemoteSocketAddress(), timeoutMs);
            connection.getEndPoint().close();
            return;
        }
        // Nothing received yet: idle (the idle timeout closes it), but it may start trickling later.
        arm(connection, w);
    }

    @Override
    public void close() {
        timers.shutdownNow();
    }
}
