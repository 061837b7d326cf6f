package io.taskshard.runners.cli;

import io.taskshard.model.Durations;
import io.taskshard.runners.peer.PeerListener;
import io.taskshard.runners.peer.PeerResult;
import io.taskshard.runners.spi.RunResult;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Duration;

/** What {@code taskshard worker} prints: one line per connection change and per attempt. */
final class WorkerReporter implements PeerListener {
    private final PrintWriter out;
    private final String workerId;

    WorkerReporter(PrintWriter out, String workerId) {
        this.out = out;
        this.workerId = workerId;
    }

    @Override
    public void connected(URI server, JobProgress job, boolean reconnect) {
        say("worker " + workerId + (reconnect ? " reconnected to " : " connected to ") + server
                + "; waiting for tasks of submitted jobs");
    }

    @Override
    public void disconnected(String reason, Duration retryIn) {
        say("worker " + workerId + ": connection lost (" + reason + "); retrying in " + Durations.format(retryIn.toMillis()));
    }

    @Override
    public void assigned(Assignment a) {
        say("start  " + a.taskId() + " (lease " + a.lease() + ", attempt " + a.attempt() + ")");
    }

    @Override
    public void finished(Assignment a, RunResult r) {
        say("end    " + a.taskId() + " (lease " + a.lease() + "): " + r.outcome().name().toLowerCase(java.util.Locale.ROOT)
                + (r.exitCode() == null ? "" : ", exit " + r.exitCode()) + ", " + Durations.format(r.durationMs()));
    }

    @Override
    public void cancelled(Assignment a, String reason) {
        say("cancel " + a.taskId() + " (lease " + a.lease() + "): " + reason);
    }

    @Override
    public void notice(String message) {
        say("worker " + workerId + ": " + message);
    }

    @Override
    public void ended(PeerResult result) {
        say("worker " + workerId + " stopped: " + result.message() + " (" + result.tasksRun() + " attempts run)");
    }

    private void say(String line) {
        out.println(line);
        out.flush();
    }
}
