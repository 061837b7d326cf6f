package io.taskshard.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every problem is reported with the exact line and column of the offending entry or field. */
class SchemaLoaderErrorsTest {

    private static SchemaException failure(String text, String file) {
        SchemaException e = catchThrowableOfType(SchemaException.class, () -> SchemaLoader.parse(text, file));
        assertThat(e).as("expected a SchemaException").isNotNull();
        return e;
    }

    private static void assertError(String text, String file, int line, int column, String problem) {
        SchemaException e = failure(text, file);
        assertThat(e.file()).isEqualTo(file);
        assertThat(e.problem()).isEqualTo(problem);
        assertThat(e.line()).as("line of: " + e.getMessage()).isEqualTo(line);
        assertThat(e.column()).as("column of: " + e.getMessage()).isEqualTo(column);
        assertThat(e.getMessage()).isEqualTo(file + ":" + line + ":" + column + ": " + problem);
    }

    // ------------------------------------------------------------ validation, YAML

    @Test
    void unknownNeedPointsAtTheNeedsItem() {
        assertError("""
                name: x
                tasks:
                  - id: a
                    target: //a
                  - id: b
                    target: //b
                    needs: [a, zz]
                """, "schemas/x.yaml", 7, 16, "task 'b' needs unknown task 'zz'");
    }

    @Test
    void unknownNeedInBlockListPointsAtItsLine() {
        assertError("""
                name: x
                tasks:
                  - id: a
                    needs:
                      - b
                      - zz
                  - id: b
                """, "x.yml", 6, 9, "task 'a' needs unknown task 'zz'");
    }

    @Test
    void selfNeedPointsAtTheNeedsItem() {
        assertError("""
                name: x
                tasks:
                  - {id: a, needs: [a]}
                """, "x.yaml", 3, 21, "task 'a' needs itself");
    }

    @Test
    void duplicateIdPointsAtTheSecondOneAndNamesTheFirst() {
        assertError("""
                name: x
                tasks:
                  - task: //a
                  - task: //b
                  - task: //a
                """, "x.yaml", 5, 11, "duplicate task id '//a' (first defined at line 3)");
    }

    @Test
    void cycleIsNamedFromItsFirstTaskAndPointsAtItsNeed() {
        assertError("""
                name: x
                tasks:
                  - id: c
                    needs: [a]
                  - id: a
                    needs: [b]
                  - id: b
                    needs: [c]
                """, "x.yaml", 4, 13, "dependency cycle: c -> a -> b -> c");
    }

    @Test
    void emptyNamePointsAtTheName() {
        assertError("name: ''\ntasks: [//a]\n", "x.yaml", 1, 7, "schema name is empty");
    }

    @Test
    void noTasksPointsAtTheList() {
        assertError("name: x\ntasks: []\n", "x.yaml", 2, 8, "schema 'x' has no tasks");
    }

    @Test
    void emptyIdEmptyTargetAndEmptyLabel() {
        assertError("name: x\ntasks:\n  - {id: '', target: //a}\n", "x.yaml", 3, 10, "task #1 has an empty id");
        assertError("name: x\ntasks:\n  - {id: a, target: ''}\n", "x.yaml", 3, 21, "task 'a' has an empty target");
        assertError("name: x\ntasks:\n  - {id: a, command: ' '}\n", "x.yaml", 3, 22,
                "task 'a' has an empty command");
        assertError("name: x\ntasks:\n  - {id: a, labels: [ok, '']}\n", "x.yaml", 3, 26,
                "task 'a' has an empty label");
    }

    @Test
    void taskWithNothingToIdentifyIt() {
        assertError("name: x\ntasks:\n  - {simulate: 3s}\n", "x.yaml", 3, 5,
                "a task needs an 'id', a 'target' (or 'task') or a 'command'");
    }

    @Test
    void allProblemsAreListedInDocumentOrder() {
        SchemaException e = failure("""
                name: x
                tasks:
                  - {id: a, needs: [q]}
                  - {id: a}
                """, "x.yaml");
        assertThat(e.problems()).extracting(SchemaProblem::toString).containsExactly(
                "x.yaml:3:21: task 'a' needs unknown task 'q'",
                "x.yaml:4:10: duplicate task id 'a' (first defined at line 3)");
    }

    // ------------------------------------------------------------ validation, JSON

    @Test
    void unknownNeedInJsonPointsAtTheNeedsItem() {
        assertError("""
                {
                  "name": "x",
                  "tasks": [
                    {"id": "a"},
                    {"id": "b",
                     "needs": ["a", "zz"]}
                  ]
                }
                """, "x.json", 6, 21, "task 'b' needs unknown task 'zz'");
    }

    @Test
    void duplicateTargetAcrossDirectorStepsPointsAtTheSecond() {
        assertError("""
                {"steps": {
                  "1": ["//a", "//b"],
                  "2": "//a"
                }}
                """, "d.json", 3, 8, "duplicate task id '//a' (first defined at line 2)");
    }

    // ------------------------------------------------------------ field values

    @Test
    void numbersOutOfRange() {
        assertError("name: x\ntasks:\n  - {id: a, attempts: 0}\n", "x.yaml", 3, 23,
                "task 'a': 'attempts' must be at least 1, got 0");
        assertError("name: x\ntasks:\n  - {id: a, timeout: -5}\n", "x.yaml", 3, 22,
                "task 'a': 'timeout' must not be negative, got -5");
        assertError("name: x\ntasks:\n  - {id: a, resources: {cpu: -1}}\n", "x.yaml", 3, 30,
                "task 'a': 'resources.cpu' must be a number of at least 0, not a number ('-1')");
        assertError("name: x\ntasks:\n  - {id: a, resources: {memoryMb: -1}}\n", "x.yaml", 3, 35,
                "task 'a': 'resources.memoryMb' must be at least 0, got -1");
    }

    @Test
    void wrongTypesAndBadDurations() {
        assertError("name: x\ntasks:\n  - {id: a, priority: high}\n", "x.yaml", 3, 23,
                "task 'a': 'priority' must be a whole number, not a string ('high')");
        assertError("{\"name\": \"x\", \"tasks\": [{\"id\": \"a\", \"attempts\": 2.5}]}", "x.json", 1, 49,
                "task 'a': 'attempts' must be a whole number, not a number ('2.5')");
        assertError("name: x\ntasks:\n  - {id: a, timeout: 3 weeks}\n", "x.yaml", 3, 22,
                "task 'a': 'timeout': bad duration '3 weeks': use a number with a unit, like 1500ms, 30s, 10m, "
                        + "2h, 1d or 1h30m");
        assertError("name: x\ntasks:\n  - {id: a, needs: {b: c}}\n", "x.yaml", 3, 20,
                "task 'a': 'needs' must be a list of strings, found a map");
        assertError("name: x\ntasks:\n  - {id: a, resources: {gpu: 1}}\n", "x.yaml", 3, 25,
                "task 'a': unknown resource 'gpu' (expected cpu, memoryMb)");
        assertError("name: x\ntasks:\n  - {id: [a]}\n", "x.yaml", 3, 10, "'id' must be a string, not a list");
    }

    // ------------------------------------------------------------ shape

    @Test
    void shapeProblems() {
        assertError("name: x\ntask:\n  - //a\n", "x.yaml", 2, 1,
                "unknown top-level field 'task' (expected name, tasks, steps, universe, defaults or description)");
        assertError("- //a\n", "x.yaml", 1, 1,
                "a schema must be a map with 'name' and 'tasks' (or 'steps'), not a list");
        assertError("name: x\n", "x.yaml", 1, 1,
                "a schema needs 'tasks' (a list of tasks) or 'steps' (numbered steps of targets)");
        assertError("name: x\ntasks: //a\n", "x.yaml", 2, 8, "'tasks' must be a list, not a string");
        assertError("name: x\ntasks:\n  - [//a]\n", "x.yaml", 3, 5,
                "a task must be a target string or a map with 'id', 'target', 'task' or 'command', not a list");
        assertError("name: x\ntasks:\n  - {task: //a, target: //b}\n", "x.yaml", 3, 6,
                "use either 'task' or 'target' in one task, not both");
        assertError("name: x\ntasks: [//a]\nsteps: {1: //b}\n", "x.yaml", 3, 1,
                "use either 'tasks' or 'steps', not both");
        assertError("name: x\ndefaults: {needs: [a]}\ntasks: [//a]\n", "x.yaml", 2, 12,
                "'needs' cannot have a default: it belongs to one task");
        assertError("name: x\ntasks:\n  - {id: a, id: b}\n", "x.yaml", 3, 13,
                "duplicate key 'id' (first at line 3)");
    }

    @Test
    void directorStepProblems() {
        assertError("steps:\n  first: //a\n", "d.yaml", 2, 3,
                "step keys must be whole numbers (steps run in numeric order), not 'first'");
        assertError("steps:\n  1: //a\n  01: //b\n", "d.yaml", 3, 3, "step number 1 appears twice");
        assertError("steps:\n  1: //a\n  2: []\n", "d.yaml", 3, 3, "step 2 has no tasks");
    }

    // ------------------------------------------------------------ syntax and I/O

    @Test
    void yamlSyntaxErrorSaysWhere() {
        SchemaException e = failure("name: x\ntasks:\n  - id: a\n   target: //a\n", "bad.yaml");
        assertThat(e.line()).isEqualTo(4);
        assertThat(e.column()).isEqualTo(4);
        assertThat(e.getMessage()).isEqualTo("bad.yaml:4:4: YAML syntax error: while parsing a block collection, "
                + "expected <block end>, but found '<block mapping start>'");
    }

    @Test
    void unclosedYamlFlowListSaysWhere() {
        SchemaException e = failure("name: x\ntasks: [//a, //b\n", "bad.yaml");
        assertThat(e.getMessage()).isEqualTo("bad.yaml:3:1: YAML syntax error: while parsing a flow sequence, "
                + "expected ',' or ']', but got <stream end>");
    }

    @Test
    void tabIndentationMultipleDocumentsAndRecursiveAliases() {
        assertThat(failure("name: x\n\ttasks: []\n", "t.yaml").getMessage())
                .startsWith("t.yaml:2:1: YAML syntax error: ").contains("TAB");
        assertThat(failure("---\nname: a\n---\nname: b\n", "t.yaml").getMessage()).isEqualTo(
                "t.yaml:3:1: YAML syntax error: expected a single document in the stream, but found another document");
        assertThat(failure("name: &x [*x]\ntasks: [//a]\n", "t.yaml").getMessage())
                .isEqualTo("t.yaml:1:7: an alias refers to itself");
    }

    @Test
    void jsonSyntaxErrorSaysWhere() {
        SchemaException e = failure("{\n  \"name\": \"x\"\n  \"tasks\": []\n}\n", "bad.json");
        assertThat(e.line()).isEqualTo(3);
        assertThat(e.column()).isEqualTo(3);
        assertThat(e.getMessage()).isEqualTo("bad.json:3:3: JSON syntax error: Unexpected character ('\"' (code 34)): "
                + "was expecting comma to separate Object entries");
    }

    @Test
    void trailingContentAfterJsonIsAnError() {
        assertError("{\"name\": \"x\", \"tasks\": [\"//a\"]}\n{}", "x.json", 2, 1,
                "JSON syntax error: unexpected content after the end of the document");
    }

    @Test
    void emptyFileIsAnError() {
        assertThat(failure("   \n# nothing\n", "e.yaml").getMessage()).isEqualTo("e.yaml: the file is empty");
        assertThat(failure("", "e.json").getMessage()).isEqualTo("e.json: the file is empty");
    }

    @Test
    void missingAndNonUtf8Files(@TempDir Path dir) throws Exception {
        Path missing = dir.resolve("nope.yaml");
        SchemaException e = catchThrowableOfType(SchemaException.class, () -> SchemaLoader.load(missing));
        assertThat(e.getMessage()).isEqualTo(missing + ": no such file");
        assertThat(e.line()).isZero();

        Path latin1 = dir.resolve("latin1.yaml");
        Files.write(latin1, new byte[] {'n', 'a', 'm', 'e', ':', ' ', (byte) 0xE9, '\n'});
        e = catchThrowableOfType(SchemaException.class, () -> SchemaLoader.load(latin1));
        assertThat(e.getMessage()).isEqualTo(latin1 + ": the file is not UTF-8 text");
    }

    @Test
    void loadReportsTheFileAsGiven(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("x.yaml");
        Files.writeString(file, "name: x\ntasks:\n  - {id: b, needs: [zz]}\n");
        SchemaException e = catchThrowableOfType(SchemaException.class, () -> SchemaLoader.load(file));
        assertThat(e.getMessage()).isEqualTo(file + ":3:21: task 'b' needs unknown task 'zz'");
    }
}
