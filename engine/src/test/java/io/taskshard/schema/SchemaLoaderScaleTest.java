package io.taskshard.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.taskshard.model.Schema;
import org.junit.jupiter.api.Test;

/** Big and deep schemas load without running out of stack; no timing is asserted. */
class SchemaLoaderScaleTest {

    private static String yamlChain(int n, boolean closeTheLoop) {
        StringBuilder sb = new StringBuilder("name: chain\ntasks:\n");
        for (int i = 0; i < n; i++) {
            sb.append("  - {id: t").append(i).append(", simulate: 1s");
            if (i > 0) {
                sb.append(", needs: [t").append(i - 1).append(']');
            } else if (closeTheLoop) {
                sb.append(", needs: [t").append(n - 1).append(']');
            }
            sb.append("}\n");
        }
        return sb.toString();
    }

    @Test
    void hundredThousandTaskYamlSchemaLoads() {
        Schema s = SchemaLoader.parse(yamlChain(100_000, false), "big.yaml");
        assertThat(s.tasks()).hasSize(100_000);
        assertThat(s.tasks().getLast().needs()).containsExactly("t99998");
    }

    @Test
    void hundredThousandTaskJsonSchemaLoads() {
        StringBuilder sb = new StringBuilder("{\"name\": \"big\", \"tasks\": [\n");
        for (int i = 0; i < 100_000; i++) {
            sb.append(i == 0 ? "" : ",\n").append("{\"target\": \"//pkg").append(i).append(":t\"")
                    .append(i == 0 ? "" : ", \"needs\": [\"//pkg" + (i / 2) + ":t\"]").append('}');
        }
        Schema s = SchemaLoader.parse(sb.append("]}").toString(), "big.json");
        assertThat(s.tasks()).hasSize(100_000);
    }

    @Test
    void tenThousandLongNeedsChainLoads() {
        assertThat(SchemaLoader.parse(yamlChain(10_000, false), "chain.yaml").tasks()).hasSize(10_000);
    }

    @Test
    void tenThousandLongCycleIsReportedAtTheFirstTask() {
        SchemaException e = catchThrowableOfType(SchemaException.class,
                () -> SchemaLoader.parse(yamlChain(10_000, true), "ring.yaml"));
        assertThat(e.line()).isEqualTo(3);
        assertThat(e.problem()).startsWith("dependency cycle: t0 -> t9999 -> t9998 -> ").endsWith(" -> t0");
    }

    @Test
    void bigDirectorStepsShareTheirNeedsList() {
        StringBuilder sb = new StringBuilder("{\"steps\": {\"1\": [");
        for (int i = 0; i < 2_000; i++) {
            sb.append(i == 0 ? "" : ",").append("\"//a:").append(i).append('"');
        }
        sb.append("], \"2\": [");
        for (int i = 0; i < 2_000; i++) {
            sb.append(i == 0 ? "" : ",").append("\"//b:").append(i).append('"');
        }
        Schema s = SchemaLoader.parse(sb.append("]}}").toString(), "wide.json");
        assertThat(s.tasks()).hasSize(4_000);
        assertThat(s.tasks().get(2_000).needs()).hasSize(2_000).isSameAs(s.tasks().get(3_999).needs());
    }
}
