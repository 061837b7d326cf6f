package io.taskshard.tui;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskshard.tui.state.ViewState;
import io.taskshard.tui.view.Canvas;
import io.taskshard.tui.view.Dashboard;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The overview's progress bars line up: every job row's bar starts and ends in the same columns
 * whatever its counts say (seen in tmux at 80 columns: bars of 10, 19, 25 and 27 columns).
 */
class OverviewBarsTest {
    @Test
    void everyJobsBarHasTheSameColumnsAt80And120Columns() {
        for (int width : new int[] {80, 120}) {
            Canvas c = Dashboard.render(FollowingJobsTest.withJobs(3), ViewState.INITIAL, width, 24);
            List<String> rows = c.lines().stream().filter(l -> l.matches("^[> ] #\\d.*")).toList();

            assertThat(rows).hasSize(3);
            assertThat(rows.stream().map(l -> l.indexOf('[')).distinct()).as("bar starts at %d", width).hasSize(1);
            assertThat(rows.stream().map(l -> l.indexOf(']')).distinct()).as("bar ends at %d", width).hasSize(1);
        }
    }
}
