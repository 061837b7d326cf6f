package io.taskshard.server.api;

import io.taskshard.model.Durations;
import io.taskshard.model.JobTemplate;
import io.taskshard.model.ResourceClasses;
import io.taskshard.model.Resources;
import io.taskshard.model.Schema;
import io.taskshard.model.TaskSpec;
import io.taskshard.protocol.TaskSpecJson;
import io.taskshard.schema.SchemaException;
import io.taskshard.schema.SchemaLoader;
import io.taskshard.schema.SchemaValidator;
import io.taskshard.scheduler.OperatorCommand;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads the body of {@code POST /api/v1/jobs} into a {@link OperatorCommand.Submit}. The schema
 * comes either as {@code schema} (an object in the wire task form) or as {@code schemaText}
 * (a schema file's text, YAML or JSON); the other fields override every task's own values.
 */
public final class SubmitRequest {
    /** The fields that describe the job (a schedule's body has these too). */
    static final Set<String> JOB_FIELDS = Set.of("schema", "schemaText", "priority", "labels", "resources",
            "resourceClass", "attempts", "execCap", "delayTolerance");
    static final Set<String> FIELDS = JOB_FIELDS;
    private static final Set<String> SCHEMA_FIELDS = Set.of("name", "tasks");
    private static final Set<String> RESOURCE_FIELDS = Set.of("cpu", "memoryMb");

    private SubmitRequest() {
    }

    /** Name of the schema text in error messages ({@code request:3:5: ...}). */
    static final String SCHEMA_TEXT_SOURCE = "request";

    /** Like {@link #parse(String, ResourceClasses)} with the default resource classes. */
    public static OperatorCommand.Submit parse(String body) {
        return parse(body, ResourceClasses.DEFAULTS);
    }

    /**
     * @throws ApiException 400 naming the offending field, or every problem of an invalid schema
     */
    public static OperatorCommand.Submit parse(String body, ResourceClasses classes) {
        return OperatorCommand.Submit.of(template(RequestBody.parse(body, FIELDS), classes));
    }

    /** The job part of a submit or schedule body ({@link #JOB_FIELDS}). */
    static JobTemplate template(RequestBody req, ResourceClasses classes) {
        if (req.has("schema") == req.has("schemaText")) {
            throw ApiException.badRequest("give exactly one of 'schema' (an object {name, tasks}) "
                    + "or 'schemaText' (the text of a schema file)");
        }
        Schema schema;
        if (req.has("schema")) {
            schema = wireSchema(req.optionalObject("schema"));
            List<String> problems = SchemaValidator.problems(schema);
            if (!problems.isEmpty()) {
                throw new ApiException(400, ApiException.BAD_REQUEST, "schema '" + schema.name() + "' is invalid: "
                        + problems.getFirst(), Map.of("problems", problems));
            }
        } else {
            try {
                schema = SchemaLoader.parse(req.requiredString("schemaText"), SCHEMA_TEXT_SOURCE);
            } catch (SchemaException e) {
                List<String> problems = e.problems().stream().map(Object::toString).toList();
                throw new ApiException(400, ApiException.BAD_REQUEST, "schemaText: " + e.getMessage(),
                        Map.of("problems", problems));
            }
        }
        List<String> toleranceProblems = schema.tasks().stream().map(TaskSpec::delayToleranceProblem)
                .filter(java.util.Objects::nonNull).toList();
        if (!toleranceProblems.isEmpty()) {
            throw new ApiException(400, ApiException.BAD_REQUEST, toleranceProblems.getFirst(),
                    Map.of("problems", toleranceProblems));
        }
        Integer attempts = req.optionalInt("attempts");
        if (attempts != null && attempts < 1) {
            throw ApiException.badRequest("field 'attempts' must be at least 1, got " + attempts);
        }
        Resources resources = resources(req.optionalObject("resources"));
        String resourceClass = req.optionalString("resourceClass");
        if (resourceClass != null) {
            if (resources != null) {
                throw ApiException.badRequest("give 'resources' or 'resourceClass', not both");
            }
            try {
                resources = classes.resolve(resourceClass);
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("resourceClass: " + e.getMessage());
            }
        }
        return new JobTemplate(schema, req.optionalInt("priority"), req.optionalStrings("labels"), resources,
                attempts, duration(req.raw("execCap"), "execCap"), duration(req.raw("delayTolerance"), "delayTolerance"));
    }

    @SuppressWarnings("unchecked")
    private static Schema wireSchema(Map<String, Object> m) {
        Set<String> unknown = new TreeSet<>(m.keySet());
        unknown.removeAll(SCHEMA_FIELDS);
        if (!unknown.isEmpty()) {
            throw ApiException.badRequest("schema: unknown field(s) " + unknown + "; a schema has 'name' and 'tasks'");
        }
        if (!(m.get("name") instanceof String name) || name.isBlank()) {
            throw ApiException.badRequest("schema: 'name' must be a non-empty string");
        }
        if (!(m.get("tasks") instanceof List<?> list) || list.isEmpty()) {
            throw ApiException.badRequest("schema: 'tasks' must be a non-empty list of task objects");
        }
        List<TaskSpec> tasks = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof Map<?, ?> task)) {
                throw ApiException.badRequest("schema.tasks[" + i + "] must be an object with at least an 'id'");
            }
            try {
                tasks.add(TaskSpecJson.fromWire((Map<String, Object>) task));
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("schema.tasks[" + i + "]: " + e.getMessage());
            }
        }
        return new Schema(name, tasks);
    }

    private static Resources resources(Map<String, Object> m) {
        if (m == null) {
            return null;
        }
        Set<String> unknown = new TreeSet<>(m.keySet());
        unknown.removeAll(RESOURCE_FIELDS);
        if (!unknown.isEmpty()) {
            throw ApiException.badRequest("resources: unknown field(s) " + unknown + "; use 'cpu' and 'memoryMb'");
        }
        double cpu = number(m.get("cpu"), "resources.cpu").doubleValue();
        Number mem = number(m.get("memoryMb"), "resources.memoryMb");
        if (mem.doubleValue() != Math.rint(mem.doubleValue())) {
            throw ApiException.badRequest("resources.memoryMb must be a whole number of MiB, got " + mem);
        }
        try {
            return new Resources(cpu, mem.longValue());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }

    private static Number number(Object v, String field) {
        if (v == null) {
            return 0;
        }
        if (v instanceof Number n) {
            return n;
        }
        throw ApiException.badRequest(field + " must be a number, got " + v);
    }

    /** A positive duration field: {@code "30m"}, {@code "1h30m"} or milliseconds. */
    private static Long duration(Object v, String field) {
        if (v == null) {
            return null;
        }
        long ms;
        if (v instanceof Integer || v instanceof Long) {
            ms = ((Number) v).longValue();
        } else if (v instanceof String s) {
            try {
                ms = Durations.parseMillis(s);
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest(field + ": " + e.getMessage());
            }
        } else {
            throw ApiException.badRequest(field + " must be a duration like \"30m\" or a number of milliseconds");
        }
        if (ms <= 0) {
            throw ApiException.badRequest(field + " must be positive, got " + v);
        }
        return ms;
    }
}
