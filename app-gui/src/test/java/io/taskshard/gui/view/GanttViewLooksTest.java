package io.taskshard.gui.view;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskshard.analysis.Gantt;
import io.taskshard.gui.gantt.BarStyle;
import io.taskshard.gui.gantt.Timeline;
import io.taskshard.model.AttemptState;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import javafx.event.Event;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;

/**
 * What the chart draws, read back from the canvas (pixels) and from the painter's record of its
 * texts: hues per task group, outlines between consecutive bars, the peer on by-task bars, and
 * the marks of a task an operator pinned to a peer.
 */
class GanttViewLooksTest {
    static final long NOW = 10_000;

    private GanttView gantt;
    private Stage stage;

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @BeforeEach
    void show() throws Exception {
        FxToolkit.setupFixture(() -> {
            gantt = new GanttView(Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC), true);
            stage = new Stage();
            stage.setScene(new Scene(new StackPane(gantt), 800, 300));
            stage.show();
        });
    }

    @AfterEach
    void close() throws Exception {
        FxToolkit.setupFixture(() -> stage.close());
    }

    @Test
    void barsOfDifferentGroupsHaveDifferentHuesAndFailedStaysRed() throws Exception {
        // narrow bars (no label on them): //a:x and //b:y succeeded, //a:z failed
        draw(Timeline.of(0, NOW, List.of(peerLane("p1", attempt("//a:x", "p1", AttemptState.SUCCEEDED, 1_000, 1_300),
                attempt("//b:y", "p1", AttemptState.SUCCEEDED, 2_000, 2_300),
                attempt("//a:z", "p1", AttemptState.FAILED, 3_000, 3_300))), -1, "", NOW));

        int a = fx(() -> pixel(0, 1_150));
        int b = fx(() -> pixel(0, 2_150));
        int failed = fx(() -> pixel(0, 3_150));
        assertThat(a).isEqualTo(BarStyle.SUCCEEDED);
        assertThat(b).isNotEqualTo(a).isNotEqualTo(BarStyle.FAILED);
        assertThat(failed).isEqualTo(BarStyle.FAILED);
    }

    @Test
    void consecutiveBarsOfOneColourAreParted() throws Exception {
        // back to back, same group and state: only an outline tells them apart
        draw(Timeline.of(0, NOW, List.of(peerLane("p1", attempt("//a:x", "p1", AttemptState.SUCCEEDED, 1_000, 1_300),
                attempt("//a:y", "p1", AttemptState.SUCCEEDED, 1_300, 1_600))), -1, "", NOW));

        double fill = luminance(BarStyle.SUCCEEDED);
        double darkest = fx(() -> {
            double min = 255;
            for (long t = 1_150; t <= 1_450; t += 5) {
                min = Math.min(min, luminance(pixel(0, t)));
            }
            return min;
        });
        assertThat(darkest).isLessThan(fill - 30); // a darker edge, not a light gap or nothing
    }

    @Test
    void byTaskBarsSayWhichPeerRanTheAttempt() throws Exception {
        draw(Timeline.of(0, NOW, List.of(taskLane("//a:x", attempt("//a:x", "sim-2", AttemptState.FAILED, 500, 4_000),
                attempt("//a:x", "sim-1", AttemptState.SUCCEEDED, 4_500, 9_000))), -1, "", NOW));

        assertThat(fx(gantt::lastLabels)).containsExactly("sim-2", "sim-1");
        fx(() -> {
            hover(0, 2_000);
            return null;
        });
        assertThat(fx(gantt::tooltipText)).contains("peer sim-2, attempt 1");
    }

    @Test
    void aTaskPinnedToAPeerIsMarkedOnItsBarAndOnThatPeersLaneWithATooltip() throws Exception {
        List<Timeline.Lane> lanes = List.of(peerLane("sim-1", attempt("t1", "sim-1", AttemptState.RUNNING, 0, NOW)),
                peerLane("sim-2", attempt("t2", "sim-2", AttemptState.SUCCEEDED, 0, 4_000)),
                new Timeline.Lane("waiting", "waiting", Timeline.LaneKind.HEADER, null, null, List.of()),
                new Timeline.Lane("t3", "waiting", Timeline.LaneKind.WAITING, null, "t3", List.of(
                        new Gantt.Bar(Gantt.Kind.WAITING, 0, "t3", null, 0, null, 0, NOW, null))));
        draw(Timeline.of(0, NOW, lanes, -1, "", NOW).withPins(Map.of("t3", new Timeline.Pin("sim-2", 5_000))));

        // t3's waiting bar, and its wait on sim-2's lane, from when sim-2 was free and t3 ready (5 s)
        assertThat(fx(gantt::lastPinMarks)).isEqualTo(2);
        assertThat(fx(gantt::lastLabels)).contains("pinned: t3");
        int pin = fx(() -> pixel(1, 5_000, 2, 2)); // the corner of the mark on sim-2's lane
        assertThat(pin).isNotEqualTo(BarStyle.color(lanes.get(1).bars().get(0))).isNotEqualTo(0xffffff);
        fx(() -> {
            hover(3, 7_000);
            return null;
        });
        assertThat(fx(gantt::tooltipText)).contains("t3\nwaiting").endsWith("pinned to sim-2 by an operator: only"
                + " sim-2 may run it");
    }

    private void draw(Timeline timeline) throws Exception {
        fx(() -> {
            gantt.setTimeline(timeline);
            gantt.fit();
            gantt.repaintIfNeeded();
            return null;
        });
    }

    /** The colour (0xRRGGBB) drawn at time {@code ms} in the middle of lane {@code lane}. */
    private int pixel(int lane, long ms) {
        return pixel(lane, ms, 0, gantt.viewport().laneHeight() / 2);
    }

    private int pixel(int lane, long ms, double dx, double dy) {
        WritableImage image = gantt.snapshot(null, null);
        int x = (int) Math.floor(gantt.viewport().timeToX(ms) + dx);
        int y = (int) Math.floor(gantt.viewport().laneTop(lane) + dy);
        return image.getPixelReader().getArgb(x, y) & 0xffffff;
    }

    private void hover(int lane, long ms) {
        double x = gantt.viewport().timeToX(ms);
        double y = gantt.viewport().laneTop(lane) + gantt.viewport().laneHeight() / 2;
        Node canvas = gantt.getChildrenUnmodifiable().getFirst();
        var scene = gantt.localToScene(x, y);
        var screen = gantt.localToScreen(x, y);
        Event.fireEvent(canvas, new MouseEvent(MouseEvent.MOUSE_MOVED, scene.getX(), scene.getY(), screen.getX(),
                screen.getY(), MouseButton.NONE, 0, false, false, false, false, false, false, false, false, false,
                false, null));
    }

    private static double luminance(int rgb) {
        return 0.299 * ((rgb >> 16) & 0xff) + 0.587 * ((rgb >> 8) & 0xff) + 0.114 * (rgb & 0xff);
    }

    private static Gantt.Bar attempt(String task, String peer, AttemptState state, long start, long end) {
        return new Gantt.Bar(Gantt.Kind.ATTEMPT, 1, task, peer, 1, state, start, end, null);
    }

    private static Timeline.Lane peerLane(String peer, Gantt.Bar... bars) {
        return new Timeline.Lane(peer + "#1", "", Timeline.LaneKind.PEER_SLOT, peer, null, List.of(bars));
    }

    private static Timeline.Lane taskLane(String task, Gantt.Bar... bars) {
        return new Timeline.Lane(task, "", Timeline.LaneKind.TASK, null, task, List.of(bars));
    }

    private static <T> T fx(Callable<T> call) throws Exception {
        return io.taskshard.gui.FxThread.call(call);
    }
}
