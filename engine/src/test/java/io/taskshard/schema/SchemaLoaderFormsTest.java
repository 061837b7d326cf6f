package io.taskshard.schema;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskshard.model.Resources;
import io.taskshard.model.Schema;
import io.taskshard.model.TaskSpec;
import io.taskshard.schema.LoadedSchema.Form;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchemaLoaderFormsTest {

    @Test
    void taskShardingFormInYaml() {
        LoadedSchema loaded = SchemaLoader.parseDetailed("""
                name: bazel
                tasks:
                  - task: //:test_1
                  - task: //:test_2
                  - //:test_3
                """, "ts.yaml");
        Schema s = loaded.schema();
        assertThat(loaded.form()).isEqualTo(Form.TASK_SHARDING);
        assertThat(s.name()).isEqualTo("bazel");
        assertThat(s.tasks()).containsExactly(
                TaskSpec.ofTarget("//:test_1", "//:test_1"),
                TaskSpec.ofTarget("//:test_2", "//:test_2"),
                TaskSpec.ofTarget("//:test_3", "//:test_3"));
    }

    @Test
    void taskShardingFormInJson() {
        Schema s = SchemaLoader.parse("""
                {"name": "bazel", "tasks": [{"task": "//:test_1"}, "//:test_2"]}
                """, "ts.json");
        assertThat(s.tasks()).containsExactly(
                TaskSpec.ofTarget("//:test_1", "//:test_1"), TaskSpec.ofTarget("//:test_2", "//:test_2"));
    }

    @Test
    void taskDirectorFormInJsonRunsStepsInNumericOrder() {
        LoadedSchema loaded = SchemaLoader.parseDetailed("""
                {"universe": "//my/...",
                 "steps": {"10": "//c:z", "1": "//a/...", "2": ["//b:x", "//b:y"]}}
                """, "ci/director.json");
        Schema s = loaded.schema();
        assertThat(loaded.form()).isEqualTo(Form.TASK_DIRECTOR);
        assertThat(loaded.universe()).isEqualTo("//my/...");
        assertThat(s.name()).as("no name: the file's base name").isEqualTo("director");
        assertThat(s.tasks()).extracting(TaskSpec::id).containsExactly("//a/...", "//b:x", "//b:y", "//c:z");
        assertThat(s.tasks()).extracting(TaskSpec::target).containsExactly("//a/...", "//b:x", "//b:y", "//c:z");
        assertThat(s.tasks().get(0).needs()).isEmpty();
        assertThat(s.tasks().get(1).needs()).containsExactly("//a/...");
        assertThat(s.tasks().get(2).needs()).containsExactly("//a/...");
        assertThat(s.tasks().get(3).needs()).containsExactly("//b:x", "//b:y");
        assertThat(s.tasks()).extracting(TaskSpec::target).doesNotContain("//my/...");
    }

    @Test
    void taskDirectorFormInYamlWithNameAndIntegerKeys() {
        LoadedSchema loaded = SchemaLoader.parseDetailed("""
                name: nightly
                universe: //...
                steps:
                  2: [//b:x, //b:y]
                  1: //a:a
                """, "director.yaml");
        assertThat(loaded.schema().name()).isEqualTo("nightly");
        assertThat(loaded.schema().tasks()).extracting(TaskSpec::id).containsExactly("//a:a", "//b:x", "//b:y");
        assertThat(loaded.schema().tasks().get(2).needs()).containsExactly("//a:a");
    }

    @Test
    void taskDirectorStepsMayBeAListAndHoldRichEntries() {
        Schema s = SchemaLoader.parse("""
                steps:
                  - //a:a
                  - [{id: b, target: //b:b, simulate: 2s}, //c:c]
                """, "list-steps.yaml");
        assertThat(s.tasks()).extracting(TaskSpec::id).containsExactly("//a:a", "b", "//c:c");
        assertThat(s.tasks().get(1).needs()).containsExactly("//a:a");
        assertThat(s.tasks().get(1).extra()).containsEntry("simulate", "2s");
    }

    private static final TaskSpec RICH_BUILD = new TaskSpec("build", "//app:bin", null, 5, 4, 90_000,
            List.of(), new Resources(2.5, 4096), List.of("linux", "x86"), Map.of("simulate", "3s"));
    private static final TaskSpec RICH_TEST = new TaskSpec("test", null, "make test", 0, 1, 5_400_000,
            List.of("build"), Resources.NONE, List.of(), Map.of("env", Map.of("CI", "1"), "flaky", true));
    private static final TaskSpec RICH_PACKAGE = new TaskSpec("//pkg:deb", "//pkg:deb", null, -2, 3, 250,
            List.of("build", "test"), Resources.NONE, List.of(), Map.of());

    @Test
    void richFormInYaml() {
        LoadedSchema loaded = SchemaLoader.parseDetailed("""
                name: rich
                tasks:
                  - id: build
                    target: //app:bin
                    priority: 5
                    attempts: 4
                    timeout: 1m30s
                    resources: {cpu: 2.5, memoryMb: 4096}
                    labels: [linux, x86]
                    simulate: 3s
                  - id: test
                    command: make test
                    attempts: 1
                    timeout: 1h30m
                    needs: [build]
                    env: {CI: "1"}
                    flaky: yes
                  - target: //pkg:deb
                    priority: -2
                    timeout: 250
                    needs: [build, test]
                """, "rich.yaml");
        assertThat(loaded.form()).isEqualTo(Form.RICH);
        assertThat(loaded.schema().tasks()).containsExactly(RICH_BUILD, RICH_TEST, RICH_PACKAGE);
    }

    @Test
    void richFormInJson() {
        Schema s = SchemaLoader.parse("""
                {"name": "rich", "tasks": [
                  {"id": "build", "target": "//app:bin", "priority": 5, "attempts": 4, "timeout": "1m30s",
                   "resources": {"cpu": 2.5, "memoryMb": 4096}, "labels": ["linux", "x86"], "simulate": "3s"},
                  {"id": "test", "command": "make test", "attempts": 1, "timeout": "1h30m", "needs": ["build"],
                   "env": {"CI": "1"}, "flaky": true},
                  {"target": "//pkg:deb", "priority": -2, "timeout": 250, "needs": ["build", "test"]}
                ]}
                """, "rich.json");
        assertThat(s.tasks()).containsExactly(RICH_BUILD, RICH_TEST, RICH_PACKAGE);
    }

    @Test
    void idDefaultsToTargetThenCommand() {
        Schema s = SchemaLoader.parse("""
                name: ids
                tasks:
                  - target: //a:a
                  - command: echo hi
                  - {id: named, command: echo named}
                """, "ids.yaml");
        assertThat(s.tasks()).extracting(TaskSpec::id).containsExactly("//a:a", "echo hi", "named");
    }

    @Test
    void defaultsApplyToTasksThatDoNotSetTheField() {
        Schema s = SchemaLoader.parse("""
                name: defaults
                defaults:
                  priority: 3
                  attempts: 5
                  timeout: 2m
                  labels: [gpu]
                  resources: {cpu: 1}
                  simulate: 1s
                tasks:
                  - //a:a
                  - {target: //b:b, priority: 9, labels: [], simulate: 2s}
                """, "defaults.yaml");
        TaskSpec a = s.tasks().get(0);
        assertThat(a.priority()).isEqualTo(3);
        assertThat(a.attempts()).isEqualTo(5);
        assertThat(a.timeoutMs()).isEqualTo(120_000);
        assertThat(a.labels()).containsExactly("gpu");
        assertThat(a.resources()).isEqualTo(new Resources(1, 0));
        assertThat(a.extra()).containsEntry("simulate", "1s");
        TaskSpec b = s.tasks().get(1);
        assertThat(b.priority()).isEqualTo(9);
        assertThat(b.attempts()).isEqualTo(5);
        assertThat(b.labels()).as("an explicit empty list overrides the default").isEmpty();
        assertThat(b.extra()).containsEntry("simulate", "2s");
    }

    @Test
    void mixingTaskShardingEntriesWithRichOnesIsRich() {
        LoadedSchema loaded = SchemaLoader.parseDetailed("""
                name: mixed
                tasks:
                  - task: //a:a
                  - {task: //b:b, needs: [//a:a], priority: 2}
                """, "mixed.yaml");
        assertThat(loaded.form()).isEqualTo(Form.RICH);
        assertThat(loaded.schema().tasks().get(1)).isEqualTo(
                TaskSpec.ofTarget("//b:b", "//b:b").withNeeds(List.of("//a:a")).withPriority(2));
    }

    @Test
    void yamlAnchorsAndMergeKeysWork() {
        Schema s = SchemaLoader.parse("""
                name: anchors
                tasks:
                  - &base {target: //a:a, attempts: 2, labels: [linux]}
                  - <<: *base
                    target: //b:b
                """, "anchors.yaml");
        assertThat(s.tasks().get(1)).isEqualTo(new TaskSpec("//b:b", "//b:b", null, 0, 2, 0, List.of(),
                Resources.NONE, List.of("linux"), Map.of()));
    }

    @Test
    void unknownExtensionIsSniffed() {
        assertThat(SchemaLoader.parse("  {\"name\": \"j\", \"tasks\": [\"//a\"]}", "stdin").tasks()).hasSize(1);
        assertThat(SchemaLoader.parse("name: y\ntasks: [//a, //b]\n", "stdin").tasks()).hasSize(2);
        assertThat(SchemaLoader.parse("{name: flow, tasks: [//a]}", "stdin").name())
                .as("a YAML flow map that is not JSON still loads").isEqualTo("flow");
    }

    @Test
    void loadReadsAFileAndDefaultsTheNameToItsBaseName(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("my-schema.yml");
        Files.writeString(file, "\uFEFFtasks: [//a:a]\n");
        Schema s = SchemaLoader.load(file);
        assertThat(s.name()).isEqualTo("my-schema");
        assertThat(s.tasks()).containsExactly(TaskSpec.ofTarget("//a:a", "//a:a"));
    }

    @Test
    void numericAndBooleanLookingIdsKeepTheirText() {
        Schema s = SchemaLoader.parse("""
                name: literal
                tasks:
                  - {id: 1, target: //a}
                  - {id: yes, target: //b, needs: [1]}
                  - {id: 007, target: //c}
                """, "literal.yaml");
        assertThat(s.tasks()).extracting(TaskSpec::id).containsExactly("1", "yes", "007");
        assertThat(s.tasks().get(1).needs()).containsExactly("1");
    }

    @Test
    void defaultsApplyToDirectorStepsToo() {
        Schema s = SchemaLoader.parse("""
                {"defaults": {"attempts": 1, "simulate": "2s"}, "steps": {"1": "//a", "2": "//b"}}
                """, "d.json");
        assertThat(s.tasks()).allSatisfy(t -> {
            assertThat(t.attempts()).isEqualTo(1);
            assertThat(t.extra()).containsEntry("simulate", "2s");
        });
    }

    @Test
    void singleNeedWithoutAListDescriptionAndUniverseInRichForm() {
        LoadedSchema loaded = SchemaLoader.parseDetailed("""
                name: small
                description: people read this, the loader ignores it
                universe: //all/...
                tasks:
                  - {id: a, command: "true"}
                  - {id: b, command: "true", needs: a, timeout: 1.5s}
                """, "small.yaml");
        assertThat(loaded.universe()).isEqualTo("//all/...");
        assertThat(loaded.schema().tasks().get(1).needs()).containsExactly("a");
        assertThat(loaded.schema().tasks().get(1).timeoutMs()).isEqualTo(1_500);
        assertThat(loaded.schema().tasks()).extracting(TaskSpec::extra).containsOnly(Map.of());
    }
}
