package io.taskshard.protocol;

import io.taskshard.model.Durations;
import io.taskshard.model.Resources;
import io.taskshard.model.TaskSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The wire (and rich-schema) form of one task: {@code id}, {@code target}, {@code command},
 * {@code priority}, {@code attempts}, {@code timeout}, {@code needs}, {@code resources},
 * {@code labels}, and any other field kept as-is in {@link TaskSpec#extra()}.
 * {@code timeout} is milliseconds on the wire; a duration string ({@code "30s"}) is accepted too.
 */
public final class TaskSpecJson {
    public static final Set<String> KNOWN_FIELDS =
            Set.of("id", "target", "command", "priority", "attempts", "timeout", "needs", "resources", "labels");

    private TaskSpecJson() {
    }

    /** The task as a JSON-ready map; the {@code assign} frame carries exactly this. */
    public static Map<String, Object> toWire(TaskSpec spec) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", spec.id());
        if (spec.target() != null) {
            m.put("target", spec.target());
        }
        if (spec.command() != null) {
            m.put("command", spec.command());
        }
        if (spec.priority() != 0) {
            m.put("priority", spec.priority());
        }
        m.put("attempts", spec.attempts());
        if (spec.timeoutMs() > 0) {
            m.put("timeout", spec.timeoutMs());
        }
        if (!spec.needs().isEmpty()) {
            m.put("needs", spec.needs());
        }
        if (!spec.resources().isNone()) {
            m.put("resources", Map.of("cpu", spec.resources().cpu(), "memoryMb", spec.resources().memoryMb()));
        }
        if (!spec.labels().isEmpty()) {
            m.put("labels", spec.labels());
        }
        spec.extra().forEach(m::putIfAbsent);
        return m;
    }

    /**
     * Reads a task from the JSON text of one object, as {@link #toWire} writes it.
     *
     * @throws IllegalArgumentException when the text is not one JSON object, or saying which
     *                                  field is wrong and why
     */
    public static TaskSpec fromJson(String json) {
        Map<String, Object> m;
        try {
            m = JsonValues.parseObject(json);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("not a JSON object: " + e.getMessage(), e);
        }
        return fromWire(m);
    }

    /**
     * Reads a task from a parsed JSON object.
     *
     * @throws IllegalArgumentException saying which field is wrong and why
     */
    public static TaskSpec fromWire(Map<String, Object> m) {
        Object id = m.get("id");
        if (!(id instanceof String s) || s.isBlank()) {
            throw new IllegalArgumentException("task needs a non-empty string 'id'");
        }
        String target = optString(m, "target");
        String command = optString(m, "command");
        int priority = (int) optLong(m, "priority", 0);
        int attempts = (int) optLong(m, "attempts", TaskSpec.DEFAULT_ATTEMPTS);
        long timeoutMs = optDuration(m, "timeout");
        List<String> needs = optStrings(m, "needs");
        List<String> labels = optStrings(m, "labels");
        Resources resources = Resources.NONE;
        if (m.get("resources") instanceof Map<?, ?> r) {
            resources = new Resources(number(r.get("cpu"), "resources.cpu").doubleValue(),
                    number(r.get("memoryMb"), "resources.memoryMb").longValue());
        } else if (m.get("resources") != null) {
            throw new IllegalArgumentException("task '" + s + "': 'resources' must be an object {cpu, memoryMb}");
        }
        Map<String, Object> extra = new LinkedHashMap<>();
        m.forEach((k, v) -> {
            if (!KNOWN_FIELDS.contains(k) && v != null) {
                extra.put(k, v);
            }
        });
        try {
            return new TaskSpec(s, target, command, priority, attempts, timeoutMs, needs, resources, labels, extra);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("task '" + s + "': " + e.getMessage(), e);
        }
    }

    private static String optString(Map<String, Object> m, String key) {
        Object v = m.get(key);
        if (v == null) {
            return null;
        }
        if (v instanceof String s) {
            return s;
        }
        throw new IllegalArgumentException("'" + key + "' must be a string");
    }

    private static long optLong(Map<String, Object> m, String key, long dflt) {
        Object v = m.get(key);
        return v == null ? dflt : number(v, key).longValue();
    }

    private static long optDuration(Map<String, Object> m, String key) {
        Object v = m.get(key);
        if (v == null) {
            return 0;
        }
        if (v instanceof Number n) {
            return n.longValue();
        }
        if (v instanceof String s) {
            return Durations.parseMillis(s);
        }
        throw new IllegalArgumentException("'" + key + "' must be a duration like 30s or a number of milliseconds");
    }

    private static Number number(Object v, String key) {
        if (v == null) {
            return 0;
        }
        if (v instanceof Number n) {
            return n;
        }
        throw new IllegalArgumentException("'" + key + "' must be a number");
    }

    private static List<String> optStrings(Map<String, Object> m, String key) {
        Object v = m.get(key);
        if (v == null) {
            return List.of();
        }
        if (!(v instanceof List<?> list)) {
            throw new IllegalArgumentException("'" + key + "' must be a list of strings");
        }
        List<String> out = new ArrayList<>(list.size());
        for (Object o : list) {
            if (!(o instanceof String str)) {
                throw new IllegalArgumentException("'" + key + "' must be a list of strings");
            }
            out.add(str);
        }
        return out;
    }
}
