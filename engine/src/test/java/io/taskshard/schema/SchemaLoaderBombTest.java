package io.taskshard.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.taskshard.model.Schema;
import io.taskshard.protocol.InputLimits;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Hostile schema text is refused quickly, naming the limit, instead of expanding until memory runs out. */
public class SchemaLoaderBombTest {

    /**
     * Twelve levels of four aliases each under SnakeYAML's default of 50 aliases: 4^12 = 16.7 M
     * nodes once expanded, from about 550 bytes (the shape of the probe's bomb).
     */
    public static String aliasBomb() {
        StringBuilder b = new StringBuilder("name: bomb\ntasks:\n  - id: a\n    target: //a\n    env:\n");
        b.append("      l0: &l0 [x, x, x, x]\n");
        for (int level = 1; level <= 12; level++) {
            String prev = "*l" + (level - 1);
            b.append("      l").append(level).append(": &l").append(level).append(" [")
                    .append(String.join(", ", java.util.Collections.nCopies(4, prev))).append("]\n");
        }
        return b.toString();
    }

    @Test
    @Timeout(20)
    void aliasBombIsRefusedNamingTheLimit() {
        String bomb = aliasBomb();
        assertThat(bomb.length()).isLessThan(600);
        SchemaException e = catchThrowableOfType(SchemaException.class, () -> SchemaLoader.parse(bomb, "bomb.yaml"));
        assertThat(e).isNotNull();
        assertThat(e.getMessage()).contains("alias");
    }

    @Test
    @Timeout(20)
    void fewAliasesWithAHugeExpansionAreRefusedToo() {
        // 20 levels of 2 aliases: only 40 aliases, but 2^20 nodes; a smaller alias count alone would not catch it.
        StringBuilder b = new StringBuilder("name: bomb\ntasks:\n  - id: a\n    target: //a\n    env:\n");
        b.append("      l0: &l0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (int level = 1; level <= 20; level++) {
            b.append("      l").append(level).append(": &l").append(level).append(" [*l").append(level - 1)
                    .append(", *l").append(level - 1).append("]\n");
        }
        SchemaException e = catchThrowableOfType(SchemaException.class,
                () -> SchemaLoader.parse(b.toString(), "wide.yaml"));
        assertThat(e).isNotNull();
        assertThat(e.getMessage()).contains("aliases expand to more than");
    }

    @Test
    void deepYamlNestingIsRefusedNamingTheLimit() {
        int depth = InputLimits.DEFAULT_MAX_NESTING_DEPTH + 50;
        String deep = "name: deep\ntasks: " + "[".repeat(depth) + "]".repeat(depth) + "\n";
        SchemaException e = catchThrowableOfType(SchemaException.class, () -> SchemaLoader.parse(deep, "deep.yaml"));
        assertThat(e).isNotNull();
        assertThat(e.getMessage()).containsIgnoringCase("nesting");
    }

    @Test
    void deepJsonNestingIsRefusedNamingTheLimit() {
        int depth = InputLimits.DEFAULT_MAX_NESTING_DEPTH + 50;
        String deep = "{\"name\": \"deep\", \"tasks\": " + "[".repeat(depth) + "]".repeat(depth) + "}";
        SchemaException e = catchThrowableOfType(SchemaException.class, () -> SchemaLoader.parse(deep, "deep.json"));
        assertThat(e).isNotNull();
        assertThat(e.getMessage()).containsIgnoringCase("nesting depth");
    }

    @Test
    void ordinaryAliasesStillWork() {
        Schema s = SchemaLoader.parse("""
                name: ok
                tasks:
                  - id: a
                    target: //a
                    env: &common {K: v}
                  - id: b
                    target: //b
                    env: *common
                """, "ok.yaml");
        assertThat(s.tasks()).hasSize(2);
    }
}
