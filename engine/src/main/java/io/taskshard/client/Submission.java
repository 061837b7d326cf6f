package io.taskshard.client;

import io.taskshard.model.Resources;
import io.taskshard.model.Schema;
import io.taskshard.protocol.TaskSpecJson;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A job to submit for workers ({@code POST /api/v1/jobs}): a schema, either as a {@link Schema}
 * (sent in the wire task form) or as the text of a schema file (YAML or JSON, checked by the
 * server, whose problems come back in {@link ApiException#problems()}), plus optional
 * overrides applied to every task. Null overrides are not sent.
 *
 * @param schema     the schema; exactly one of {@code schema} and {@code schemaText} is set
 * @param schemaText the text of a schema file
 * @param priority   every task's priority
 * @param labels     labels every task needs
 * @param resources  what every task needs
 * @param attempts   every task's attempt limit (at least 1)
 * @param execCap    the execution cap of one attempt (sent in milliseconds)
 * @param delayTolerance how long every task may wait for a worker before the wait counts as a breach
 * @param resourceClass  a resource preset of the server ({@code basic}, {@code regular}, {@code premium}
 *                       by default); not together with {@code resources}
 */
public record Submission(Schema schema, String schemaText, Integer priority, List<String> labels,
                         Resources resources, Integer attempts, Duration execCap, Duration delayTolerance,
                         String resourceClass) {
    public Submission {
        if ((schema == null) == (schemaText == null)) {
            throw new IllegalArgumentException("a submission needs exactly one of a schema or a schema text");
        }
        labels = labels == null ? null : List.copyOf(labels);
        if (attempts != null && attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1, got " + attempts);
        }
        if (execCap != null && (execCap.isNegative() || execCap.isZero())) {
            throw new IllegalArgumentException("execCap must be positive, got " + execCap);
        }
        if (delayTolerance != null && (delayTolerance.isNegative() || delayTolerance.isZero())) {
            throw new IllegalArgumentException("delayTolerance must be positive, got " + delayTolerance);
        }
        if (resourceClass != null && resources != null) {
            throw new IllegalArgumentException("give resources or a resource class, not both");
        }
    }

    /** A submission without delay tolerance and resource class (the fields it had first). */
    public Submission(Schema schema, String schemaText, Integer priority, List<String> labels, Resources resources,
                      Integer attempts, Duration execCap) {
        this(schema, schemaText, priority, labels, resources, attempts, execCap, null, null);
    }

    public static Submission of(Schema schema) {
        return new Submission(Objects.requireNonNull(schema, "schema"), null, null, null, null, null, null, null, null);
    }

    /** The text of a schema file, in any accepted form (docs/schemas.md). */
    public static Submission ofText(String schemaText) {
        return new Submission(null, Objects.requireNonNull(schemaText, "schemaText"), null, null, null, null, null,
                null, null);
    }

    public Submission withPriority(int v) {
        return new Submission(schema, schemaText, v, labels, resources, attempts, execCap, delayTolerance, resourceClass);
    }

    public Submission withLabels(List<String> v) {
        return new Submission(schema, schemaText, priority, v, resources, attempts, execCap, delayTolerance, resourceClass);
    }

    public Submission withResources(Resources v) {
        return new Submission(schema, schemaText, priority, labels, v, attempts, execCap, delayTolerance, resourceClass);
    }

    public Submission withAttempts(int v) {
        return new Submission(schema, schemaText, priority, labels, resources, v, execCap, delayTolerance, resourceClass);
    }

    public Submission withExecCap(Duration v) {
        return new Submission(schema, schemaText, priority, labels, resources, attempts, v, delayTolerance, resourceClass);
    }

    public Submission withDelayTolerance(Duration v) {
        return new Submission(schema, schemaText, priority, labels, resources, attempts, execCap, v, resourceClass);
    }

    public Submission withResourceClass(String v) {
        return new Submission(schema, schemaText, priority, labels, resources, attempts, execCap, delayTolerance, v);
    }

    /** The request body, as JSON-ready maps and lists. */
    Map<String, Object> toJson() {
        Map<String, Object> body = new LinkedHashMap<>();
        if (schema != null) {
            body.put("schema", Map.of("name", schema.name(),
                    "tasks", schema.tasks().stream().map(TaskSpecJson::toWire).toList()));
        } else {
            body.put("schemaText", schemaText);
        }
        if (priority != null) {
            body.put("priority", priority);
        }
        if (labels != null) {
            body.put("labels", labels);
        }
        if (resources != null) {
            body.put("resources", Map.of("cpu", resources.cpu(), "memoryMb", resources.memoryMb()));
        }
        if (attempts != null) {
            body.put("attempts", attempts);
        }
        if (execCap != null) {
            body.put("execCap", execCap.toMillis());
        }
        if (delayTolerance != null) {
            body.put("delayTolerance", delayTolerance.toMillis());
        }
        if (resourceClass != null) {
            body.put("resourceClass", resourceClass);
        }
        return body;
    }
}
