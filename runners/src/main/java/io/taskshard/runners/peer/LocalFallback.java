package io.taskshard.runners.peer;

import io.taskshard.model.Schema;
import io.taskshard.model.TaskSpec;
import io.taskshard.protocol.CoordinatorMessage;
import io.taskshard.protocol.Outcome;
import io.taskshard.protocol.TaskSpecJson;
import io.taskshard.runners.peer.PeerListener.Assignment;
import io.taskshard.runners.peer.PeerListener.JobProgress;
import io.taskshard.runners.peer.PeerResult.Status;
import io.taskshard.runners.spi.RunHandle;
import io.taskshard.runners.spi.RunListener;
import io.taskshard.runners.spi.RunResult;
import io.taskshard.runners.spi.Runner;
import io.taskshard.runners.spi.TaskRun;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a whole schema on this machine, without a coordinator ({@code --fallback-local}): tasks
 * in {@code needs} order, up to {@code slots} at once, each retried up to its {@code attempts}
 * unless the runner says retrying cannot help. The result is {@code SUCCESS} when every task
 * succeeded, else {@code FAILURE} naming the failed and skipped tasks. Runs on the caller's
 * thread; {@link #stop()} (from another thread) cancels what runs.
 */
public final class LocalFallback {
    private static final Logger LOG = LoggerFactory.getLogger(LocalFallback.class);

    private record Ended(long lease, RunResult result) {
    }

    private final Schema schema;
    private final Runner runner;
    private final int slots;
    private final Path workDir;
    private final Map<String, String> env;
    private final PeerListener listener;
    private final BlockingQueue<Ended> ended = new LinkedBlockingQueue<>();
    private final Map<Long, RunHandle> running = new ConcurrentHashMap<>();
    private volatile boolean stopped;

    public LocalFallback(Schema schema, Runner runner, int slots, Path workDir, Map<String, String> env,
                         PeerListener listener) {
        if (slots < 1) {
            throw new IllegalArgumentException("slots must be at least 1, got " + slots);
        }
        this.schema = schema;
        this.runner = runner;
        this.slots = slots;
        this.workDir = workDir;
        this.env = Map.copyOf(env);
        this.listener = new GuardedListener(listener);
    }

    /** Runs every task; returns when all ended (or {@link #stop()} was called and what ran has ended). */
    public PeerResult run() {
        LocalPlan plan = new LocalPlan(schema.tasks());
        Map<Long, TaskSpec> specs = new HashMap<>();
        Map<String, Integer> attemptsUsed = new HashMap<>();
        long nextLease = 1;
        int done = 0;
        int ran = 0;
        int total = schema.tasks().size();
        while (!plan.isOver()) {
            if (!stopped) {
                for (TaskSpec spec : plan.take(slots - running.size())) {
                    long lease = nextLease++;
                    int attempt = attemptsUsed.merge(spec.id(), 1, Integer::sum);
                    specs.put(lease, spec);
                    launch(lease, spec, attempt);
                }
            }
            if (stopped) {
                // Again: an attempt launched just as stop() looked at the map is cancelled here.
                running.values().forEach(h -> h.cancel("local run stopped"));
                if (running.isEmpty()) {
                    break;
                }
            }
            Ended e;
            try {
                e = ended.take();
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                stop();
                break;
            }
            running.remove(e.lease());
            ran++;
            TaskSpec spec = specs.remove(e.lease());
            int attempt = attemptsUsed.get(spec.id());
            listener.finished(new Assignment(e.lease(), spec.id(), attempt), e.result());
            if (e.result().outcome() == Outcome.SUCCESS) {
                plan.succeeded(spec.id());
                done++;
            } else if (!stopped && attempt < spec.attempts() && !Boolean.FALSE.equals(e.result().retryable())) {
                LOG.info("local run: task {} failed (attempt {} of {}); retrying", spec.id(), attempt, spec.attempts());
                plan.retry(spec.id());
            } else {
                plan.failed(spec.id());
                done++;
            }
            int failed = plan.failedTasks().size() - plan.skippedCount();
            listener.progress(new JobProgress(0, schema.name(), done + plan.skippedCount(), total, failed, 1));
        }
        List<String> failed = plan.failedTasks();
        PeerResult result;
        if (stopped) {
            result = new PeerResult(Status.STOPPED, "local run stopped", 0, failed, ran, false);
        } else if (failed.isEmpty()) {
            result = new PeerResult(Status.SUCCESS, "ran all " + total + " tasks locally: all succeeded", 0,
                    List.of(), ran, false);
        } else {
            result = new PeerResult(Status.FAILURE, "ran the tasks locally: " + failed.size() + " of " + total
                    + " failed or were skipped: " + String.join(", ", failed.subList(0, Math.min(10, failed.size())))
                    + (failed.size() > 10 ? ", …" : ""), 0, failed, ran, false);
        }
        listener.ended(result);
        return result;
    }

    /** Cancels the running tasks and starts no more; {@link #run()} returns once they ended. */
    public void stop() {
        stopped = true;
        running.values().forEach(h -> h.cancel("local run stopped"));
    }

    private void launch(long lease, TaskSpec spec, int attempt) {
        CoordinatorMessage.Assign assign = new CoordinatorMessage.Assign(lease, TaskSpecJson.toWire(spec), attempt,
                spec.timeoutMs());
        listener.assigned(new Assignment(lease, spec.id(), attempt));
        RunHandle handle;
        try {
            handle = runner.start(TaskRun.of(assign, workDir, env), RunListener.NONE);
        } catch (RuntimeException e) {
            LOG.warn("runner '{}' could not start task {}", runner.name(), spec.id(), e);
            ended.add(new Ended(lease, new RunResult(Outcome.ERROR, null, 0,
                    "[peer] the runner could not start the task: " + e.getMessage(), false)));
            return; // its end is queued already; nothing to cancel
        }
        running.put(lease, handle);
        handle.result().whenComplete((r, e) -> ended.add(new Ended(lease, r != null ? r
                : new RunResult(Outcome.ERROR, null, 0, "[peer] the runner failed: " + e, null))));
    }
}
