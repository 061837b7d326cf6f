package io.taskshard.server.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A parsed JSON request body with typed, strict accessors: an unknown field, a missing
 * required field or a value of the wrong type is a 400 that names the field.
 */
public final class RequestBody {
    private final Map<String, Object> fields;

    private RequestBody(Map<String, Object> fields) {
        this.fields = fields;
    }

    /** @throws ApiException 400 on bad JSON or on a field outside {@code allowed} */
    public static RequestBody parse(String body, Set<String> allowed) {
        Map<String, Object> map = Json.readObject(body);
        Set<String> unknown = new TreeSet<>(map.keySet());
        unknown.removeAll(allowed);
        if (!unknown.isEmpty()) {
            throw ApiException.badRequest("unknown field(s) " + unknown + "; this request accepts "
                    + (allowed.isEmpty() ? "no fields" : new TreeSet<>(allowed).toString()));
        }
        return new RequestBody(map);
    }

    public boolean has(String field) {
        return fields.get(field) != null;
    }

    public Object raw(String field) {
        return fields.get(field);
    }

    public String requiredString(String field) {
        Object v = fields.get(field);
        if (v == null) {
            throw ApiException.badRequest("missing field '" + field + "'");
        }
        if (!(v instanceof String s) || s.isBlank()) {
            throw ApiException.badRequest("field '" + field + "' must be a non-empty string");
        }
        return s;
    }

    public String optionalString(String field) {
        return has(field) ? requiredString(field) : null;
    }

    public int requiredInt(String field) {
        Object v = fields.get(field);
        if (v == null) {
            throw ApiException.badRequest("missing field '" + field + "'");
        }
        if (!(v instanceof Integer i)) {
            throw ApiException.badRequest("field '" + field + "' must be a whole number (32-bit), got " + v);
        }
        return i;
    }

    /** A true/false field; absent (or null) is false. */
    public boolean optionalBoolean(String field) {
        Object v = fields.get(field);
        if (v == null) {
            return false;
        }
        if (!(v instanceof Boolean b)) {
            throw ApiException.badRequest("field '" + field + "' must be true or false, got " + v);
        }
        return b;
    }

    public Integer optionalInt(String field) {
        return has(field) ? requiredInt(field) : null;
    }

    public List<String> optionalStrings(String field) {
        Object v = fields.get(field);
        if (v == null) {
            return null;
        }
        if (!(v instanceof List<?> list)) {
            throw ApiException.badRequest("field '" + field + "' must be a list of strings");
        }
        List<String> out = new ArrayList<>(list.size());
        for (Object o : list) {
            if (!(o instanceof String s)) {
                throw ApiException.badRequest("field '" + field + "' must be a list of strings, found " + o);
            }
            out.add(s);
        }
        return out;
    }

    /** A nested object, or null when absent. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> optionalObject(String field) {
        Object v = fields.get(field);
        if (v == null) {
            return null;
        }
        if (!(v instanceof Map<?, ?>)) {
            throw ApiException.badRequest("field '" + field + "' must be an object");
        }
        return (Map<String, Object>) v;
    }
}
