package io.taskshard.runners.peer;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskshard.model.TaskSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

class LocalPlanTest {
    static TaskSpec task(String id, int priority, String... needs) {
        return TaskSpec.ofTarget(id, "//" + id).withPriority(priority).withNeeds(List.of(needs));
    }

    static List<String> ids(List<TaskSpec> tasks) {
        return tasks.stream().map(TaskSpec::id).toList();
    }

    @Test
    void readyTasksGoByPriorityThenSchemaOrderAndWaitForTheirNeeds() {
        LocalPlan plan = new LocalPlan(List.of(task("a", 0), task("b", 5), task("c", 0, "a"), task("d", 0)));

        assertThat(ids(plan.take(2))).containsExactly("b", "a");
        assertThat(ids(plan.take(5))).containsExactly("d");
        plan.succeeded("a");
        assertThat(ids(plan.take(5))).containsExactly("c");
        assertThat(plan.isOver()).isFalse();
        plan.succeeded("b");
        plan.succeeded("c");
        plan.succeeded("d");
        assertThat(plan.isOver()).isTrue();
        assertThat(plan.failedTasks()).isEmpty();
    }

    @Test
    void aFailureSkipsEverythingThatNeedsItDirectlyOrNot() {
        LocalPlan plan = new LocalPlan(List.of(task("a", 0), task("b", 0, "a"), task("c", 0, "b"), task("x", 0)));
        assertThat(ids(plan.take(5))).containsExactly("a", "x");

        plan.failed("a");
        plan.succeeded("x");

        assertThat(plan.take(5)).isEmpty();
        assertThat(plan.isOver()).isTrue();
        assertThat(plan.failedTasks()).containsExactly("a", "b", "c");
        assertThat(plan.skippedCount()).isEqualTo(2);
    }

    @Test
    void aRetriedTaskIsReadyAgain() {
        LocalPlan plan = new LocalPlan(List.of(task("a", 0)));
        assertThat(ids(plan.take(1))).containsExactly("a");
        assertThat(plan.take(1)).isEmpty();

        plan.retry("a");

        assertThat(ids(plan.take(1))).containsExactly("a");
    }
}
