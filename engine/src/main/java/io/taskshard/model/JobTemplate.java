package io.taskshard.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A job for workers as submitted (or as a schedule makes one each time it fires): a schema and
 * optional overrides applied to every task. A null override leaves each task's own value.
 *
 * @param schema           the tasks
 * @param priority         every task's priority
 * @param labels           labels every task needs
 * @param resources        what every task needs (a resource class is resolved to this by the server)
 * @param attempts         every task's attempt limit (at least 1)
 * @param execCapMs        the execution cap of one attempt, milliseconds
 * @param delayToleranceMs how long every task may wait for a worker before it counts as a breach
 */
public record JobTemplate(Schema schema, Integer priority, List<String> labels, Resources resources,
                          Integer attempts, Long execCapMs, Long delayToleranceMs) {
    public JobTemplate {
        Objects.requireNonNull(schema, "schema");
        labels = labels == null ? null : List.copyOf(labels);
        if (attempts != null && attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1, got " + attempts);
        }
    }

    /** The schema's tasks with the overrides applied. */
    public List<TaskSpec> specs() {
        List<TaskSpec> specs = new ArrayList<>(schema.tasks().size());
        for (TaskSpec t : schema.tasks()) {
            Map<String, Object> extra = t.extra();
            if (delayToleranceMs != null) {
                extra = new LinkedHashMap<>(t.extra());
                extra.put(TaskSpec.DELAY_TOLERANCE_FIELD, delayToleranceMs);
            }
            specs.add(new TaskSpec(t.id(), t.target(), t.command(),
                    priority != null ? priority : t.priority(),
                    attempts != null ? attempts : t.attempts(),
                    execCapMs != null ? execCapMs : t.timeoutMs(),
                    t.needs(),
                    resources != null ? resources : t.resources(),
                    labels != null ? labels : t.labels(),
                    extra));
        }
        return specs;
    }
}
