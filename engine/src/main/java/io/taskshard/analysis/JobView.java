package io.taskshard.analysis;

import io.taskshard.model.AttemptRecord;
import io.taskshard.model.JobRecord;
import io.taskshard.model.PeerRecord;
import io.taskshard.model.TaskRecord;
import io.taskshard.model.TaskSpec;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * One job as the store or the read model holds it: the input of every analysis in this package.
 * Validated on construction, so the analyses can trust it.
 *
 * @param job               the job
 * @param specs             its tasks, in schema order
 * @param tasks             the changing state of its tasks (may be empty when unknown)
 * @param attempts          every attempt of the job, in any state
 * @param slotsByPeer       every peer that took part, with its slot count, sorted by peer id.
 *                          Peers that ran nothing count when given. A peer that ran attempts but
 *                          is missing here is added with the most attempts it held at once.
 * @param expectedMs        expected duration of tasks without a successful attempt (task history)
 * @param defaultExpectedMs expected duration of a task found neither in attempts nor in {@code expectedMs}
 */
public record JobView(
        JobRecord job,
        List<TaskSpec> specs,
        List<TaskRecord> tasks,
        List<AttemptRecord> attempts,
        Map<String, Integer> slotsByPeer,
        Map<String, Long> expectedMs,
        long defaultExpectedMs) {

    /** Same default the scheduler uses for a task with no history. */
    public static final long DEFAULT_EXPECTED_MS = TaskSpec.DEFAULT_EXPECTED_MS;

    /**
     * @throws IllegalArgumentException naming the culprit when a task id repeats, a need names no
     *                                  task, needs form a cycle, an attempt belongs to another job or
     *                                  to no task of this one, a slot count is below 1, or an expected
     *                                  duration is negative
     */
    public JobView {
        Objects.requireNonNull(job, "job");
        specs = List.copyOf(Objects.requireNonNull(specs, "specs"));
        tasks = List.copyOf(tasks == null ? List.of() : tasks);
        attempts = List.copyOf(attempts == null ? List.of() : attempts);
        expectedMs = Map.copyOf(expectedMs == null ? Map.of() : expectedMs);
        if (defaultExpectedMs < 0) {
            throw new IllegalArgumentException(
                    "default expected duration must not be negative, got " + defaultExpectedMs);
        }
        expectedMs.forEach((task, ms) -> {
            if (ms < 0) {
                throw new IllegalArgumentException("expected duration of task '" + task + "' is negative: " + ms);
            }
        });
        TaskGraph graph = TaskGraph.of(specs);
        for (AttemptRecord a : attempts) {
            if (a.jobId() != job.id()) {
                throw new IllegalArgumentException("attempt with lease " + a.lease() + " belongs to job " + a.jobId()
                        + ", not to job " + job.id());
            }
            if (!graph.index.containsKey(a.taskId())) {
                throw new IllegalArgumentException("attempt with lease " + a.lease() + " is for task '" + a.taskId()
                        + "', which is not a task of job " + job.id());
            }
            Objects.requireNonNull(a.peerId(), () -> "attempt with lease " + a.lease() + " has no peer");
            Objects.requireNonNull(a.state(), () -> "attempt with lease " + a.lease() + " has no state");
        }
        slotsByPeer = withAttemptPeers(slotsByPeer == null ? Map.of() : slotsByPeer, attempts);
    }

    /** A view with the {@link #DEFAULT_EXPECTED_MS default} expected duration. */
    public JobView(JobRecord job, List<TaskSpec> specs, List<TaskRecord> tasks, List<AttemptRecord> attempts,
            Map<String, Integer> slotsByPeer, Map<String, Long> expectedMs) {
        this(job, specs, tasks, attempts, slotsByPeer, expectedMs, DEFAULT_EXPECTED_MS);
    }

    /**
     * A view whose peers are derived from peer records: every peer whose {@code jobId} is this job,
     * plus every peer that ran an attempt of it. Other peers are ignored, so passing all known
     * peers is fine. A peer id seen twice keeps its largest slot count.
     */
    public static JobView of(JobRecord job, List<TaskSpec> specs, List<TaskRecord> tasks,
            List<AttemptRecord> attempts, Collection<PeerRecord> peers, Map<String, Long> expectedMs) {
        Set<String> ranHere = new HashSet<>();
        for (AttemptRecord a : attempts) {
            ranHere.add(a.peerId());
        }
        Map<String, Integer> slots = new TreeMap<>();
        for (PeerRecord peer : peers) {
            if (peer.jobId() == job.id() || ranHere.contains(peer.id())) {
                slots.merge(peer.id(), peer.slots(), Math::max);
            }
        }
        return new JobView(job, specs, tasks, attempts, slots, expectedMs);
    }

    /** Sum of the slots of every peer of the job. */
    public int totalSlots() {
        return slotsByPeer.values().stream().mapToInt(Integer::intValue).sum();
    }

    /**
     * The latest time recorded anywhere in the view (job end, any attempt's assign/start/end). It
     * stands in for "now" when the caller has none: a running job is then shown as of its last
     * recorded event.
     */
    public long settledAt() {
        long latest = Math.max(job.createdAt(), job.finishedAt());
        for (AttemptRecord a : attempts) {
            latest = Math.max(latest, Math.max(a.assignedAt(), Math.max(a.startedAt(), a.endedAt())));
        }
        return latest;
    }

    private static Map<String, Integer> withAttemptPeers(Map<String, Integer> given, List<AttemptRecord> attempts) {
        Map<String, Integer> slots = new TreeMap<>();
        given.forEach((peer, count) -> {
            Objects.requireNonNull(peer, "peer id in slotsByPeer");
            if (count == null || count < 1) {
                throw new IllegalArgumentException(
                        "peer '" + peer + "' has " + count + " slots; every peer has at least 1");
            }
            slots.put(peer, count);
        });
        boolean missing = attempts.stream().anyMatch(a -> !slots.containsKey(a.peerId()));
        if (missing) {
            // Live attempts hold their slot indefinitely for this count, so "most at once" includes them.
            AttemptSpans.Slots used = AttemptSpans.assign(attempts, Long.MAX_VALUE);
            used.lanesByPeer().forEach(slots::putIfAbsent);
        }
        return Collections.unmodifiableMap(slots);
    }
}
