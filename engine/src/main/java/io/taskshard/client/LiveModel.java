package io.taskshard.client;

import io.taskshard.client.StreamFrame.AttemptUpdate;
import io.taskshard.client.StreamFrame.AuditUpdate;
import io.taskshard.client.StreamFrame.Delta;
import io.taskshard.client.StreamFrame.JobUpdate;
import io.taskshard.client.StreamFrame.PeerUpdate;
import io.taskshard.client.StreamFrame.Snapshot;
import io.taskshard.client.StreamFrame.TaskUpdate;
import io.taskshard.model.AttemptRecord;
import io.taskshard.model.AuditRecord;
import io.taskshard.model.JobRecord;
import io.taskshard.model.PeerRecord;
import io.taskshard.model.PeerState;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live, thread-safe view model of a coordinator that the UIs draw: jobs, their tasks and
 * attempts, peers and recent audit entries, folded from the event stream's frames
 * ({@link #apply}: a snapshot, then deltas of whole records put under their key).
 * {@link EventStream} feeds it; tests and replay tools may feed it directly.
 *
 * <p><b>Reading.</b> {@link #view()} returns an immutable {@link LiveView}, built lazily when
 * something changed since the last one and shared until the next change; only jobs touched
 * since then are copied again.
 *
 * <p><b>Listening.</b> Listeners run after each applied frame <em>on the thread that applied
 * it</em> (the event stream's network thread). UIs must hop to their own thread
 * ({@code Platform.runLater}, Lanterna's GUI thread) and should coalesce: take one
 * {@link #view()} per redraw, not one per change.
 *
 * <p><b>Order.</b> A delta must come after a snapshot and have a higher version than the model;
 * otherwise {@link OutOfSyncException} is thrown and nothing is applied (the event stream then
 * reconnects for a fresh snapshot). Versions may legitimately skip (batches with nothing to
 * show are not sent), so a missing delta cannot be detected from versions alone.
 *
 * <p><b>Bounded.</b> At most {@code maxFinishedJobs} finished jobs are kept (the oldest finished
 * go first, with their tasks and attempts), at most {@code maxAttemptsPerJob} attempts per job
 * (the oldest ended ones go first), {@code maxGonePeers} peers that left or were lost, and
 * {@code maxAudit} audit entries.
 */
public final class LiveModel {
    /** Same as the coordinator keeps in memory. */
    public static final int DEFAULT_MAX_FINISHED_JOBS = 200;
    public static final int DEFAULT_MAX_ATTEMPTS_PER_JOB = 10_000;
    public static final int DEFAULT_MAX_GONE_PEERS = 500;
    public static final int DEFAULT_MAX_AUDIT = 200;

    private static final Logger log = LoggerFactory.getLogger(LiveModel.class);

    /** A delta that does not follow what the model holds: resynchronise from a fresh snapshot. */
    public static final class OutOfSyncException extends ClientException {
        public OutOfSyncException(String message) {
            super(message);
        }
    }

    /** One job's part of the model; copied into the view only when {@code dirty}. */
    private static final class JobSlot {
        JobRecord job; // null while only tasks or attempts of it arrived
        final LinkedHashMap<Long, TaskInfo> tasks = new LinkedHashMap<>(); // schema order
        final TreeMap<Long, AttemptRecord> attempts = new TreeMap<>();
        boolean dirty = true;
        List<TaskInfo> frozenTasks = List.of();
        List<AttemptRecord> frozenAttempts = List.of();
    }

    private final int maxFinishedJobs;
    private final int maxAttemptsPerJob;
    private final int maxGonePeers;
    private final int maxAudit;
    private final List<Consumer<ModelChange>> listeners = new CopyOnWriteArrayList<>();

    private final Object lock = new Object();
    // Guarded by lock.
    private boolean synced;
    private long version;
    private Map<Long, JobSlot> jobs = new HashMap<>();
    private Map<String, PeerRecord> peers = new HashMap<>();
    private final List<AuditRecord> audit = new ArrayList<>(); // newest first
    /** The last view built; null when something changed since. */
    private volatile LiveView cached = LiveView.EMPTY;

    public LiveModel() {
        this(DEFAULT_MAX_FINISHED_JOBS, DEFAULT_MAX_ATTEMPTS_PER_JOB, DEFAULT_MAX_GONE_PEERS, DEFAULT_MAX_AUDIT);
    }

    public LiveModel(int maxFinishedJobs, int maxAttemptsPerJob, int maxGonePeers, int maxAudit) {
        if (maxFinishedJobs < 0 || maxAttemptsPerJob < 1 || maxGonePeers < 0 || maxAudit < 0) {
            throw new IllegalArgumentException("bounds must not be negative (and attempts per job at least 1): "
                    + maxFinishedJobs + ", " + maxAttemptsPerJob + ", " + maxGonePeers + ", " + maxAudit);
        }
        this.maxFinishedJobs = maxFinishedJobs;
        this.maxAttemptsPerJob = maxAttemptsPerJob;
        this.maxGonePeers = maxGonePeers;
        this.maxAudit = maxAudit;
    }

    /** Called after every applied frame, on the applying thread; see the class comment. */
    public void addListener(Consumer<ModelChange> listener) {
        listeners.add(listener);
    }

    public void removeListener(Consumer<ModelChange> listener) {
        listeners.remove(listener);
    }

    /** The current state, immutable. Cheap when nothing changed since the last call. */
    public LiveView view() {
        LiveView v = cached;
        if (v != null) {
            return v;
        }
        synchronized (lock) {
            if (cached == null) {
                cached = buildView();
            }
            return cached;
        }
    }

    /** The version of the last applied frame; 0 before the first snapshot. */
    public long version() {
        synchronized (lock) {
            return version;
        }
    }

    /**
     * Applies one frame and tells the listeners. A snapshot replaces the whole model at once
     * (audit entries are kept: snapshots carry none).
     *
     * @throws OutOfSyncException for a delta before any snapshot, or not newer than the model
     */
    public ModelChange apply(StreamFrame frame) {
        ModelChange change;
        synchronized (lock) {
            change = switch (frame) {
                case Snapshot s -> replace(s);
                case Delta d -> fold(d);
            };
            cached = null;
        }
        notifyListeners(change);
        return change;
    }

    /**
     * Adds audit entries read with {@code GET /api/v1/audit} (the snapshot has none), skipping
     * ones already held, keeping the newest first.
     */
    public ModelChange mergeAudit(List<AuditRecord> entries) {
        ModelChange change;
        synchronized (lock) {
            Set<AuditRecord> all = new LinkedHashSet<>(audit);
            boolean added = all.addAll(entries);
            audit.clear();
            audit.addAll(all);
            audit.sort(Comparator.comparingLong(AuditRecord::at).reversed()); // stable: ties keep their order
            trimAudit();
            cached = null;
            change = new ModelChange.Updated(version, Set.of(), Set.of(), added);
        }
        notifyListeners(change);
        return change;
    }

    private ModelChange replace(Snapshot s) {
        Map<Long, JobSlot> newJobs = new HashMap<>();
        for (JobRecord job : s.jobs()) {
            slot(newJobs, job.id()).job = job;
        }
        s.tasks().forEach(t -> slot(newJobs, t.jobId()).tasks.put(t.uid(), t));
        s.attempts().forEach(a -> slot(newJobs, a.jobId()).attempts.put(a.lease(), a));
        Map<String, PeerRecord> newPeers = new HashMap<>();
        s.peers().forEach(p -> newPeers.put(p.id(), p));
        jobs = newJobs;
        peers = newPeers;
        version = s.version();
        synced = true;
        newJobs.keySet().forEach(this::trimAttempts);
        evictFinishedJobs();
        evictGonePeers();
        log.debug("live model: snapshot at version {} ({} jobs, {} peers, {} tasks, {} attempts)", s.version(),
                s.jobs().size(), s.peers().size(), s.tasks().size(), s.attempts().size());
        return new ModelChange.Resynced(version);
    }

    private ModelChange fold(Delta d) {
        if (!synced) {
            throw new OutOfSyncException("delta " + d.version() + " arrived before any snapshot");
        }
        if (d.version() <= version) {
            throw new OutOfSyncException("delta " + d.version() + " is not newer than the model (version "
                    + version + ")");
        }
        Set<Long> touchedJobs = new LinkedHashSet<>();
        Set<String> touchedPeers = new LinkedHashSet<>();
        boolean audited = false;
        for (StreamFrame.Update u : d.changes()) {
            switch (u) {
                case JobUpdate c -> {
                    slot(jobs, c.job().id()).job = c.job();
                    touchedJobs.add(c.job().id());
                }
                case TaskUpdate c -> {
                    slot(jobs, c.task().jobId()).tasks.put(c.task().uid(), c.task());
                    touchedJobs.add(c.task().jobId());
                }
                case AttemptUpdate c -> {
                    slot(jobs, c.attempt().jobId()).attempts.put(c.attempt().lease(), c.attempt());
                    touchedJobs.add(c.attempt().jobId());
                }
                case PeerUpdate c -> {
                    peers.put(c.peer().id(), c.peer());
                    touchedPeers.add(c.peer().id());
                }
                case AuditUpdate c -> {
                    audit.addFirst(c.audit());
                    audited = true;
                }
            }
        }
        version = d.version();
        for (long id : touchedJobs) {
            JobSlot slot = jobs.get(id);
            slot.dirty = true;
            if (slot.job == null) {
                log.warn("live model: delta {} changed tasks or attempts of job {}, whose job record is unknown here;"
                        + " kept without it", d.version(), id);
            }
            trimAttempts(id);
        }
        touchedJobs.addAll(evictFinishedJobs());
        touchedPeers.addAll(evictGonePeers());
        trimAudit();
        return new ModelChange.Updated(version, touchedJobs, touchedPeers, audited);
    }

    private static JobSlot slot(Map<Long, JobSlot> jobs, long id) {
        return jobs.computeIfAbsent(id, k -> new JobSlot());
    }

    /** Drops the oldest ended attempts of a job beyond the bound; live ones always stay. */
    private void trimAttempts(long jobId) {
        JobSlot slot = jobs.get(jobId);
        int excess = slot.attempts.size() - maxAttemptsPerJob;
        for (Iterator<AttemptRecord> it = slot.attempts.values().iterator(); excess > 0 && it.hasNext(); ) {
            if (!it.next().state().isLive()) {
                it.remove();
                excess--;
            }
        }
    }

    /** Forgets the oldest finished jobs beyond the bound; returns their ids. */
    private Set<Long> evictFinishedJobs() {
        List<JobRecord> finished = new ArrayList<>();
        for (JobSlot slot : jobs.values()) {
            if (slot.job != null && slot.job.state().isEnd()) {
                finished.add(slot.job);
            }
        }
        if (finished.size() <= maxFinishedJobs) {
            return Set.of();
        }
        finished.sort(Comparator.comparingLong(JobRecord::finishedAt).thenComparingLong(JobRecord::id));
        Set<Long> evicted = new HashSet<>();
        for (JobRecord job : finished.subList(0, finished.size() - maxFinishedJobs)) {
            jobs.remove(job.id());
            evicted.add(job.id());
        }
        return evicted;
    }

    /** Forgets the peers that left or were lost longest ago beyond the bound; returns their ids. */
    private Set<String> evictGonePeers() {
        List<PeerRecord> gone = peers.values().stream()
                .filter(p -> p.state() == PeerState.LEFT || p.state() == PeerState.LOST).toList();
        if (gone.size() <= maxGonePeers) {
            return Set.of();
        }
        Set<String> evicted = new HashSet<>();
        gone.stream().sorted(Comparator.comparingLong(PeerRecord::lastSeenAt).thenComparing(PeerRecord::id))
                .limit(gone.size() - maxGonePeers)
                .forEach(p -> {
                    peers.remove(p.id());
                    evicted.add(p.id());
                });
        return evicted;
    }

    private void trimAudit() {
        while (audit.size() > maxAudit) {
            audit.removeLast();
        }
    }

    private LiveView buildView() {
        List<JobRecord> jobList = new ArrayList<>();
        Map<Long, List<TaskInfo>> tasks = new HashMap<>();
        Map<Long, List<AttemptRecord>> attempts = new HashMap<>();
        jobs.forEach((id, slot) -> {
            if (slot.dirty) {
                slot.frozenTasks = List.copyOf(slot.tasks.values());
                slot.frozenAttempts = List.copyOf(slot.attempts.values());
                slot.dirty = false;
            }
            if (slot.job != null) {
                jobList.add(slot.job);
            }
            tasks.put(id, slot.frozenTasks);
            attempts.put(id, slot.frozenAttempts);
        });
        jobList.sort(Comparator.comparingLong(JobRecord::id).reversed());
        List<PeerRecord> peerList = new ArrayList<>(peers.values());
        peerList.sort(Comparator.comparing(PeerRecord::id));
        return new LiveView(synced, version, jobList, peerList, tasks, attempts, audit);
    }

    private void notifyListeners(ModelChange change) {
        for (Consumer<ModelChange> listener : listeners) {
            try {
                listener.accept(change);
            } catch (RuntimeException e) {
                // One broken listener must not starve the others or stop the stream.
                log.error("live model listener {} failed on {}", listener, change, e);
            }
        }
    }
}
