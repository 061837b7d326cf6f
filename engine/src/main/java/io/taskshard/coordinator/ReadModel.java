package io.taskshard.coordinator;

import io.taskshard.model.AttemptRecord;
import io.taskshard.model.AttemptState;
import io.taskshard.model.AuditRecord;
import io.taskshard.model.Change;
import io.taskshard.model.JobRecord;
import io.taskshard.model.PeerRecord;
import io.taskshard.model.PeerState;
import io.taskshard.model.RecoveredState;
import io.taskshard.model.ScheduleRecord;
import io.taskshard.model.TaskRecord;
import io.taskshard.model.TaskSpec;
import io.taskshard.store.Store;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the operator API reads: the latest immutable record of every job, task, attempt and
 * peer, kept up to date from the committed batches.
 *
 * <p>One writer (the coordinator thread, through {@link #onCommitted}), many readers (HTTP and
 * WebSocket threads). Every map holds immutable records, so each record read is a consistent
 * snapshot of its entity; no lock is ever held by a reader. A sequence counter, odd while a
 * batch is being applied (a seqlock), lets {@link #snapshot()} tell whether what it copied is
 * the state of exactly one version.
 *
 * <p>Finished jobs are kept for a bounded number ({@link #DEFAULT_RETAINED_FINISHED_JOBS});
 * older ones are forgotten here and must be read from the {@link Store}.
 */
public final class ReadModel implements BatchListener {
    public static final int DEFAULT_RETAINED_FINISHED_JOBS = 200;
    /** Peers that left or were lost are kept (for display) up to this many. */
    public static final int DEFAULT_RETAINED_GONE_PEERS = 500;
    public static final int DEFAULT_RETAINED_AUDIT = 1_000;
    /** How often {@link #snapshot()} retries to copy one exact version before settling. */
    public static final int DEFAULT_SNAPSHOT_ATTEMPTS = 8;

    private static final Logger log = LoggerFactory.getLogger(ReadModel.class);

    private final int retainedFinishedJobs;
    private final int retainedGonePeers;
    private final int retainedAudit;

    private final ConcurrentHashMap<Long, JobEntry> jobs = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Long, TaskRecord> tasksByUid = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Long, AttemptRecord> attemptsByLease = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, PeerRecord> peers = new ConcurrentHashMap<>();
    private final ConcurrentLinkedDeque<AuditRecord> audit = new ConcurrentLinkedDeque<>();
    private final ConcurrentHashMap<Long, ScheduleRecord> schedules = new ConcurrentHashMap<>();
    /** Twice the version, plus one while a batch is being applied. */
    private final AtomicLong seq = new AtomicLong();

    // Touched by the coordinator thread only.
    private final Deque<Long> finishedOrder = new ArrayDeque<>();
    private final Deque<String> goneOrder = new ArrayDeque<>();
    private int auditSize;

    public ReadModel() {
        this(DEFAULT_RETAINED_FINISHED_JOBS, DEFAULT_RETAINED_GONE_PEERS, DEFAULT_RETAINED_AUDIT);
    }

    public ReadModel(int retainedFinishedJobs, int retainedGonePeers, int retainedAudit) {
        this.retainedFinishedJobs = retainedFinishedJobs;
        this.retainedGonePeers = retainedGonePeers;
        this.retainedAudit = retainedAudit;
    }

    /**
     * Loads what the store recovered (unfinished jobs and their peers). Call once, before the
     * coordinator starts, since recovered state reaches no listener as changes.
     */
    public void seed(RecoveredState state) {
        write(() -> {
            for (JobRecord job : state.jobs()) {
                jobs.put(job.id(), new JobEntry(job, state.specsByJob().getOrDefault(job.id(), List.of())));
                noteFinished(job);
            }
            state.tasks().forEach(this::putTask);
            state.attempts().forEach(this::putAttempt);
            state.peers().forEach(p -> putPeer(recovered(p, state.attempts())));
            state.schedules().forEach(sr -> schedules.put(sr.id(), sr));
        });
    }

    /**
     * A peer as the restarted scheduler holds it: away (it gets the reconnect grace period) and
     * running exactly its recovered live attempts — its stored record may say connected and list
     * leases that ended since it was written.
     */
    private static PeerRecord recovered(PeerRecord p, List<AttemptRecord> attempts) {
        List<Long> running = attempts.stream()
                .filter(a -> p.id().equals(a.peerId()) && a.state() != null && a.state().isLive())
                .map(AttemptRecord::lease).toList();
        return new PeerRecord(p.id(), p.jobId(), PeerState.DISCONNECTED, p.slots(), p.labels(), p.resources(),
                p.draining(), p.worker(), running, p.tasksDone(), p.connectedAt(), p.lastSeenAt());
    }

    @Override
    public void onCommitted(List<Change> changes, long now) {
        write(() -> changes.forEach(this::apply));
    }

    private void write(Runnable apply) {
        seq.incrementAndGet();
        try {
            apply.run();
        } finally {
            seq.incrementAndGet();
        }
    }

    private void apply(Change change) {
        switch (change) {
            case Change.JobCreated c -> {
                jobs.put(c.job().id(), new JobEntry(c.job(), c.specs()));
                c.tasks().forEach(this::putTask);
                noteFinished(c.job());
            }
            case Change.JobChanged c -> putJob(c.job());
            case Change.TaskChanged c -> putTask(c.task());
            case Change.AttemptChanged c -> putAttempt(c.attempt());
            case Change.PeerChanged c -> putPeer(c.peer());
            case Change.Audited c -> putAudit(c.audit());
            case Change.DurationObserved ignored -> {
                // history is the scheduler's business; operators see durations on attempts
            }
            case Change.ScheduleChanged c -> schedules.put(c.schedule().id(), c.schedule());
            case Change.ScheduleRemoved c -> schedules.remove(c.scheduleId());
        }
    }

    private void putJob(JobRecord job) {
        JobEntry entry = jobs.get(job.id());
        if (entry == null) {
            // A change for a job we never saw created (or already forgot): keep it, without specs.
            log.warn("read model: job {} changed but was never created here; showing it without task specs", job.id());
            entry = new JobEntry(job, List.of());
            jobs.put(job.id(), entry);
        }
        entry.job = job;
        noteFinished(job);
    }

    private void putTask(TaskRecord task) {
        JobEntry entry = jobs.get(task.jobId());
        if (entry == null) {
            log.warn("read model: task {} ('{}') of unknown job {} ignored", task.uid(), task.taskId(), task.jobId());
            return;
        }
        entry.tasks.put(task.taskId(), task);
        tasksByUid.put(task.uid(), task);
    }

    private void putAttempt(AttemptRecord attempt) {
        JobEntry entry = jobs.get(attempt.jobId());
        if (entry == null) {
            log.warn("read model: attempt {} of unknown job {} ignored", attempt.lease(), attempt.jobId());
            return;
        }
        entry.attempts.put(attempt.lease(), attempt);
        AttemptRecord previous = attemptsByLease.put(attempt.lease(), attempt);
        patchPeer(attempt, previous == null ? null : previous.state());
    }

    /**
     * The scheduler persists a peer only when it joins, leaves or is drained, so its record's
     * {@code running}, {@code tasksDone} and {@code lastSeenAt} go stale in between. Operators
     * see them live: every attempt change is folded into its peer's record here.
     */
    private void patchPeer(AttemptRecord a, AttemptState previous) {
        PeerRecord p = a.peerId() == null ? null : peers.get(a.peerId());
        if (p == null) {
            return;
        }
        List<Long> running = new ArrayList<>(p.running());
        if (a.state().isLive()) {
            if (!running.contains(a.lease())) {
                running.add(a.lease());
            }
        } else {
            running.remove(a.lease());
        }
        int done = p.tasksDone()
                + (a.state() == AttemptState.SUCCEEDED && previous != AttemptState.SUCCEEDED ? 1 : 0);
        // Started and finished are frames from the peer itself; other times are the coordinator's.
        long heard = switch (a.state()) {
            case RUNNING -> a.startedAt();
            case SUCCEEDED, FAILED, ERROR -> a.endedAt();
            default -> 0;
        };
        peers.put(p.id(), new PeerRecord(p.id(), p.jobId(), p.state(), p.slots(), p.labels(), p.resources(),
                p.draining(), p.worker(), running, done, p.connectedAt(), Math.max(p.lastSeenAt(), heard)));
    }

    private void putPeer(PeerRecord peer) {
        peers.put(peer.id(), peer);
        if (isGone(peer)) {
            goneOrder.remove(peer.id());
            goneOrder.addLast(peer.id());
            while (goneOrder.size() > retainedGonePeers) {
                String oldest = goneOrder.removeFirst();
                PeerRecord p = peers.get(oldest);
                if (p != null && isGone(p)) {
                    peers.remove(oldest);
                }
            }
        }
    }

    private static boolean isGone(PeerRecord peer) {
        return peer.state() == PeerState.LEFT || peer.state() == PeerState.LOST;
    }

    private void putAudit(AuditRecord record) {
        audit.addFirst(record);
        if (++auditSize > retainedAudit) {
            audit.pollLast();
            auditSize--;
        }
    }

    /** Remembers the order jobs finished in, and forgets the oldest beyond the retention bound. */
    private void noteFinished(JobRecord job) {
        if (!job.state().isEnd() || finishedOrder.contains(job.id())) {
            return;
        }
        finishedOrder.addLast(job.id());
        while (finishedOrder.size() > retainedFinishedJobs) {
            long oldest = finishedOrder.removeFirst();
            JobEntry entry = jobs.get(oldest);
            if (entry != null && entry.job.state().isEnd()) {
                jobs.remove(oldest);
                entry.tasks.values().forEach(t -> tasksByUid.remove(t.uid()));
                entry.attempts.keySet().forEach(attemptsByLease::remove);
            }
        }
    }

    // ---------------------------------------------------------------- reads (any thread)

    /** Number of writes so far: committed batches, plus one for {@link #seed} when it ran. */
    public long version() {
        return seq.get() / 2;
    }

    public Optional<JobRecord> job(long id) {
        JobEntry entry = jobs.get(id);
        return entry == null ? Optional.empty() : Optional.of(entry.job);
    }

    /** Every job held here, most recent (highest id) first. */
    public List<JobRecord> jobs() {
        List<JobRecord> out = new ArrayList<>(jobs.size());
        jobs.values().forEach(e -> out.add(e.job));
        out.sort(Comparator.comparingLong(JobRecord::id).reversed());
        return out;
    }

    /** The whole job: tasks in schema order, attempts by lease. Empty when not held here. */
    public Optional<Store.JobDetail> jobDetail(long id) {
        JobEntry entry = jobs.get(id);
        if (entry == null) {
            return Optional.empty();
        }
        return Optional.of(new Store.JobDetail(entry.job, entry.specs, entry.orderedTasks(), entry.orderedAttempts()));
    }

    public Optional<TaskRecord> task(long uid) {
        return Optional.ofNullable(tasksByUid.get(uid));
    }

    public Optional<TaskRecord> task(long jobId, String taskId) {
        JobEntry entry = jobs.get(jobId);
        return entry == null ? Optional.empty() : Optional.ofNullable(entry.tasks.get(taskId));
    }

    public Optional<TaskSpec> spec(long jobId, String taskId) {
        JobEntry entry = jobs.get(jobId);
        return entry == null ? Optional.empty() : Optional.ofNullable(entry.specById.get(taskId));
    }

    public Optional<AttemptRecord> attempt(long lease) {
        return Optional.ofNullable(attemptsByLease.get(lease));
    }

    /** Attempts of one task, by lease. */
    public List<AttemptRecord> attempts(long jobId, String taskId) {
        JobEntry entry = jobs.get(jobId);
        if (entry == null) {
            return List.of();
        }
        return entry.orderedAttempts().stream().filter(a -> a.taskId().equals(taskId)).toList();
    }

    /** Every peer held here, by id. */
    public List<PeerRecord> peers() {
        List<PeerRecord> out = new ArrayList<>(peers.values());
        out.sort(Comparator.comparing(PeerRecord::id));
        return out;
    }

    public Optional<PeerRecord> peer(String id) {
        return Optional.ofNullable(peers.get(id));
    }

    /** The live schedules, by id. */
    public List<ScheduleRecord> schedules() {
        List<ScheduleRecord> out = new ArrayList<>(schedules.values());
        out.sort(Comparator.comparingLong(ScheduleRecord::id));
        return out;
    }

    public Optional<ScheduleRecord> schedule(long id) {
        return Optional.ofNullable(schedules.get(id));
    }

    /** The tasks of one job held here, in schema order; empty when the job is not held. */
    public List<TaskRecord> tasksOf(long jobId) {
        JobEntry entry = jobs.get(jobId);
        return entry == null ? List.of() : entry.orderedTasks();
    }

    /** Tasks of jobs that are still running. */
    public List<TaskRecord> unfinishedTasks() {
        List<TaskRecord> out = new ArrayList<>();
        for (JobEntry entry : jobs.values()) {
            if (!entry.job.state().isEnd()) {
                out.addAll(entry.orderedTasks());
            }
        }
        return out;
    }

    /** Audit entries seen since start, newest first. */
    public List<AuditRecord> recentAudit(int limit) {
        return audit.stream().limit(limit).toList();
    }

    /**
     * A copy of the state at one version: every job and peer held, and the tasks and attempts
     * of unfinished jobs. Tries {@link #DEFAULT_SNAPSHOT_ATTEMPTS} times to copy between two
     * batches; if batches keep arriving, returns a copy that holds everything up to
     * {@code version} and possibly parts of later batches ({@code exact == false}): applying
     * the later batches on top of it still ends in the right state, since changes carry whole
     * records.
     */
    public Snapshot snapshot() {
        Snapshot last = null;
        for (int i = 0; i < DEFAULT_SNAPSHOT_ATTEMPTS; i++) {
            long before = seq.get();
            last = copy(before / 2, false);
            if ((before & 1) == 0 && seq.get() == before) {
                return new Snapshot(last.version(), true, last.jobs(), last.peers(), last.tasks(), last.attempts());
            }
            Thread.onSpinWait();
        }
        return last;
    }

    private Snapshot copy(long version, boolean exact) {
        List<JobRecord> jobList = new ArrayList<>();
        List<TaskRecord> taskList = new ArrayList<>();
        List<AttemptRecord> attemptList = new ArrayList<>();
        for (JobEntry entry : jobs.values()) {
            JobRecord job = entry.job;
            jobList.add(job);
            if (!job.state().isEnd()) {
                taskList.addAll(entry.orderedTasks());
                attemptList.addAll(entry.orderedAttempts());
            }
        }
        jobList.sort(Comparator.comparingLong(JobRecord::id).reversed());
        return new Snapshot(version, exact, jobList, peers(), taskList, attemptList);
    }

    /** See {@link #snapshot()}. */
    public record Snapshot(long version, boolean exact, List<JobRecord> jobs, List<PeerRecord> peers,
                           List<TaskRecord> tasks, List<AttemptRecord> attempts) {
    }

    /** Resolves a task id as written in an operator URL; see {@link TaskLookup}. */
    public TaskLookup resolveTask(String pathId, Long jobId) {
        return TaskLookup.resolve(this, pathId, jobId);
    }

    /** The jobs held here, for {@link TaskLookup}: id, whether finished, and whether it has the task. */
    List<JobEntry> entries() {
        return List.copyOf(jobs.values());
    }

    JobEntry entry(long jobId) {
        return jobs.get(jobId);
    }
}
