package io.taskshard.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A JSON tree as plain Java values (Map, List, String, Number, Boolean, null), the shapes
 * {@code ObjectMapper.convertValue(node, Map.class)} gives. Written out because convertValue
 * sets up a deserialization context per call: for a hello of 100,000 tasks that was most of
 * the network thread's time (docs/benchmarks.md, hot spot 3).
 */
final class JsonValues {
    private JsonValues() {
    }

    /** An object node's fields, in order. */
    static Map<String, Object> object(JsonNode node) {
        Map<String, Object> out = new LinkedHashMap<>(Math.max(4, node.size() * 2));
        for (var field : node.properties()) {
            out.put(field.getKey(), value(field.getValue()));
        }
        return out;
    }

    static Object value(JsonNode node) {
        return switch (node.getNodeType()) {
            case OBJECT -> object(node);
            case ARRAY -> {
                List<Object> list = new ArrayList<>(node.size());
                for (JsonNode element : node) {
                    list.add(value(element));
                }
                yield list;
            }
            case STRING -> node.textValue();
            // numberValue() keeps the parsed type: Integer, Long, BigInteger, Double or BigDecimal
            case NUMBER -> node.numberValue();
            case BOOLEAN -> node.booleanValue();
            case NULL, MISSING -> null;
            case BINARY, POJO -> node.toString(); // never produced by parsing JSON text
        };
    }
}
