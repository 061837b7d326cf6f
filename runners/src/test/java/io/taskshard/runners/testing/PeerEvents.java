package io.taskshard.runners.testing;

import io.taskshard.runners.peer.PeerListener;
import io.taskshard.runners.peer.PeerResult;
import io.taskshard.runners.spi.RunResult;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records what a peer client tells its listener, as short strings, for assertions and awaits. */
public final class PeerEvents implements PeerListener {
    public final List<String> events = new CopyOnWriteArrayList<>();
    public final List<RunResult> results = new CopyOnWriteArrayList<>();
    public volatile JobProgress job;

    @Override
    public void connected(URI server, JobProgress job, boolean reconnect) {
        this.job = job;
        events.add((reconnect ? "reconnected " : "connected ") + job.jobId());
    }

    @Override
    public void disconnected(String reason, Duration retryIn) {
        events.add("disconnected " + reason);
    }

    @Override
    public void assigned(Assignment a) {
        events.add("assigned " + a.taskId() + " " + a.lease());
    }

    @Override
    public void finished(Assignment a, RunResult result) {
        results.add(result);
        events.add("finished " + a.taskId() + " " + a.lease() + " " + result.outcome());
    }

    @Override
    public void cancelled(Assignment a, String reason) {
        events.add("cancelled " + a.taskId() + " " + a.lease() + " " + reason);
    }

    @Override
    public void progress(JobProgress job) {
        this.job = job;
    }

    @Override
    public void notice(String message) {
        events.add("notice " + message);
    }

    @Override
    public void ended(PeerResult result) {
        events.add("ended " + result.status());
    }

    /** True when some event starts with {@code prefix}. */
    public boolean saw(String prefix) {
        return events.stream().anyMatch(e -> e.startsWith(prefix));
    }

    @Override
    public String toString() {
        return String.join("\n", events);
    }
}
