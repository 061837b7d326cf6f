package io.taskshard.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.taskshard.model.RepoEntry;
import io.taskshard.model.TaskSpec;
import io.taskshard.protocol.TaskSpecJson;
import java.util.List;
import java.util.Map;

/** Turns the list and map fields of the records into the JSON text stored in their columns, and back. */
final class JsonColumns {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final TypeReference<Map<String, RepoEntry>> REPO_STATE = new TypeReference<>() {
    };
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };
    private static final TypeReference<List<Long>> LONGS = new TypeReference<>() {
    };

    private JsonColumns() {
    }

    static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + value.getClass().getSimpleName()
                    + " as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** The spec in its wire form, so that the stored text reads like the schema it came from. */
    static String writeSpec(TaskSpec spec) {
        return write(TaskSpecJson.toWire(spec));
    }

    /** @param where says which row, should the text be unreadable (built only then) */
    static TaskSpec readSpec(String json, java.util.function.Supplier<String> where) {
        try {
            return TaskSpecJson.fromJson(json);
        } catch (IllegalArgumentException e) {
            throw new StoreException("stored task spec in " + where.get() + " is invalid: " + e.getMessage(), e);
        }
    }

    static Map<String, RepoEntry> readRepoState(String json, String where) {
        return read(json, REPO_STATE, where);
    }

    static List<String> readStrings(String json, String where) {
        return read(json, STRINGS, where);
    }

    static List<Long> readLongs(String json, String where) {
        return read(json, LONGS, where);
    }

    private static <T> T read(String json, TypeReference<T> type, String where) {
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new StoreException("stored JSON in " + where + " is unreadable: " + e.getOriginalMessage(), e);
        }
    }
}
