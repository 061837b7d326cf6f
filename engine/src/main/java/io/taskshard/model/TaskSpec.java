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

    public TaskSpec withPriority(int newPriority) {
        return new TaskSpec(id, target, command, newPriority, attempts, timeoutMs, needs, resources, labels, extra);
    }
}
