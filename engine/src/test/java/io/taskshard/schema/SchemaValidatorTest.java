package io.taskshard.schema;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskshard.model.Resources;
import io.taskshard.model.Schema;
import io.taskshard.model.TaskSpec;
import io.taskshard.schema.SchemaValidator.Field;
import io.taskshard.schema.SchemaValidator.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The validator on schemas built in memory, as the coordinator uses it for {@code hello} schemas. */
class SchemaValidatorTest {

    private static TaskSpec task(String id, String... needs) {
        return TaskSpec.ofTarget(id, "//" + id).withNeeds(List.of(needs));
    }

    private static Schema schema(TaskSpec... tasks) {
        return new Schema("s", List.of(tasks));
    }

    @Test
    void validSchemaHasNoProblems() {
        assertThat(SchemaValidator.problems(schema(task("a"), task("b", "a"), task("c", "a", "b")))).isEmpty();
    }

    @Test
    void emptyNameAndNoTasks() {
        assertThat(SchemaValidator.problems(new Schema(" ", List.of())))
                .containsExactly("schema name is empty", "schema ' ' has no tasks");
    }

    @Test
    void duplicateIdsNameTheFirstTask() {
        List<Violation> v = SchemaValidator.check(schema(task("a"), task("b"), task("a")));
        assertThat(v).containsExactly(new Violation("duplicate task id 'a'", 2, Field.ID, -1, 0));
        assertThat(SchemaValidator.problems(schema(task("a"), task("b"), task("a"))))
                .containsExactly("duplicate task id 'a' (first defined by task #1)");
    }

    @Test
    void unknownAndSelfNeedsPointAtTheNeedsItem() {
        assertThat(SchemaValidator.check(schema(task("a"), task("b", "a", "zz", "b")))).containsExactly(
                new Violation("task 'b' needs unknown task 'zz'", 1, Field.NEEDS, 1, -1),
                new Violation("task 'b' needs itself", 1, Field.NEEDS, 2, -1));
    }

    @Test
    void taskWithNothingUsable() {
        TaskSpec nothing = new TaskSpec("", null, null, 0, 1, 0, List.of(), Resources.NONE, List.of(), Map.of());
        TaskSpec blankId = new TaskSpec(" ", "//x", null, 0, 1, 0, List.of(), Resources.NONE, List.of(), Map.of());
        assertThat(SchemaValidator.problems(schema(nothing, blankId)))
                .containsExactly("task #1 has no id, target or command", "task #2 has an empty id");
    }

    @Test
    void emptyTargetCommandAndLabel() {
        TaskSpec t = new TaskSpec("t", "", " ", 0, 1, 0, List.of(), Resources.NONE, List.of("x", ""), Map.of());
        assertThat(SchemaValidator.check(schema(t))).containsExactly(
                new Violation("task 't' has an empty target", 0, Field.TARGET, -1, -1),
                new Violation("task 't' has an empty command", 0, Field.COMMAND, -1, -1),
                new Violation("task 't' has an empty label", 0, Field.LABELS, 1, -1));
    }

    @Test
    void cycleIsNamedStartingAtItsEarliestTask() {
        // a needs d, which is on the cycle b -> c -> d -> b; a itself is not.
        List<Violation> v = SchemaValidator.check(schema(task("a", "d"), task("b", "c"), task("c", "d"),
                task("d", "b")));
        assertThat(v).containsExactly(new Violation("dependency cycle: b -> c -> d -> b", 1, Field.NEEDS, 0, -1));
    }

    @Test
    void twoSeparateCyclesAreBothReported() {
        assertThat(SchemaValidator.problems(schema(task("a", "b"), task("b", "a"), task("c", "d"), task("d", "c"))))
                .containsExactly("dependency cycle: a -> b -> a", "dependency cycle: c -> d -> c");
    }

    @Test
    void reportedCyclesAreCapped() {
        List<TaskSpec> tasks = new ArrayList<>();
        for (int i = 0; i < 2 * (SchemaValidator.DEFAULT_MAX_REPORTED_CYCLES + 5); i += 2) {
            tasks.add(task("x" + i, "x" + (i + 1)));
            tasks.add(task("x" + (i + 1), "x" + i));
        }
        assertThat(SchemaValidator.check(new Schema("s", tasks))).hasSize(SchemaValidator.DEFAULT_MAX_REPORTED_CYCLES);
    }

    @Test
    void problemListIsCappedWithACount() {
        List<TaskSpec> tasks = new ArrayList<>();
        for (int i = 0; i < SchemaValidator.DEFAULT_MAX_PROBLEMS + 7; i++) {
            tasks.add(task("t" + i, "missing"));
        }
        List<String> problems = SchemaValidator.problems(new Schema("s", tasks));
        assertThat(problems).hasSize(SchemaValidator.DEFAULT_MAX_PROBLEMS + 1);
        assertThat(problems.getLast()).isEqualTo("... and 7 more problems");
    }

    @Test
    void hundredThousandTasksValidate() {
        List<TaskSpec> tasks = new ArrayList<>(100_000);
        for (int i = 0; i < 100_000; i++) {
            tasks.add(i < 10 ? task("t" + i) : task("t" + i, "t" + (i - 1), "t" + (i / 2), "t" + (i % 10)));
        }
        assertThat(SchemaValidator.check(new Schema("big", tasks))).isEmpty();
    }

    @Test
    void tenThousandLongChainDoesNotOverflowTheStack() {
        int n = 10_000;
        List<TaskSpec> tasks = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            tasks.add(i == 0 ? task("t0") : task("t" + i, "t" + (i - 1)));
        }
        assertThat(SchemaValidator.check(new Schema("chain", tasks))).isEmpty();
    }

    @Test
    void tenThousandLongCycleIsFoundAndShortenedInTheMessage() {
        int n = 10_000;
        List<TaskSpec> tasks = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            tasks.add(task("t" + i, "t" + ((i + 1) % n)));
        }
        List<Violation> v = SchemaValidator.check(new Schema("ring", tasks));
        assertThat(v).hasSize(1);
        assertThat(v.getFirst().message()).isEqualTo(
                "dependency cycle: t0 -> t1 -> t2 -> t3 -> t4 -> t5 -> t6 -> t7 -> t8 -> t9 -> ... (9989 more) "
                        + "-> t9999 -> t0");
        assertThat(v.getFirst().task()).isZero();
    }
}
