package io.taskshard.gui.gantt;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskshard.analysis.Gantt;
import io.taskshard.model.AttemptState;
import java.util.List;
import org.junit.jupiter.api.Test;

class TaskGroupsTest {
    @Test
    void aTargetsGroupIsItsPackageAndAPlainNamesItsNameWithoutTheNumber() {
        assertThat(TaskGroups.of("//services/billing:test")).isEqualTo("//services/billing");
        assertThat(TaskGroups.of("//services/billing:lint")).isEqualTo("//services/billing");
        assertThat(TaskGroups.of("slow-12")).isEqualTo("slow");
        assertThat(TaskGroups.of("t07")).isEqualTo("t");
        assertThat(TaskGroups.of("compile")).isEqualTo("compile");
        assertThat(TaskGroups.of("42")).isEqualTo("42");
    }

    @Test
    void groupsAreNumberedInTheOrderTheyAppearSoTheFirstOnesNeverShareAHue() {
        var hues = TaskGroups.hues(List.of(List.of(bar("//a:x"), bar("//b:x")), List.of(bar("//a:y"), bar("//c:z"))));

        assertThat(hues).containsEntry("//a:x", 0).containsEntry("//a:y", 0).containsEntry("//b:x", 1)
                .containsEntry("//c:z", 2);
    }

    private static Gantt.Bar bar(String task) {
        return new Gantt.Bar(Gantt.Kind.ATTEMPT, 1, task, "p1", 1, AttemptState.SUCCEEDED, 0, 10, 0);
    }
}
