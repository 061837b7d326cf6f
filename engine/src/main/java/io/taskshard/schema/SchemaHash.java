package io.taskshard.schema;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.taskshard.model.Schema;
import io.taskshard.model.TaskSpec;
import io.taskshard.protocol.TaskSpecJson;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.AbstractList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * A stable fingerprint of a schema's task list, used with the schema name to decide which peers
 * may share a job. It is the SHA-256 of the canonical JSON of the task list (each task in its
 * wire form, {@link TaskSpecJson#toWire}, in schema order, object keys sorted, no whitespace),
 * cut to its first {@value #HASH_BYTES} bytes and written as lowercase hex. The schema name is
 * not part of it, and neither is the file syntax: the same tasks from YAML or JSON hash the same.
 */
public final class SchemaHash {

    /** 16 bytes = 128 bits: collisions are not a practical concern, and 32 hex digits stay readable. */
    public static final int HASH_BYTES = 16;

    private static final ObjectWriter CANONICAL = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build()
            .writer();

    private SchemaHash() {
    }

    /** 32 lowercase hex digits. */
    public static String of(Schema schema) {
        MessageDigest digest = sha256();
        try (OutputStream out = new DigestOutputStream(OutputStream.nullOutputStream(), digest)) {
            // Streamed through the digest: a million-task schema never becomes one big string.
            CANONICAL.writeValue(out, wireView(schema.tasks()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot hash schema '" + schema.name() + "'", e);
        }
        byte[] full = digest.digest();
        return HexFormat.of().formatHex(full, 0, HASH_BYTES);
    }

    /** The exact text that is hashed; for tests and for explaining why two schemas differ. */
    public static String canonicalJson(Schema schema) {
        try {
            return CANONICAL.writeValueAsString(wireView(schema.tasks()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write schema '" + schema.name() + "' as JSON", e);
        }
    }

    /** The tasks' wire forms, made one at a time as the writer walks the list. */
    private static List<Map<String, Object>> wireView(List<TaskSpec> tasks) {
        return new AbstractList<>() {
            @Override
            public Map<String, Object> get(int index) {
                return TaskSpecJson.toWire(tasks.get(index));
            }

            @Override
            public int size() {
                return tasks.size();
            }
        };
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256, which every Java platform must provide", e);
        }
    }
}
