package io.taskshard.model;

import java.util.List;
import java.util.Objects;

/**
 * A named list of tasks, as loaded from a schema file or received in a {@code hello}.
 * Validation (unique ids, known needs, no cycles) happens where schemas enter the system:
 * {@code io.taskshard.schema.SchemaValidator}.
 */
public record Schema(String name, List<TaskSpec> tasks) {
    public Schema {
        Objects.requireNonNull(name, "name");
        tasks = List.copyOf(tasks);
    }
}
