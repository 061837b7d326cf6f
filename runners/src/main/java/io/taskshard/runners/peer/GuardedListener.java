package io.taskshard.runners.peer;

import io.taskshard.runners.spi.RunResult;
import java.net.URI;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Calls a {@link PeerListener}; an exception it throws is logged and does not disturb the peer. */
final class GuardedListener implements PeerListener {
    private static final Logger LOG = LoggerFactory.getLogger(GuardedListener.class);
    private final PeerListener delegate;

    GuardedListener(PeerListener delegate) {
        this.delegate = delegate == null ? PeerListener.NONE : delegate;
    }

    private void call(String what, Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            LOG.warn("peer listener {} failed in {}; the peer carries on", delegate.getClass().getName(), what, e);
        }
    }

    @Override
    public void connected(URI server, JobProgress job, boolean reconnect) {
        call("connected", () -> delegate.connected(server, job, reconnect));
    }

    @Override
    public void disconnected(String reason, Duration retryIn) {
        call("disconnected", () -> delegate.disconnected(reason, retryIn));
    }

    @Override
    public void assigned(Assignment assignment) {
        call("assigned", () -> delegate.assigned(assignment));
    }

    @Override
    public void finished(Assignment assignment, RunResult result) {
        call("finished", () -> delegate.finished(assignment, result));
    }

    @Override
    public void cancelled(Assignment assignment, String reason) {
        call("cancelled", () -> delegate.cancelled(assignment, reason));
    }

    @Override
    public void progress(JobProgress job) {
        call("progress", () -> delegate.progress(job));
    }

    @Override
    public void notice(String message) {
        call("notice", () -> delegate.notice(message));
    }

    @Override
    public void ended(PeerResult result) {
        call("ended", () -> delegate.ended(result));
    }
}
