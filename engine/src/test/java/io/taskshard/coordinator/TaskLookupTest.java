package io.taskshard.coordinator;

import static io.taskshard.coordinator.Fixtures.created;
import static io.taskshard.coordinator.Fixtures.finished;
import static org.assertj.core.api.Assertions.assertThat;

import io.taskshard.model.Change;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TaskLookupTest {
    private final ReadModel model = new ReadModel();

    @BeforeEach
    void twoRunningJobsShareTaskIdsAndOneFinishedJob() {
        // job 1: uids 100 (//a), 101 (only-in-1); job 2: uid 200 (//a), 201 ("42"); job 3 finished: 300 (old)
        model.onCommitted(List.of(created(1, "//a", "only-in-1"), created(2, "//a", "42"), created(3, "old")), 0);
        model.onCommitted(List.<Change>of(finished(3)), 0);
    }

    @Test
    void aNumericIdIsATaskUid() {
        assertThat(model.resolveTask("101", null)).isEqualTo(new TaskLookup.Found(model.task(101).orElseThrow()));
    }

    @Test
    void aSchemaIdInOneUnfinishedJobIsFound() {
        assertThat(model.resolveTask("only-in-1", null))
                .isEqualTo(new TaskLookup.Found(model.task(101).orElseThrow()));
    }

    @Test
    void aSchemaIdInSeveralUnfinishedJobsIsAmbiguousAndNamesThem() {
        assertThat(model.resolveTask("//a", null)).isEqualTo(new TaskLookup.Ambiguous("//a", List.of(2L, 1L)));
    }

    @Test
    void theJobParameterPicksOne() {
        assertThat(model.resolveTask("//a", 2L)).isEqualTo(new TaskLookup.Found(model.task(200).orElseThrow()));
    }

    @Test
    void withAJobADigitsOnlyIdIsFirstASchemaIdThenAUidOfThatJob() {
        assertThat(model.resolveTask("42", 2L)).isEqualTo(new TaskLookup.Found(model.task(201).orElseThrow()));
        assertThat(model.resolveTask("200", 2L)).isEqualTo(new TaskLookup.Found(model.task(200).orElseThrow()));
        assertThat(model.resolveTask("100", 2L)).isInstanceOf(TaskLookup.NotFound.class);
    }

    @Test
    void aDigitsOnlySchemaIdIsFoundWhenNoTaskHasThatUid() {
        assertThat(model.resolveTask("42", null)).isEqualTo(new TaskLookup.Found(model.task(201).orElseThrow()));
    }

    @Test
    void finishedJobsAreSearchedWhenNoUnfinishedJobHasTheTask() {
        assertThat(model.resolveTask("old", null)).isEqualTo(new TaskLookup.Found(model.task(300).orElseThrow()));
    }

    @Test
    void unknownIdsAndJobsAreNotFoundWithAReason() {
        assertThat(model.resolveTask("nope", null))
                .isEqualTo(new TaskLookup.NotFound("no task with id 'nope' in any job held"));
        assertThat(model.resolveTask("//a", 99L)).isEqualTo(new TaskLookup.NotFound("no job 99"));
        assertThat(model.resolveTask("nope", 1L)).isEqualTo(new TaskLookup.NotFound("job 1 has no task 'nope'"));
    }
}
