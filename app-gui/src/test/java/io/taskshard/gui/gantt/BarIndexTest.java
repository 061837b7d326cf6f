package io.taskshard.gui.gantt;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskshard.analysis.Gantt;
import io.taskshard.model.AttemptState;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BarIndexTest {

    static Gantt.Bar bar(String task, long start, long end, AttemptState state) {
        return new Gantt.Bar(Gantt.Kind.ATTEMPT, 1, task, "p", 1, state, start, end, null);
    }

    static BarIndex index(List<List<Gantt.Bar>> lanes) {
        return BarIndex.of(lanes, b -> b.state() != null && b.state().isLive());
    }

    static List<String> visited(BarIndex index, int lane, long from, long to, double msPerPixel, long now) {
        List<String> out = new ArrayList<>();
        index.visit(lane, from, to, msPerPixel, now, (l, b) -> out.add(index.bar(l, b).taskId()));
        return out;
    }

    @Test
    void visits_only_bars_that_intersect_the_range() {
        BarIndex index = index(List.of(List.of(bar("a", 0, 10, AttemptState.SUCCEEDED),
                bar("b", 10, 20, AttemptState.SUCCEEDED), bar("c", 30, 40, AttemptState.FAILED),
                bar("d", 50, 60, AttemptState.SUCCEEDED))));

        assertThat(visited(index, 0, 15, 35, 0, 0)).containsExactly("b", "c");
        assertThat(visited(index, 0, 21, 29, 0, 0)).isEmpty();
        assertThat(visited(index, 0, 61, 100, 0, 0)).isEmpty();
    }

    @Test
    void finds_a_long_bar_that_starts_before_the_range_when_bars_overlap() {
        BarIndex index = index(List.of(List.of(bar("long", 0, 1000, AttemptState.SUCCEEDED),
                bar("short", 5, 6, AttemptState.SUCCEEDED))));

        assertThat(visited(index, 0, 500, 600, 0, 0)).containsExactly("long");
    }

    @Test
    void open_bars_reach_to_now_and_into_later_ranges() {
        BarIndex index = index(List.of(List.of(bar("done", 0, 10, AttemptState.SUCCEEDED),
                bar("live", 10, 10, AttemptState.RUNNING))));

        assertThat(visited(index, 0, 500, 600, 0, 1000)).containsExactly("live");
        assertThat(index.end(0, 1, 1000)).isEqualTo(1000);
        assertThat(index.isOpen(0, 1)).isTrue();
        assertThat(visited(index, 0, 500, 600, 0, 100)).isEmpty();
    }

    @Test
    void coalesces_sub_pixel_bars_but_keeps_a_long_one_that_follows_them() {
        List<Gantt.Bar> lane = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            lane.add(bar("t" + i, i, i + 1, AttemptState.SUCCEEDED)); // 1 ms each
        }
        lane.add(bar("long", 1000, 5000, AttemptState.SUCCEEDED));
        BarIndex index = index(List.of(lane));

        List<String> atTenMsPerPixel = visited(index, 0, 0, 5000, 10, 0);

        assertThat(atTenMsPerPixel).hasSizeLessThanOrEqualTo(2 * 100 + 2).contains("long");
        assertThat(visited(index, 0, 0, 5000, 0, 0)).hasSize(1001);
    }

    @Test
    void hit_test_finds_the_bar_under_a_time_within_the_tolerance() {
        BarIndex index = index(List.of(List.of(bar("a", 0, 10, AttemptState.SUCCEEDED),
                bar("b", 20, 21, AttemptState.SUCCEEDED))));

        assertThat(index.barAt(0, 5, 0, 0)).isEqualTo(0);
        assertThat(index.barAt(0, 15, 0, 0)).isEqualTo(-1);
        assertThat(index.barAt(0, 23, 2, 0)).isEqualTo(1);
        assertThat(index.barAt(1, 5, 0, 0)).isEqualTo(-1);
    }
}
