package io.taskshard.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.taskshard.model.Schema;
import io.taskshard.model.TaskSpec;
import io.taskshard.protocol.TaskSpecJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SchemaHashTest {

    private static final String YAML = """
            name: h
            tasks:
              - {id: a, target: //a, priority: 2, timeout: 30s, labels: [x], simulate: 1.5s, env: {B: 2, A: 1}}
              - {id: b, command: make, needs: [a], resources: {cpu: 2, memoryMb: 512}}
            """;
    private static final String JSON = """
            {"tasks": [
              {"env": {"A": 1, "B": 2}, "simulate": "1.5s", "labels": ["x"], "timeout": 30000, "priority": 2,
               "target": "//a", "id": "a"},
              {"resources": {"memoryMb": 512, "cpu": 2.0}, "needs": ["a"], "command": "make", "id": "b"}],
             "name": "h"}
            """;

    @Test
    void sameTasksFromYamlAndJsonHashTheSame() {
        Schema yaml = SchemaLoader.parse(YAML, "h.yaml");
        Schema json = SchemaLoader.parse(JSON, "h.json");
        assertThat(SchemaHash.of(yaml)).isEqualTo(SchemaHash.of(json)).matches("[0-9a-f]{32}");
    }

    @Test
    void hashIsAPinnedFunctionOfTheCanonicalJson() {
        Schema s = new Schema("n", List.of(TaskSpec.ofTarget("a", "//a")));
        assertThat(SchemaHash.canonicalJson(s)).isEqualTo("[{\"attempts\":3,\"id\":\"a\",\"target\":\"//a\"}]");
        // sha256 of the line above; pinned so that a change of canonical form is noticed (it splits job groups).
        assertThat(SchemaHash.of(s)).isEqualTo("86f93d2b7e745f9f5daff52d46ca7595");
    }

    @Test
    void schemaReceivedOverTheWireHashesLikeTheLoadedOne() throws Exception {
        Schema loaded = SchemaLoader.parse(YAML, "h.yaml");
        // What a coordinator does with a hello: JSON text -> maps -> TaskSpecJson.fromWire.
        ObjectMapper mapper = new ObjectMapper();
        List<TaskSpec> received = new ArrayList<>();
        for (TaskSpec t : loaded.tasks()) {
            String wire = mapper.writeValueAsString(TaskSpecJson.toWire(t));
            @SuppressWarnings("unchecked")
            Map<String, Object> map = mapper.readValue(wire, Map.class);
            received.add(TaskSpecJson.fromWire(map));
        }
        assertThat(SchemaHash.of(new Schema("h", received))).isEqualTo(SchemaHash.of(loaded));
    }

    @Test
    void nameIsNotPartOfTheHash() {
        Schema a = new Schema("one", List.of(TaskSpec.ofTarget("a", "//a")));
        Schema b = new Schema("two", List.of(TaskSpec.ofTarget("a", "//a")));
        assertThat(SchemaHash.of(a)).isEqualTo(SchemaHash.of(b));
    }

    @Test
    void anyChangeToTheTaskListChangesTheHash() {
        TaskSpec a = TaskSpec.ofTarget("a", "//a");
        TaskSpec b = TaskSpec.ofTarget("b", "//b");
        List<String> hashes = List.of(
                SchemaHash.of(new Schema("s", List.of(a, b))),
                SchemaHash.of(new Schema("s", List.of(b, a))),
                SchemaHash.of(new Schema("s", List.of(a))),
                SchemaHash.of(new Schema("s", List.of(a, b.withNeeds(List.of("a"))))),
                SchemaHash.of(new Schema("s", List.of(a, b.withPriority(1)))),
                SchemaHash.of(new Schema("s", List.of(a, TaskSpec.ofTarget("b", "//b2")))));
        assertThat(hashes).doesNotHaveDuplicates();
    }
}
