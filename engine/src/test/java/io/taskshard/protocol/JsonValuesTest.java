package io.taskshard.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonValuesTest {

    private static JsonNode parse(String json) throws Exception {
        return ProtocolCodec.mapper().readTree(json);
    }

    @Test
    void givesWhatConvertValueGivesForEveryKindOfValue() throws Exception {
        JsonNode node = parse("""
                {"id": "//a:b", "n": 3, "big": 12345678901, "huge": 123456789012345678901234567890,
                 "f": 1.5, "yes": true, "none": null, "list": [1, "x", [false], {"k": -2}],
                 "obj": {"nested": {"deep": [1.25e3]}}, "empty": {}, "emptyList": []}""");

        Map<String, Object> ours = JsonValues.object(node);

        assertThat(ours).isEqualTo(ProtocolCodec.mapper().convertValue(node, LinkedHashMap.class));
        assertThat(ours.get("n")).isInstanceOf(Integer.class);
        assertThat(ours.get("big")).isInstanceOf(Long.class);
        assertThat(ours.get("f")).isEqualTo(1.5);
        assertThat(ours.keySet()).containsExactly("id", "n", "big", "huge", "f", "yes", "none", "list", "obj",
                "empty", "emptyList");
        assertThat(ours.get("list")).isEqualTo(List.of(1, "x", List.of(false), Map.of("k", -2)));
    }

    @Test
    void parsingTextGivesWhatAMapperGivesForEveryKindOfValue() throws Exception {
        String json = """
                {"id": "//a:b", "n": 3, "big": 12345678901, "huge": 123456789012345678901234567890,
                 "f": 1.5, "yes": true, "no": false, "none": null, "list": [1, "x", [false], {"k": -2}],
                 "obj": {"nested": {"deep": [1.25e3]}}, "empty": {}, "emptyList": [], "twice": 1, "twice": 2,
                 "text": "caf\\u00e9 \\"quoted\\""}""";

        Map<String, Object> ours = JsonValues.parseObject(json);

        @SuppressWarnings("unchecked")
        Map<String, Object> mapper = new com.fasterxml.jackson.databind.ObjectMapper().readValue(json, LinkedHashMap.class);
        assertThat(ours).isEqualTo(mapper);
        assertThat(ours.keySet()).containsExactlyElementsOf(mapper.keySet());
        assertThat(ours.get("huge")).isInstanceOf(java.math.BigInteger.class);
        assertThat(ours.get("twice")).isEqualTo(2);
        assertThat(ours.get("text")).isEqualTo("café \"quoted\"");
    }

    @Test
    void textThatIsNotExactlyOneObjectIsRefused() {
        for (String bad : List.of("[1, 2]", "\"x\"", "{\"a\": 1} {\"b\": 2}", "{\"a\": ", "")) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> JsonValues.parseObject(bad))
                    .as("parsing %s", bad).isInstanceOf(java.io.IOException.class);
        }
    }
}
