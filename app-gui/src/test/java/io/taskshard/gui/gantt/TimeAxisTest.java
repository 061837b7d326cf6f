package io.taskshard.gui.gantt;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TimeAxisTest {

    @Test
    void picks_a_nice_step_at_least_the_minimum_apart() {
        assertThat(TimeAxis.step(10)).isEqualTo(1_000);   // 700 ms needed -> 1 s
        assertThat(TimeAxis.step(1)).isEqualTo(100);      // 70 ms -> 100 ms
        assertThat(TimeAxis.step(1000)).isEqualTo(120_000);
    }

    @Test
    void ticks_are_counted_from_the_origin_and_stay_in_the_plot() {
        Viewport vp = Viewport.of(1150, 200, 500, 10);

        List<TimeAxis.Tick> ticks = TimeAxis.ticks(vp, 0);

        assertThat(ticks).extracting(TimeAxis.Tick::label).startsWith("+1s", "+2s");
        assertThat(ticks).allSatisfy(t -> assertThat(t.x()).isBetween(150.0, 1150.0));
    }

    @Test
    void labels_read_naturally() {
        assertThat(TimeAxis.label(0, 1000)).isEqualTo("0");
        assertThat(TimeAxis.label(200, 100)).isEqualTo("+200ms");
        assertThat(TimeAxis.label(1500, 500)).isEqualTo("+1.5s");
        assertThat(TimeAxis.label(90_000, 30_000)).isEqualTo("+1m30s");
        assertThat(TimeAxis.label(5_400_000, 1_800_000)).isEqualTo("+1h30m");
        assertThat(TimeAxis.label(-2000, 1000)).isEqualTo("-2s");
    }
}
