package io.taskshard.gui.gantt;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskshard.analysis.Gantt;
import io.taskshard.model.AttemptState;
import org.junit.jupiter.api.Test;

class BarStyleTest {
    @Test
    void aTaskCancelledBeforeItRanHasItsOwnColourAndTooltip() {
        // seen under Xvfb: the by-task chart of a failing job threw a NullPointerException on every
        // frame (a never-run cancelled task's bar has no attempt state) and kept the previous chart
        Gantt.Bar neverRan = new Gantt.Bar(Gantt.Kind.CANCELLED, 0, "//web:w2", null, 0, null, 1_000, 1_000, null);

        assertThat(BarStyle.color(neverRan)).isEqualTo(BarStyle.NEVER_RAN);
        assertThat(BarStyle.tooltip(neverRan, 1_000, 1_000, 0)).isEqualTo("//web:w2\ncancelled: it never ran\n"
                + "+1.0s to +1.0s (0ms)");
    }

    @Test
    void attemptsAreColouredByOutcome() {
        Gantt.Bar failed = new Gantt.Bar(Gantt.Kind.ATTEMPT, 3, "//lib:flaky", "f1", 1, AttemptState.FAILED, 0, 10,
                1);
        Gantt.Bar cancelled = new Gantt.Bar(Gantt.Kind.ATTEMPT, 4, "//lib:x", "f1", 1, AttemptState.CANCELLED, 0, 10,
                null);

        assertThat(BarStyle.color(failed)).isEqualTo(BarStyle.FAILED);
        assertThat(BarStyle.color(cancelled)).isEqualTo(BarStyle.CANCELLED).isNotEqualTo(BarStyle.NEVER_RAN);
    }
}
