package io.taskshard.schema;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A parsed schema document that remembers where every value came from (1-based line and column),
 * so that the loader can point at the offending entry. YAML and JSON are both read into this one
 * tree; the interpretation of the schema forms never sees which syntax the file used.
 */
sealed interface SourceNode permits SourceNode.Scalar, SourceNode.Seq, SourceNode.MapNode {

    int line();

    int column();

    /** What kind of thing this node is, for messages like "must be a list, not a map". */
    String describe();

    /** The node as plain Java values (String, Long, BigInteger, Double, Boolean, List, Map, null). */
    Object toPlain();

    /** The type a scalar was read as. YAML tags and JSON tokens both map onto these. */
    enum Kind { STRING, INTEGER, FLOAT, BOOLEAN, NULL }

    /**
     * A single value.
     *
     * @param text  the value as written (unquoted), used wherever the schema wants a string,
     *              so that {@code id: 1} or {@code id: yes} keep their literal text
     * @param value the typed value: String, Long or BigInteger, Double, Boolean or null
     */
    record Scalar(Kind kind, String text, Object value, int line, int column) implements SourceNode {
        @Override
        public String describe() {
            return switch (kind) {
                case STRING -> "a string";
                case INTEGER, FLOAT -> "a number";
                case BOOLEAN -> "a boolean";
                case NULL -> "empty";
            };
        }

        @Override
        public Object toPlain() {
            return value;
        }

        boolean isNull() {
            return kind == Kind.NULL;
        }
    }

    /** A list. */
    record Seq(List<SourceNode> items, int line, int column) implements SourceNode {
        @Override
        public String describe() {
            return "a list";
        }

        @Override
        public Object toPlain() {
            List<Object> out = new ArrayList<>(items.size());
            for (SourceNode item : items) {
                out.add(item.toPlain());
            }
            return Collections.unmodifiableList(out);
        }
    }

    /** A map with string keys, in document order; duplicate keys are rejected while reading. */
    record MapNode(List<Entry> entries, int line, int column) implements SourceNode {
        @Override
        public String describe() {
            return "a map";
        }

        /** The entry with this key, or null. Linear: schema maps are small. */
        Entry entry(String key) {
            for (Entry e : entries) {
                if (e.key().text().equals(key)) {
                    return e;
                }
            }
            return null;
        }

        /** The value under this key, or null when absent (an explicit null is a NULL scalar). */
        SourceNode get(String key) {
            Entry e = entry(key);
            return e == null ? null : e.value();
        }

        @Override
        public Object toPlain() {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Entry e : entries) {
                out.put(e.key().text(), e.value().toPlain());
            }
            return Collections.unmodifiableMap(out);
        }
    }

    /** One key/value pair of a map; the key keeps its own position. */
    record Entry(Scalar key, SourceNode value) {
    }
}
