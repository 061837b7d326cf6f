package io.taskshard.server.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.taskshard.protocol.InputLimits;
import java.io.UncheckedIOException;
import java.util.Map;

/** The operator API's one JSON mapper: nulls omitted, strict reading (duplicate keys, trailing junk). */
public final class Json {
    public static final ObjectMapper MAPPER = JsonMapper.builder(InputLimits.jsonFactory())
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
    };

    private Json() {
    }

    /** Serialises one of our own values; failing here is a bug, not bad input. */
    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }

    /**
     * Reads a request body that must be one JSON object; an empty body is an empty object.
     *
     * @throws ApiException 400 {@code bad-json} saying where the text stops being JSON
     */
    public static Map<String, Object> readObject(String body) {
        if (body == null || body.isBlank()) {
            return Map.of();
        }
        if (!body.stripLeading().startsWith("{")) {
            throw new ApiException(400, ApiException.BAD_JSON, "request body must be a JSON object");
        }
        try {
            Map<String, Object> map = MAPPER.readValue(body, OBJECT);
            return map == null ? Map.of() : map;
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            String where = loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
            throw new ApiException(400, ApiException.BAD_JSON,
                    "request body is not valid JSON" + where + ": " + e.getOriginalMessage());
        }
    }
}
