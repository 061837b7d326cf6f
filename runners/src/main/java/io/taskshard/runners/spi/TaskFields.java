package io.taskshard.runners.spi;

import io.taskshard.model.Durations;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Typed reads of a task's wire fields. A field of the wrong type is an
 * {@link IllegalArgumentException} naming the task, the field and what was expected, which a
 * runner turns into an {@code error} result.
 */
public final class TaskFields {
    private final String taskId;
    private final Map<String, Object> task;

    public TaskFields(String taskId, Map<String, Object> task) {
        this.taskId = taskId;
        this.task = task;
    }

    public boolean has(String field) {
        return task.get(field) != null;
    }

    /** A string field, or null when absent. */
    public String string(String field) {
        Object v = task.get(field);
        if (v == null || v instanceof String) {
            return (String) v;
        }
        throw wrong(field, "a string", v);
    }

    /** A whole-number field, or {@code dflt} when absent. */
    public long longValue(String field, long dflt) {
        Object v = task.get(field);
        if (v == null) {
            return dflt;
        }
        if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
            return n.longValue();
        }
        if (v instanceof String s && s.trim().matches("-?\\d+")) {
            return Long.parseLong(s.trim());
        }
        throw wrong(field, "a whole number", v);
    }

    /** A boolean field ({@code true}/{@code false}, also as strings), or null when absent. */
    public Boolean bool(String field) {
        Object v = task.get(field);
        if (v == null || v instanceof Boolean) {
            return (Boolean) v;
        }
        if (v instanceof String s && (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false"))) {
            return Boolean.parseBoolean(s);
        }
        throw wrong(field, "true or false", v);
    }

    /**
     * A duration field in milliseconds: a string like {@code 3s} or {@code 1500ms}, or a number
     * of milliseconds; -1 when absent.
     */
    public long durationMillis(String field) {
        Object v = task.get(field);
        if (v == null) {
            return -1;
        }
        long ms;
        if (v instanceof Number n) {
            ms = Math.round(n.doubleValue());
        } else if (v instanceof String s) {
            try {
                ms = Durations.parseMillis(s);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where(field) + e.getMessage(), e);
            }
        } else {
            throw wrong(field, "a duration like 3s or a number of milliseconds", v);
        }
        if (ms < 0) {
            throw wrong(field, "a duration that is not negative", v);
        }
        return ms;
    }

    /** A list of strings, or an empty list when absent. */
    public List<String> strings(String field) {
        Object v = task.get(field);
        if (v == null) {
            return List.of();
        }
        if (v instanceof List<?> list) {
            List<String> out = new ArrayList<>(list.size());
            for (Object o : list) {
                if (!(o instanceof String s)) {
                    throw wrong(field, "a list of strings", v);
                }
                out.add(s);
            }
            return List.copyOf(out);
        }
        throw wrong(field, "a list of strings", v);
    }

    /**
     * A map of names to plain values (strings, numbers, booleans), as strings; an empty map when
     * absent. Used for {@code env}.
     */
    public Map<String, String> stringMap(String field) {
        Object v = task.get(field);
        if (v == null) {
            return Map.of();
        }
        if (!(v instanceof Map<?, ?> map)) {
            throw wrong(field, "a map of names to values", v);
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            Object value = e.getValue();
            if (!(e.getKey() instanceof String key)
                    || !(value instanceof String || value instanceof Number || value instanceof Boolean)) {
                throw wrong(field, "a map of names to plain values (string, number, true/false)", v);
            }
            out.put(key, String.valueOf(value));
        }
        return out;
    }

    private String where(String field) {
        return "task '" + taskId + "', field '" + field + "': ";
    }

    private IllegalArgumentException wrong(String field, String expected, Object got) {
        return new IllegalArgumentException(where(field) + "must be " + expected + ", got " + describe(got));
    }

    /** The value and its JSON kind, e.g. {@code 'soon' (string)} or {@code [A=1] (list)}. */
    private static String describe(Object v) {
        String kind = switch (v) {
            case String s -> "string";
            case Number n -> "number";
            case Boolean b -> "boolean";
            case List<?> l -> "list";
            case Map<?, ?> m -> "map";
            default -> v.getClass().getSimpleName();
        };
        return (v instanceof String ? "'" + v + "'" : String.valueOf(v)) + " (" + kind + ")";
    }
}
