package io.taskshard.scheduler;

import io.taskshard.model.JobKind;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.HashSet;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeSet;

/** All mutable scheduling state. Owned by one thread; only the scheduler package touches it. */
final class State {
    /**
     * Ready order: priority first, then longest expected duration (long tasks started early
     * keep the tail of the job short), then schema order.
     */
    static final Comparator<TaskRun> READY_ORDER = State::compareReady;
    /**
     * Workers' queue (docs/jobs.md): priority first; within a priority, the task closest to
     * breaching its delay tolerance; then the one waiting longest; then schema order.
     */
    static final Comparator<TaskRun> SUBMITTED_ORDER = State::compareSubmitted;

    // Written out rather than chained Comparator lambdas: every ready-set insert and removal
    // runs ~20 of these (a tenth of recovering a 1,000,000-task job went to the chained form).
    private static int compareReady(TaskRun a, TaskRun b) {
        int c = Integer.compare(b.priority, a.priority);
        if (c == 0) {
            c = Long.compare(b.expectedMs, a.expectedMs);
        }
        if (c == 0) {
            c = Integer.compare(a.index, b.index);
        }
        return c != 0 ? c : Long.compare(a.uid, b.uid);
    }

    private static int compareSubmitted(TaskRun a, TaskRun b) {
        int c = Integer.compare(b.priority, a.priority);
        if (c == 0) {
            c = Long.compare(a.breachAt(), b.breachAt());
        }
        if (c == 0) {
            c = Long.compare(a.readySince, b.readySince);
        }
        if (c == 0) {
            c = Long.compare(a.job.id, b.job.id);
        }
        if (c == 0) {
            c = Integer.compare(a.index, b.index);
        }
        return c != 0 ? c : Long.compare(a.uid, b.uid);
    }

    final SchedulerConfig config;
    /** Jobs in memory: unfinished ones, and ended ones some peer of which is still here. */
    final Map<Long, Job> jobs = new LinkedHashMap<>();
    final Map<Long, TaskRun> tasksByUid = new HashMap<>();
    /**
     * Tasks an operator reassigned to each peer ({@link TaskRun#preferredPeer}), so a peer that
     * leaves frees its reservations without scanning every task in memory. Change it only
     * through {@link #prefer}.
     */
    final Map<String, Set<TaskRun>> preferredByPeer = new HashMap<>();
    /** Attempts of the jobs in memory, live and ended, by lease. */
    final Map<Long, AttemptRun> attempts = new HashMap<>();
    final Map<String, Peer> peers = new HashMap<>();
    /** Ready tasks per shared job; submitted jobs share {@link #submittedReady}. */
    final Map<Long, TreeSet<TaskRun>> readyByJob = new HashMap<>();
    final TreeSet<TaskRun> submittedReady = new TreeSet<>(SUBMITTED_ORDER);
    /** Failed tasks of submitted jobs waiting out their retry backoff, soonest first (stale entries skipped). */
    final PriorityQueue<TaskRun> backoff = new PriorityQueue<>(Comparator.comparingLong(t -> t.readySince));
    /** Live schedules by id. */
    final Map<Long, io.taskshard.model.ScheduleRecord> schedules = new LinkedHashMap<>();
    long lastScheduleId;
    final Map<String, Long> expectedMs;
    /** Live attempts with an execution cap, soonest first; ended ones are skipped when popped. */
    final PriorityQueue<AttemptRun> deadlines = new PriorityQueue<>(Comparator.comparingLong(a -> a.deadline));
    /** Peers within their reconnect grace period. */
    final Set<Peer> disconnected = new LinkedHashSet<>();
    /** Jobs whose ready tasks may now go to some peer; handled at the end of each event. */
    final Set<Job> dirtyJobs = new LinkedHashSet<>();
    /** Jobs whose task counts changed since their record last went out (they add themselves: Job.countMove). */
    final Set<Job> countsTouched = new LinkedHashSet<>();
    boolean workersDirty;
    long lastSilenceCheck;
    long lastLease;
    long lastJobId;
    long lastTaskUid;

    State(SchedulerConfig config, Map<String, Long> expectedMs) {
        this.config = config;
        this.expectedMs = new HashMap<>(expectedMs);
    }

    TreeSet<TaskRun> readySetOf(Job job) {
        if (job.kind == JobKind.SUBMITTED) {
            return submittedReady;
        }
        return readyByJob.computeIfAbsent(job.id, id -> new TreeSet<>(READY_ORDER));
    }

    /** Sets (or with null clears) the peer a task is reserved for, keeping {@link #preferredByPeer} in step. */
    void prefer(TaskRun t, String peerId) {
        if (Objects.equals(t.preferredPeer, peerId)) {
            return;
        }
        if (t.preferredPeer != null) {
            Set<TaskRun> reserved = preferredByPeer.get(t.preferredPeer);
            if (reserved != null && reserved.remove(t) && reserved.isEmpty()) {
                preferredByPeer.remove(t.preferredPeer);
            }
        }
        t.preferredPeer = peerId;
        if (peerId != null) {
            preferredByPeer.computeIfAbsent(peerId, id -> new HashSet<>()).add(t);
        }
    }

    static String taskKey(String schemaName, String taskId) {
        return schemaName + "::" + taskId;
    }

    long expectedOf(String schemaName, String taskId) {
        Long known = expectedMs.get(taskKey(schemaName, taskId));
        return known != null ? known : config.defaultExpectedMs();
    }

    /** The last observed run time of this task, 0 when never observed (what the UIs show as "~30 s"). */
    long observedOf(String schemaName, String taskId) {
        Long known = expectedMs.get(taskKey(schemaName, taskId));
        return known != null ? known : 0;
    }

    void markDirty(Job job) {
        if (job.kind == JobKind.SUBMITTED) {
            workersDirty = true;
        } else {
            dirtyJobs.add(job);
        }
    }
}
