package io.taskshard.tui.view;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskshard.tui.SceneFixture;
import io.taskshard.tui.state.Grouping;
import io.taskshard.tui.state.Scene;
import io.taskshard.tui.state.View;
import io.taskshard.tui.state.ViewState;
import org.junit.jupiter.api.Test;

/** More Gantt lanes than rows: marks above and below the lanes say how many are out of sight. */
class GanttScrollMarksTest {
    private final Scene scene = SceneFixture.scene();
    private final ViewState byTask = ViewState.INITIAL.withView(View.GANTT).withGrouping(Grouping.BY_TASK);

    @Test
    void atTheTopOnlyTheLanesBelowAreMarked() {
        Canvas c = Dashboard.render(scene, byTask, 80, 12);

        assertThat(c.text()).doesNotContain("\u25b2");
        assertThat(c.lines().stream().filter(l -> l.contains("lanes 1-")).findFirst().orElseThrow(
                () -> new AssertionError(c.text())))
                .containsPattern("\u25bc \\d+ more  lanes 1-");
    }

    @Test
    void atTheBottomTheLanesAboveAreMarkedBesideTheRuler() {
        Canvas c = Dashboard.render(scene, byTask.withLane("//app:e"), 80, 12);

        String ruler = c.lines().stream().filter(l -> l.contains("+-")).findFirst().orElseThrow();
        assertThat(ruler).containsPattern("^\u25b2 \\d+");
        assertThat(c.text()).doesNotContain("\u25bc").contains("//app:e");
    }

    @Test
    void allLanesVisibleMeansNoMarks() {
        Canvas c = Dashboard.render(scene, byTask, 80, 24);

        assertThat(c.text()).doesNotContain("\u25b2").doesNotContain("\u25bc");
    }
}
