package io.taskshard.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A JSON tree as plain Java values (Map, List, String, Number, Boolean, null), the shapes
 * {@code ObjectMapper.convertValue(node, Map.class)} gives. Written out because convertValue
 * sets up a deserialization context per call: for a hello of 100,000 tasks that was most of
 * the network thread's time (docs/benchmarks.md, hot spot 3). JSON text is read the same way
 * with the streaming parser: a mapper's {@code readValue} per stored task was a third of
 * recovering a 1,000,000-task job.
 */
final class JsonValues {
    private static final JsonFactory FACTORY = new JsonFactory();

    private JsonValues() {
    }

    /**
     * The fields of the one JSON object {@code json} holds.
     *
     * @throws IOException when the text is not exactly one JSON object
     */
    static Map<String, Object> parseObject(String json) throws IOException {
        try (JsonParser p = FACTORY.createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new JsonParseException(p, "expected a JSON object, got " + p.currentToken());
            }
            Map<String, Object> object = readObject(p);
            if (p.nextToken() != null) {
                throw new JsonParseException(p, "unexpected " + p.currentToken() + " after the object");
            }
            return object;
        }
    }

    /** The object whose START_OBJECT the parser is at, up to and including its END_OBJECT. */
    private static Map<String, Object> readObject(JsonParser p) throws IOException {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
            p.nextToken();
            out.put(name, readValue(p)); // a repeated key keeps its last value, as a mapper does
        }
        return out;
    }

    private static Object readValue(JsonParser p) throws IOException {
        JsonToken token = p.currentToken();
        return switch (token) {
            case START_OBJECT -> readObject(p);
            case START_ARRAY -> {
                List<Object> list = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    list.add(readValue(p));
                }
                yield list;
            }
            case VALUE_STRING -> p.getText();
            // getNumberValue() keeps the parsed type: Integer, Long, BigInteger or Double
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> p.getNumberValue();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            default -> throw new JsonParseException(p, "unexpected " + token);
        };
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
