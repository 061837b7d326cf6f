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

    @Test
    void groupsHaveTheirOwnHuesWhileFailuresAndCancellationsKeepTheirColours() {
        Gantt.Bar ok = attempt(AttemptState.SUCCEEDED);
        Gantt.Bar failed = attempt(AttemptState.FAILED);
        Gantt.Bar cancelled = attempt(AttemptState.CANCELLED);
        Gantt.Bar running = attempt(AttemptState.RUNNING);

        assertThat(BarStyle.color(ok, 0)).isEqualTo(BarStyle.SUCCEEDED);
        assertThat(java.util.stream.IntStream.range(0, BarStyle.GROUP_HUES.length).map(g -> BarStyle.color(ok, g))
                .distinct().count()).isEqualTo(BarStyle.GROUP_HUES.length);
        for (int g = 0; g < 2 * BarStyle.GROUP_HUES.length; g++) {
            assertThat(BarStyle.color(failed, g)).isEqualTo(BarStyle.FAILED);
            assertThat(BarStyle.color(cancelled, g)).isEqualTo(BarStyle.CANCELLED);
            assertThat(BarStyle.color(running, g)).isNotEqualTo(BarStyle.color(ok, g)); // lighter: still running
        }
        assertThat(BarStyle.GROUP_HUES).doesNotContain(BarStyle.FAILED, BarStyle.ERROR, BarStyle.LOST,
                BarStyle.CANCELLED, BarStyle.NEVER_RAN, BarStyle.WAITING, BarStyle.BLOCKED);
        assertThat(BarStyle.outline(BarStyle.SUCCEEDED)).isEqualTo(BarStyle.mix(BarStyle.SUCCEEDED, 0, 0.4));
    }

    @Test
    void byTaskBarsAreLabelledWithThePeerThatRanTheAttemptAndTheTooltipSaysWhereATaskIsPinned() {
        Gantt.Bar ok = attempt(AttemptState.SUCCEEDED);

        assertThat(BarStyle.label(Timeline.LaneKind.TASK, ok)).isEqualTo("ci-2");
        assertThat(BarStyle.label(Timeline.LaneKind.PEER_SLOT, ok)).isEqualTo("//lib:x");
        assertThat(BarStyle.tooltip(ok, 0, 10, 0, "ci-3")).startsWith("//lib:x\npeer ci-2, attempt 1")
                .endsWith("\npinned to ci-3 by an operator: only ci-3 may run it");
    }

    private static Gantt.Bar attempt(AttemptState state) {
        return new Gantt.Bar(Gantt.Kind.ATTEMPT, 4, "//lib:x", "ci-2", 1, state, 0, 10, null);
    }
}
