package io.taskshard.schema;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskshard.model.Durations;
import io.taskshard.model.Schema;
import io.taskshard.model.TaskSpec;
import io.taskshard.schema.LoadedSchema.Form;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The files in the repository's schemas/ folder are documentation: they must all load. */
class ExampleSchemasTest {

    /** Surefire runs with the engine module as working directory. */
    private static final Path SCHEMAS = Path.of("..", "schemas");

    private static LoadedSchema load(String name) {
        return SchemaLoader.loadDetailed(SCHEMAS.resolve(name));
    }

    @Test
    void everyExampleFileLoadsAndValidates() throws IOException {
        List<Path> files;
        try (Stream<Path> list = Files.list(SCHEMAS)) {
            files = list.filter(Files::isRegularFile).sorted().toList();
        }
        assertThat(files).extracting(p -> p.getFileName().toString())
                .contains("task-sharding.yaml", "task-director.json", "rich.yaml", "rich.json", "demo.yaml");
        for (Path file : files) {
            Schema s = SchemaLoader.load(file);
            assertThat(SchemaValidator.problems(s)).as(file.toString()).isEmpty();
            assertThat(s.tasks()).as(file.toString()).isNotEmpty();
        }
    }

    @Test
    void eachExampleIsInTheFormItsNameSays() {
        assertThat(load("task-sharding.yaml").form()).isEqualTo(Form.TASK_SHARDING);
        assertThat(load("task-director.json").form()).isEqualTo(Form.TASK_DIRECTOR);
        assertThat(load("task-director.json").universe()).isEqualTo("//...");
        assertThat(load("rich.yaml").form()).isEqualTo(Form.RICH);
        assertThat(load("task-sharding.yaml").schema().tasks()).hasSize(6);
    }

    @Test
    void richYamlAndRichJsonAreTheSameSchema() {
        Schema yaml = load("rich.yaml").schema();
        Schema json = load("rich.json").schema();
        assertThat(json).isEqualTo(yaml);
        assertThat(SchemaHash.of(json)).isEqualTo(SchemaHash.of(yaml));
    }

    @Test
    void demoIsAboutThirtySecondsOfUnevenWorkWithSomeNeeds() {
        Schema demo = load("demo.yaml").schema();
        assertThat(demo.name()).isEqualTo("demo");
        assertThat(demo.tasks()).hasSizeBetween(20, 28);
        long total = 0;
        for (TaskSpec t : demo.tasks()) {
            long ms = Durations.parseMillis((String) t.extra().get("simulate"));
            assertThat(ms).as(t.id()).isBetween(300L, 3_000L);
            total += ms;
        }
        assertThat(total).isBetween(25_000L, 35_000L);
        assertThat(demo.tasks().stream().filter(t -> !t.needs().isEmpty()).count()).isBetween(3L, 10L);
    }
}
