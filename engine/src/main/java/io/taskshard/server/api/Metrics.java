package io.taskshard.server.api;

import io.taskshard.coordinator.BatchListener;
import io.taskshard.coordinator.ReadModel;
import io.taskshard.model.AttemptRecord;
import io.taskshard.model.AttemptState;
import io.taskshard.model.Change;
import io.taskshard.model.JobRecord;
import io.taskshard.model.JobState;
import io.taskshard.model.PeerRecord;
import io.taskshard.model.PeerState;
import io.taskshard.model.TaskRecord;
import io.taskshard.model.TaskState;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

/**
 * Counters and the dispatch-latency histogram, fed from committed batches; gauges are read
 * from the {@link ReadModel} when scraped. Must see a batch <em>before</em> the read model
 * applies it: it compares each change with the record it replaces.
 *
 * <p><b>Dispatch latency</b> of an assignment = {@code assignedAt - max(readySince, slotFreedAt)}
 * where {@code readySince} is when the task last became ready and {@code slotFreedAt} is when
 * that peer last had an attempt end (or connected, if none has ended since). It measures how
 * long a task and a free slot waited for each other. For a peer with several slots the last
 * end is an approximation of "its slot freed".
 */
public final class Metrics implements BatchListener {
    /** Histogram bucket upper bounds, in seconds. */
    public static final double[] DEFAULT_DISPATCH_BUCKETS = {
        0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300};

    private final ReadModel readModel;
    private final QueueMetrics queue;
    private final IntSupplier eventSubscribers;
    private final double[] buckets;

    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong assignments = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();
    private final AtomicLong lostAttempts = new AtomicLong();
    private final Map<JobState, AtomicLong> jobsFinished = new EnumMap<>(JobState.class);
    /** Per bucket (not cumulative); the last slot is +Inf. */
    private final AtomicLongArray bucketCounts;
    private final DoubleAdder latencySum = new DoubleAdder();

    // Coordinator thread only.
    private final Map<String, Long> slotFreedAt = new HashMap<>();
    private long maxLeaseSeen;

    public Metrics(ReadModel readModel, IntSupplier eventSubscribers) {
        this(readModel, eventSubscribers, io.taskshard.scheduler.SchedulerConfig.DEFAULT_DELAY_TOLERANCE_MS,
                System::currentTimeMillis);
    }

    /**
     * @param defaultToleranceMs delay tolerance of submitted tasks that state none
     * @param now                the coordinator's clock (overdue tasks are counted against it)
     */
    public Metrics(ReadModel readModel, IntSupplier eventSubscribers, long defaultToleranceMs, LongSupplier now) {
        this.queue = new QueueMetrics(readModel, defaultToleranceMs, now);
        this.readModel = readModel;
        this.eventSubscribers = eventSubscribers;
        this.buckets = DEFAULT_DISPATCH_BUCKETS.clone();
        this.bucketCounts = new AtomicLongArray(buckets.length + 1);
        for (JobState s : JobState.values()) {
            if (s.isEnd()) {
                jobsFinished.put(s, new AtomicLong());
            }
        }
        // Attempts recovered at start are not new assignments when they change later.
        for (AttemptRecord a : readModel.snapshot().attempts()) {
            maxLeaseSeen = Math.max(maxLeaseSeen, a.lease());
        }
    }

    @Override
    public void onCommitted(List<Change> changes, long now) {
        batches.incrementAndGet();
        // Records of this batch win over the read model's (which still holds the previous ones).
        Map<Long, AttemptState> attemptStates = new HashMap<>();
        Map<String, TaskRecord> tasks = new HashMap<>();
        Map<Long, JobState> jobStates = new HashMap<>();
        Map<Long, Change.JobCreated> created = new HashMap<>();
        for (Change c : changes) {
            if (c instanceof Change.TaskChanged tc) {
                tasks.put(tc.task().jobId() + "/" + tc.task().taskId(), tc.task());
            } else if (c instanceof Change.JobCreated jc) {
                created.put(jc.job().id(), jc); // the read model does not have it yet
            }
        }
        for (Change c : changes) {
            switch (c) {
                case Change.AttemptChanged ac -> attempt(ac.attempt(), attemptStates, tasks, created);
                case Change.PeerChanged pc -> peer(pc.peer());
                case Change.JobChanged jc -> job(jc.job(), jobStates);
                case Change.JobCreated jc -> job(jc.job(), jobStates);
                default -> {
                }
            }
        }
    }

    private void attempt(AttemptRecord a, Map<Long, AttemptState> batchStates, Map<String, TaskRecord> batchTasks,
                         Map<Long, Change.JobCreated> batchJobs) {
        AttemptState previous = batchStates.containsKey(a.lease())
                ? batchStates.get(a.lease())
                : readModel.attempt(a.lease()).map(AttemptRecord::state).orElse(null);
        batchStates.put(a.lease(), a.state());
        if (a.state() == AttemptState.ASSIGNED && a.lease() > maxLeaseSeen) {
            assignments.incrementAndGet();
            if (a.attempt() > 1) {
                retries.incrementAndGet();
            }
            TaskRecord task = batchTasks.get(a.jobId() + "/" + a.taskId());
            long readySince = task != null ? task.readySince()
                    : readModel.task(a.jobId(), a.taskId()).map(TaskRecord::readySince).orElse(0L);
            long waitedFrom = Math.max(readySince, slotFreedAt.getOrDefault(a.peerId(), 0L));
            if (waitedFrom > 0 && a.assignedAt() >= waitedFrom) {
                observe((a.assignedAt() - waitedFrom) / 1000.0);
            }
            queue.assigned(a, readySince, batchJobs.get(a.jobId()));
        }
        maxLeaseSeen = Math.max(maxLeaseSeen, a.lease());
        if (a.state() == AttemptState.LOST && previous != AttemptState.LOST) {
            lostAttempts.incrementAndGet();
        }
        if (!a.state().isLive() && (previous == null || previous.isLive()) && a.endedAt() > 0 && a.peerId() != null) {
            slotFreedAt.merge(a.peerId(), a.endedAt(), Math::max);
        }
    }

    private void peer(PeerRecord p) {
        if (p.state() == PeerState.LEFT || p.state() == PeerState.LOST) {
            slotFreedAt.remove(p.id());
            return;
        }
        PeerState previous = readModel.peer(p.id()).map(PeerRecord::state).orElse(null);
        if (p.state() == PeerState.CONNECTED && previous != PeerState.CONNECTED) {
            slotFreedAt.merge(p.id(), p.connectedAt(), Math::max);
        }
    }

    private void job(JobRecord j, Map<Long, JobState> batchStates) {
        JobState previous = batchStates.containsKey(j.id())
                ? batchStates.get(j.id())
                : readModel.job(j.id()).map(JobRecord::state).orElse(null);
        batchStates.put(j.id(), j.state());
        if (j.state().isEnd() && (previous == null || !previous.isEnd())) {
            jobsFinished.get(j.state()).incrementAndGet();
        }
    }

    private void observe(double seconds) {
        int i = 0;
        while (i < buckets.length && seconds > buckets[i]) {
            i++;
        }
        bucketCounts.incrementAndGet(i);
        latencySum.add(seconds);
    }

    /** The whole exposition, as {@code GET /metrics} serves it. */
    public String scrape() {
        PrometheusText out = new PrometheusText();

        Map<PeerState, Integer> peers = new EnumMap<>(PeerState.class);
        int draining = 0;
        for (PeerRecord p : readModel.peers()) {
            peers.merge(p.state(), 1, Integer::sum);
            if (p.draining() && p.state() == PeerState.CONNECTED) {
                draining++;
            }
        }
        out.family("taskshard_peers", "gauge", "Peers known to the coordinator, by connection state "
                + "(left and lost peers are kept for a while, then forgotten).");
        for (PeerState s : PeerState.values()) {
            out.sample("taskshard_peers", Map.of("state", s.wire()), peers.getOrDefault(s, 0));
        }
        out.family("taskshard_peers_draining", "gauge", "Connected peers that are draining (take no new work).");
        out.sample("taskshard_peers_draining", draining);

        Map<JobState, Integer> jobs = new EnumMap<>(JobState.class);
        readModel.jobs().forEach(j -> jobs.merge(j.state(), 1, Integer::sum));
        out.family("taskshard_jobs", "gauge",
                "Jobs held in memory by state: every running job plus the most recently finished ones.");
        for (JobState s : JobState.values()) {
            out.sample("taskshard_jobs", Map.of("state", s.wire()), jobs.getOrDefault(s, 0));
        }
        out.family("taskshard_jobs_finished_total", "counter", "Jobs that reached an end state since start.");
        jobsFinished.forEach((s, n) -> out.sample("taskshard_jobs_finished_total", Map.of("state", s.wire()), n.get()));

        Map<TaskState, Integer> tasks = new EnumMap<>(TaskState.class);
        readModel.unfinishedTasks().forEach(t -> tasks.merge(t.state(), 1, Integer::sum));
        out.family("taskshard_tasks", "gauge", "Tasks of running jobs, by state.");
        for (TaskState s : TaskState.values()) {
            out.sample("taskshard_tasks", Map.of("state", s.wire()), tasks.getOrDefault(s, 0));
        }

        counter(out, "taskshard_assignments_total", "Attempts assigned to peers since start.", assignments.get());
        counter(out, "taskshard_retries_total", "Assignments that were a second or later attempt of a task.",
                retries.get());
        counter(out, "taskshard_lost_attempts_total",
                "Attempts that ended lost (their peer vanished and did not come back in time).", lostAttempts.get());
        counter(out, "taskshard_batches_committed_total", "Batches the coordinator committed since start.",
                batches.get());

        out.family("taskshard_dispatch_latency_seconds", "histogram", "From a task being ready and a slot of the "
                + "peer being free (whichever is later) to the assignment.");
        long cumulative = 0;
        for (int i = 0; i <= buckets.length; i++) {
            cumulative += bucketCounts.get(i);
            String le = i < buckets.length ? PrometheusText.format(buckets[i]) : "+Inf";
            out.sample("taskshard_dispatch_latency_seconds_bucket", Map.of("le", le), cumulative);
        }
        out.sample("taskshard_dispatch_latency_seconds_sum", latencySum.sum());
        out.sample("taskshard_dispatch_latency_seconds_count", cumulative);

        queue.scrape(out);

        out.family("taskshard_event_subscribers", "gauge", "Clients connected to the operator event stream.");
        out.sample("taskshard_event_subscribers", eventSubscribers.getAsInt());
        return out.text();
    }

    private static void counter(PrometheusText out, String name, String help, long value) {
        out.family(name, "counter", help).sample(name, value);
    }
}
