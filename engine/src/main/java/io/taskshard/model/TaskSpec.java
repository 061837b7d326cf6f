package io.taskshard.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One task of a schema, normalised from any of the accepted schema forms.
 *
 * @param id        unique within the schema
 * @param target    e.g. a Bazel label; may be null when {@code command} is set
 * @param command   a shell command; may be null when {@code target} is set
 * @param priority  higher goes first; default 0
 * @param attempts  how many attempts before the task fails; default {@link #DEFAULT_ATTEMPTS}
 * @param timeoutMs execution cap of one attempt in milliseconds; 0 = none
 * @param needs     ids of tasks that must succeed before this one is ready
 * @param resources what one attempt needs
 * @param labels    labels a peer must carry to run it
 * @param extra     every other field of the schema entry, passed to the peer untouched
 *                  (e.g. {@code simulate: 3s} for the simulated runner)
 */
public record TaskSpec(
        String id,
        String target,
        String command,
        int priority,
        int attempts,
        long timeoutMs,
        List<String> needs,
        Resources resources,
        List<String> labels,
        Map<String, Object> extra) {

    public static final int DEFAULT_ATTEMPTS = 3;
    /**
     * How long a task with no recorded run is expected to take: the scheduler's ready order and
     * the analysis's estimates use the same figure (the scheduler's is configurable).
     */
    public static final long DEFAULT_EXPECTED_MS = 60_000;
    /**
     * The task field (kept in {@link #extra()}, so peers see it too) that states how long the
     * task may wait for a worker before its wait counts as a breach: milliseconds or a duration
     * like {@code "10m"}. Only submitted jobs use it.
     */
    public static final String DELAY_TOLERANCE_FIELD = "delayTolerance";

    public TaskSpec {
        Objects.requireNonNull(id, "id");
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1, got " + attempts);
        }
        if (timeoutMs < 0) {
            throw new IllegalArgumentException("timeout must not be negative");
        }
        needs = List.copyOf(needs == null ? List.of() : needs);
        labels = List.copyOf(labels == null ? List.of() : labels);
        resources = resources == null ? Resources.NONE : resources;
        extra = extra == null ? Map.of() : Map.copyOf(extra);
    }

    /** A task with only an id and a target, everything else defaulted. */
    public static TaskSpec ofTarget(String id, String target) {
        return new TaskSpec(id, target, null, 0, DEFAULT_ATTEMPTS, 0, List.of(), Resources.NONE, List.of(), Map.of());
    }

    public TaskSpec withNeeds(List<String> newNeeds) {
        return new TaskSpec(id, target, command, priority, attempts, timeoutMs, newNeeds, resources, labels, extra);
    }

    /**
     * How long this task may wait while ready before it breaches its delay tolerance, from
     * the {@value #DELAY_TOLERANCE_FIELD} field; 0 when none is stated or it is unreadable
     * (the API refuses unreadable values, see {@link #delayToleranceProblem()}).
     */
    public long delayToleranceMs() {
        Object v = extra.get(DELAY_TOLERANCE_FIELD);
        try {
            return v == null ? 0 : Math.max(0, toMillis(v));
        } catch (IllegalArgumentException e) {
            return 0;
        }
    }

    /** Why {@value #DELAY_TOLERANCE_FIELD} cannot be read, or null when it is absent or fine. */
    public String delayToleranceProblem() {
        Object v = extra.get(DELAY_TOLERANCE_FIELD);
        if (v == null) {
            return null;
        }
        try {
            return toMillis(v) < 0 ? "task '" + id + "': delayTolerance must not be negative, got " + v : null;
        } catch (IllegalArgumentException e) {
            return "task '" + id + "': delayTolerance: " + e.getMessage();
        }
    }

    private static long toMillis(Object v) {
        if (v instanceof Number n) {
            return n.longValue();
        }
        if (v instanceof String s) {
            return Durations.parseMillis(s);
        }
        throw new IllegalArgumentException("must be a duration like \"10m\" or a number of milliseconds, got " + v);
    }

    public TaskSpec withPriority(int newPriority) {
        return new TaskSpec(id, target, command, newPriority, attempts, timeoutMs, needs, resources, labels, extra);
    }
}
