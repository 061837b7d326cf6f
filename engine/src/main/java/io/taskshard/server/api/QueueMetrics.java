package io.taskshard.server.api;

import io.taskshard.coordinator.ReadModel;
import io.taskshard.model.AttemptRecord;
import io.taskshard.model.Change;
import io.taskshard.model.JobKind;
import io.taskshard.model.JobRecord;
import io.taskshard.model.JobState;
import io.taskshard.model.TaskRecord;
import io.taskshard.model.TaskSpec;
import io.taskshard.model.TaskState;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.function.LongSupplier;

/**
 * The workers' queue (submitted jobs): how many tasks wait per priority, how long tasks waited
 * before a worker took them, and how often that wait was longer than the task's delay
 * tolerance. Fed by {@link Metrics} with each new assignment; gauges are read when scraped.
 */
final class QueueMetrics {
    /** Wait-time histogram bucket upper bounds, in seconds: from a second to a day. */
    static final double[] DEFAULT_WAIT_BUCKETS = {1, 5, 15, 60, 300, 900, 1800, 3600, 7200, 21600, 86400};

    private final ReadModel readModel;
    private final long defaultToleranceMs;
    private final LongSupplier now;
    private final AtomicLongArray waitCounts = new AtomicLongArray(DEFAULT_WAIT_BUCKETS.length + 1);
    private final DoubleAdder waitSum = new DoubleAdder();
    private final AtomicLong breaches = new AtomicLong();

    QueueMetrics(ReadModel readModel, long defaultToleranceMs, LongSupplier now) {
        this.readModel = readModel;
        this.defaultToleranceMs = defaultToleranceMs;
        this.now = now;
    }

    /**
     * A new attempt of a task; counts only for submitted jobs. {@code readySince} as of the
     * assignment; {@code created} is the job when it was created in the same batch (else null).
     */
    void assigned(AttemptRecord a, long readySince, Change.JobCreated created) {
        JobRecord job = created != null ? created.job() : readModel.job(a.jobId()).orElse(null);
        if (job == null || job.kind() != JobKind.SUBMITTED || readySince <= 0 || a.assignedAt() < readySince) {
            return;
        }
        long waitedMs = a.assignedAt() - readySince;
        double seconds = waitedMs / 1000.0;
        int i = 0;
        while (i < DEFAULT_WAIT_BUCKETS.length && seconds > DEFAULT_WAIT_BUCKETS[i]) {
            i++;
        }
        waitCounts.incrementAndGet(i);
        waitSum.add(seconds);
        TaskSpec spec = created != null
                ? created.specs().stream().filter(x -> x.id().equals(a.taskId())).findFirst().orElse(null)
                : readModel.spec(a.jobId(), a.taskId()).orElse(null);
        if (spec != null && waitedMs > tolerance(spec)) {
            breaches.incrementAndGet();
        }
    }

    private long tolerance(TaskSpec spec) {
        return spec.delayToleranceMs() > 0 ? spec.delayToleranceMs() : defaultToleranceMs;
    }

    void scrape(PrometheusText out) {
        Map<Integer, Integer> depth = new TreeMap<>();
        int overdue = 0;
        long t = now.getAsLong();
        for (JobRecord job : readModel.jobs()) {
            if (job.kind() != JobKind.SUBMITTED || job.state() != JobState.RUNNING) {
                continue;
            }
            for (TaskRecord task : readModel.tasksOf(job.id())) {
                if (task.state() != TaskState.READY) {
                    continue;
                }
                depth.merge(task.priority(), 1, Integer::sum);
                TaskSpec spec = readModel.spec(job.id(), task.taskId()).orElse(null);
                if (spec != null && task.readySince() <= t && t - task.readySince() > tolerance(spec)) {
                    overdue++;
                }
            }
        }
        out.family("taskshard_queue_depth", "gauge",
                "Ready tasks of submitted jobs waiting for a worker, by priority.");
        depth.forEach((p, n) -> out.sample("taskshard_queue_depth", Map.of("priority", String.valueOf(p)), n));
        out.family("taskshard_queue_overdue", "gauge",
                "Ready tasks of submitted jobs that have waited longer than their delay tolerance.");
        out.sample("taskshard_queue_overdue", overdue);
        out.family("taskshard_queue_wait_seconds", "histogram",
                "How long a task of a submitted job was ready before a worker took it.");
        long cumulative = 0;
        for (int i = 0; i <= DEFAULT_WAIT_BUCKETS.length; i++) {
            cumulative += waitCounts.get(i);
            String le = i < DEFAULT_WAIT_BUCKETS.length ? PrometheusText.format(DEFAULT_WAIT_BUCKETS[i]) : "+Inf";
            out.sample("taskshard_queue_wait_seconds_bucket", Map.of("le", le), cumulative);
        }
        out.sample("taskshard_queue_wait_seconds_sum", waitSum.sum());
        out.sample("taskshard_queue_wait_seconds_count", cumulative);
        out.family("taskshard_delay_tolerance_breaches_total", "counter",
                "Tasks of submitted jobs that a worker took later than their delay tolerance allowed.");
        out.sample("taskshard_delay_tolerance_breaches_total", breaches.get());
    }
}
