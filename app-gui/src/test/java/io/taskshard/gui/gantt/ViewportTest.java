package io.taskshard.gui.gantt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ViewportTest {
    private final Viewport vp = Viewport.of(1150, 222, 1000, 10); // plot 1000 x 200 px: 10 s, 11 lanes

    @Test
    void maps_time_to_x_and_back() {
        assertThat(vp.timeToX(1000)).isEqualTo(150);
        assertThat(vp.timeToX(2000)).isEqualTo(250);
        assertThat(vp.xToTime(250)).isEqualTo(2000);
        assertThat(vp.endMs()).isEqualTo(11_000);
    }

    @Test
    void maps_y_to_lanes_and_knows_which_are_visible() {
        assertThat(vp.laneAt(10, 100)).isEqualTo(-1); // the axis
        assertThat(vp.laneAt(22, 100)).isZero();
        assertThat(vp.laneAt(22 + 18 * 3 + 1, 100)).isEqualTo(3);
        assertThat(vp.laneAt(22 + 18 * 3 + 1, 3)).isEqualTo(-1);
        assertThat(vp.firstVisibleLane()).isZero();
        assertThat(vp.lastVisibleLane(100)).isEqualTo(11);
        assertThat(vp.lastVisibleLane(5)).isEqualTo(4);
    }

    @Test
    void zoom_keeps_the_time_under_the_pointer() {
        long under = vp.xToTime(650);

        Viewport zoomed = vp.zoomAround(650, 2);

        assertThat(zoomed.msPerPixel()).isEqualTo(5);
        assertThat(zoomed.xToTime(650)).isEqualTo(under);
    }

    @Test
    void zoom_is_bounded() {
        assertThat(vp.zoomAround(500, 1e9).msPerPixel()).isEqualTo(Viewport.MIN_MS_PER_PIXEL);
        assertThat(vp.zoomAround(500, 1e-12).msPerPixel()).isEqualTo(Viewport.MAX_MS_PER_PIXEL);
    }

    @Test
    void pan_moves_time_and_lanes_and_stops_at_the_last_lane() {
        Viewport panned = vp.panBy(100, -36, 100);
        assertThat(panned.startMs()).isEqualTo(0);
        assertThat(panned.scrollY()).isEqualTo(36);
        assertThat(panned.firstVisibleLane()).isEqualTo(2);

        assertThat(vp.panBy(0, -10_000, 20).scrollY()).isEqualTo(20 * 18 - 200);
        assertThat(vp.panBy(0, 10_000, 20).scrollY()).isZero();
    }

    @Test
    void fit_shows_the_whole_range_and_follow_puts_now_at_the_right() {
        Viewport fitted = vp.fit(5_000, 25_000);
        assertThat(fitted.timeToX(5_000)).isGreaterThan(fitted.labelWidth());
        assertThat(fitted.timeToX(25_000)).isLessThan(fitted.width());

        Viewport following = vp.follow(50_000);
        assertThat(following.timeToX(50_000)).isCloseTo(150 + 1000 * 0.95, within(0.5));
        assertThat(following.msPerPixel()).isEqualTo(vp.msPerPixel());
    }

    @Test
    void reveal_scrolls_a_lane_into_view() {
        Viewport revealed = vp.reveal(40);
        assertThat(revealed.firstVisibleLane()).isLessThanOrEqualTo(40);
        assertThat(revealed.lastVisibleLane(100)).isGreaterThanOrEqualTo(40);
        assertThat(revealed.reveal(40)).isEqualTo(revealed);
    }
}
