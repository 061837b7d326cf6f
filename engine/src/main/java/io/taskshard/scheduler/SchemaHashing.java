package io.taskshard.scheduler;

import io.taskshard.model.TaskSpec;
import io.taskshard.protocol.TaskSpecJson;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A stable hash of a task list: peers group only when their task lists are identical. */
final class SchemaHashing {
    private SchemaHashing() {
    }

    static String hash(List<TaskSpec> tasks) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
        for (TaskSpec t : tasks) {
            sha.update(canonical(TaskSpecJson.toWire(t)).getBytes(StandardCharsets.UTF_8));
            sha.update((byte) '\n');
        }
        return HexFormat.of().formatHex(sha.digest(), 0, 16);
    }

    private static String canonical(Object value) {
        if (value instanceof Map<?, ?> map) {
            StringBuilder b = new StringBuilder("{");
            new TreeMap<>(map).forEach((k, v) -> b.append(k).append('=').append(canonical(v)).append(';'));
            return b.append('}').toString();
        }
        if (value instanceof List<?> list) {
            StringBuilder b = new StringBuilder("[");
            list.forEach(v -> b.append(canonical(v)).append(','));
            return b.append(']').toString();
        }
        return String.valueOf(value);
    }
}
