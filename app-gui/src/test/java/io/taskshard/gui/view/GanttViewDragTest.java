package io.taskshard.gui.view;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskshard.analysis.Gantt;
import io.taskshard.gui.gantt.Timeline;
import io.taskshard.model.AttemptState;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import javafx.event.Event;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.Scene;
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
 * Dragging a waiting task onto a peer's lane while the job changes under the pointer: a running
 * job brings the chart a new timeline every few hundred milliseconds, and a drag must survive
 * that. The mouse events are fired on the FX thread in a fixed order, so a new timeline arrives
 * exactly mid-drag.
 */
class GanttViewDragTest {
    static final long NOW = 10_000;

    private GanttView gantt;
    private Stage stage;
    private final List<GanttView.Reassign> asked = new ArrayList<>();

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @BeforeEach
    void show() throws Exception {
        FxToolkit.setupFixture(() -> {
            gantt = new GanttView(Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC), true);
            gantt.setOnReassign(asked::add);
            stage = new Stage();
            stage.setScene(new Scene(new StackPane(gantt), 800, 400));
            stage.show();
        });
        fx(() -> {
            gantt.setTimeline(timeline(List.of("t3")));
            return null;
        });
    }

    /** Presses t3's bar, drags it onto sim-2's lane, swaps in a timeline waiting on {@code waiting}, releases. */
    private void dragT3ToSim2WithANewTimelineMidway(List<String> waiting) throws Exception {
        Point2D from = fx(() -> gantt.locate("t3").orElseThrow());
        Point2D to = fx(() -> gantt.locatePeerLane("sim-2").orElseThrow());
        fx(() -> {
            mouse(MouseEvent.MOUSE_PRESSED, from);
            mouse(MouseEvent.MOUSE_DRAGGED, from.add(0, 10));
            mouse(MouseEvent.MOUSE_DRAGGED, to);
            gantt.setTimeline(timeline(waiting));
            mouse(MouseEvent.MOUSE_RELEASED, to);
            return null;
        });
    }

    @AfterEach
    void close() throws Exception {
        FxToolkit.setupFixture(() -> stage.close());
    }

    @Test
    void aNewTimelineMidDragKeepsTheDraggedTaskAndTheDropStillReassignsIt() throws Exception {
        // The job moved on: another task now waits above t3, so t3's lane is a different one.
        dragT3ToSim2WithANewTimelineMidway(List.of("t0", "t3"));

        assertThat(asked).containsExactly(new GanttView.Reassign("t3", "sim-2", false, null));
    }

    @Test
    void aDragWhoseTaskIsNoLongerWaitingEndsWithoutAReassignment() throws Exception {
        dragT3ToSim2WithANewTimelineMidway(List.of("t0")); // t3 was cancelled meanwhile: nothing to move

        assertThat(asked).isEmpty();
    }

    @Test
    void theDragMovesTheAttemptPickedUpEvenWhenAnEarlierAttemptOfItsTaskIsDrawnOnALowerLane() throws Exception {
        // t1 failed on sim-2 and now runs (lease 5) on sim-1: the chart's new timelines must not
        // swap the picked-up live attempt for t1's last-drawn (failed) bar and drop the drag.
        Timeline rerun = rerunTimeline();
        fx(() -> {
            gantt.setTimeline(rerun);
            gantt.repaintIfNeeded();
            return null;
        });
        Point2D from = fx(() -> point(0, 7_000));
        Point2D to = fx(() -> point(2, 7_000));
        fx(() -> {
            mouse(MouseEvent.MOUSE_PRESSED, from);
            mouse(MouseEvent.MOUSE_DRAGGED, from.add(0, 10));
            gantt.setTimeline(rerunTimeline()); // the job moved on under the pointer
            mouse(MouseEvent.MOUSE_DRAGGED, to);
            gantt.setTimeline(rerunTimeline());
            mouse(MouseEvent.MOUSE_RELEASED, to);
            return null;
        });

        assertThat(asked).containsExactly(new GanttView.Reassign("t1", "sim-3", true, "sim-1"));
    }

    @Test
    void theDragActsOnTheTaskPressedNotTheSelectedOneNorTheOneUnderTheDrop() throws Exception {
        Point2D t2 = fx(() -> gantt.locate("t2").orElseThrow());
        fx(() -> {
            mouse(MouseEvent.MOUSE_PRESSED, t2);
            mouse(MouseEvent.MOUSE_RELEASED, t2); // a click: t2 is selected
            return null;
        });
        Point2D from = fx(() -> gantt.locate("t3").orElseThrow());
        Point2D to = fx(() -> gantt.locate("t1").orElseThrow()); // dropped onto t1's bar, on sim-1
        fx(() -> {
            mouse(MouseEvent.MOUSE_PRESSED, from);
            mouse(MouseEvent.MOUSE_DRAGGED, from.add(0, 10));
            mouse(MouseEvent.MOUSE_DRAGGED, to);
            mouse(MouseEvent.MOUSE_RELEASED, to);
            return null;
        });

        assertThat(asked).containsExactly(new GanttView.Reassign("t3", "sim-1", false, null));
    }

    @Test
    void aTaskThatMayNotBeReassignedCannotBeDraggedAndTheChartSaysWhyOnce() throws Exception {
        List<String> refused = new ArrayList<>();
        fx(() -> {
            gantt.setReassignRefusal(task -> task.equals("t3") ? "job 1 is failing: nothing new starts in it" : null);
            gantt.setOnRefused(refused::add);
            return null;
        });
        Point2D from = fx(() -> gantt.locate("t3").orElseThrow());
        Point2D to = fx(() -> gantt.locatePeerLane("sim-2").orElseThrow());
        fx(() -> {
            mouse(MouseEvent.MOUSE_PRESSED, from);
            mouse(MouseEvent.MOUSE_DRAGGED, from.add(0, 10));
            mouse(MouseEvent.MOUSE_DRAGGED, to);
            mouse(MouseEvent.MOUSE_RELEASED, to);
            return null;
        });

        assertThat(asked).isEmpty();
        assertThat(refused).containsExactly("cannot reassign t3: job 1 is failing: nothing new starts in it");
    }

    /** Where time {@code ms} of lane {@code lane} is drawn, in the chart's coordinates. */
    private Point2D point(int lane, long ms) {
        return new Point2D(gantt.viewport().timeToX(ms), gantt.viewport().laneTop(lane) + gantt.viewport().laneHeight() / 2);
    }

    /** sim-1 runs t1's second attempt; sim-2 ran its failed first one, then t2; sim-3 is idle. */
    private static Timeline rerunTimeline() {
        List<Timeline.Lane> lanes = new ArrayList<>();
        lanes.add(new Timeline.Lane("sim-1#1", "", Timeline.LaneKind.PEER_SLOT, "sim-1", null, List.of(
                new Gantt.Bar(Gantt.Kind.ATTEMPT, 5, "t1", "sim-1", 2, AttemptState.RUNNING, 5_000, NOW, null))));
        lanes.add(new Timeline.Lane("sim-2#1", "", Timeline.LaneKind.PEER_SLOT, "sim-2", null, List.of(
                new Gantt.Bar(Gantt.Kind.ATTEMPT, 1, "t1", "sim-2", 1, AttemptState.FAILED, 0, 4_000, 1),
                new Gantt.Bar(Gantt.Kind.ATTEMPT, 6, "t2", "sim-2", 1, AttemptState.RUNNING, 5_000, NOW, null))));
        lanes.add(new Timeline.Lane("sim-3#1", "", Timeline.LaneKind.PEER_SLOT, "sim-3", null, List.of()));
        return Timeline.of(0, NOW, lanes, -1, "", NOW);
    }

    /** Two peers running t1 and t2, then one waiting lane per task of {@code waiting}. */
    private static Timeline timeline(List<String> waiting) {
        List<Timeline.Lane> lanes = new ArrayList<>();
        lanes.add(peerLane("sim-1", "t1", 1));
        lanes.add(peerLane("sim-2", "t2", 2));
        lanes.add(new Timeline.Lane("waiting", "waiting", Timeline.LaneKind.HEADER, null, null, List.of()));
        for (String task : waiting) {
            lanes.add(new Timeline.Lane(task, "waiting", Timeline.LaneKind.WAITING, null, task, List.of(
                    new Gantt.Bar(Gantt.Kind.WAITING, 0, task, null, 0, null, 0, NOW, null))));
        }
        return Timeline.of(0, NOW, lanes, -1, "", NOW);
    }

    private static Timeline.Lane peerLane(String peer, String task, long lease) {
        return new Timeline.Lane(peer + "#1", "", Timeline.LaneKind.PEER_SLOT, peer, null, List.of(
                new Gantt.Bar(Gantt.Kind.ATTEMPT, lease, task, peer, 1, AttemptState.RUNNING, 0, NOW, null)));
    }

    /** Fires a primary-button mouse event at {@code local} (the chart's coordinates) on its canvas. */
    private void mouse(javafx.event.EventType<MouseEvent> type, Point2D local) {
        Node canvas = gantt.getChildrenUnmodifiable().getFirst();
        Point2D scene = gantt.localToScene(local);
        Point2D screen = gantt.localToScreen(local);
        boolean down = type != MouseEvent.MOUSE_RELEASED;
        Event.fireEvent(canvas, new MouseEvent(type, scene.getX(), scene.getY(), screen.getX(), screen.getY(),
                MouseButton.PRIMARY, 1, false, false, false, false, down, false, false, false, false,
                type == MouseEvent.MOUSE_PRESSED, null));
    }

    private static <T> T fx(Callable<T> call) throws Exception {
        return io.taskshard.gui.FxThread.call(call);
    }
}
