package io.taskshard.gui.view;

import io.taskshard.analysis.Gantt;
import io.taskshard.gui.gantt.BarDrag;
import io.taskshard.gui.gantt.BarRef;
import io.taskshard.gui.gantt.BarStyle;
import io.taskshard.gui.gantt.GanttPainter;
import io.taskshard.gui.gantt.Timeline;
import io.taskshard.gui.gantt.Viewport;
import java.time.Clock;
import java.util.Optional;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.animation.AnimationTimer;
import javafx.geometry.Point2D;
import javafx.scene.canvas.Canvas;
import javafx.scene.control.Label;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.Region;

/**
 * A Gantt chart on one {@link Canvas}: the toolkit glue around the pure {@link Viewport},
 * {@link Timeline} and {@link GanttPainter}. Ctrl+wheel zooms around the pointer, the wheel
 * scrolls lanes (shift+wheel: time), dragging empty space pans, hovering shows a bar's details,
 * a click selects, and dragging a movable bar (a waiting task, or a live attempt) onto another
 * peer's lane asks for a reassignment of the task picked up ({@link BarDrag}), if the task may be
 * reassigned now ({@link #setReassignRefusal}). "Follow now" keeps the present at the right edge.
 *
 * <p>Repaints happen on the FX pulse, only when something changed (or, while bars are live,
 * at most every {@link #DEFAULT_LIVE_REPAINT_MS} ms so they grow).
 */
public final class GanttView extends Region {
    /** How often live bars grow on screen. */
    public static final long DEFAULT_LIVE_REPAINT_MS = 100;
    /** A press must move this far before it is a drag rather than a click. */
    static final double DRAG_THRESHOLD_PX = 4;
    /** Bars this close to the pointer (pixels) count as under it, so thin bars can be hovered. */
    static final double HIT_TOLERANCE_PX = 3;

    /** A request to move {@code taskId} to {@code peerId}; {@code running} when it has a live attempt. */
    public record Reassign(String taskId, String peerId, boolean running, String fromPeer) {
    }

    /** A bar under the pointer, with where on the screen it was asked for. */
    public record BarAt(Gantt.Bar bar, Timeline.Lane lane, double screenX, double screenY) {
    }

    private final Canvas canvas = new Canvas();
    private final Label tooltip = ChartLabels.tooltip();
    /** Says why no chart is shown (it failed to build): over an empty chart, never over another job's. */
    private final Label message = ChartLabels.message();
    private final GanttPainter painter = new GanttPainter();
    private final Clock clock;
    private final boolean draggable;
    private Timeline timeline = Timeline.EMPTY;
    private Viewport viewport = Viewport.of(0, 0, 0, 100);
    private boolean follow;
    private boolean fitted;
    /** Until the user zooms or pans, every new timeline is fitted, so a growing job stays in view. */
    private boolean autoFit = true;
    private boolean dirty = true;
    private long lastPaintMs;
    private int lastDrawn;
    private BarRef selected;
    private String selectedTask;
    private BarDrag drag;
    /** Why the bar pressed may not be reassigned (said once if the user drags it), or null. */
    private String pressRefused;
    private Point2D pressedAt;
    private Point2D lastDragAt;
    private boolean dragging;
    private int dropLane = -1;
    private Consumer<Gantt.Bar> onSelect = bar -> { };
    private Consumer<Reassign> onReassign = r -> { };
    private Consumer<BarAt> onContextMenu = b -> { };
    private Function<String, String> reassignRefusal = task -> null;
    private Consumer<String> onRefused = why -> { };

    public GanttView(Clock clock, boolean draggable) {
        this.clock = clock;
        this.draggable = draggable;
        getStyleClass().add("gantt");
        getChildren().addAll(canvas, tooltip, message);
        setMinSize(100, 60);
        setFocusTraversable(true);
        canvas.addEventHandler(ScrollEvent.SCROLL, this::onScroll);
        canvas.addEventHandler(MouseEvent.MOUSE_MOVED, this::onMoved);
        canvas.addEventHandler(MouseEvent.MOUSE_EXITED, e -> tooltip.setVisible(false));
        canvas.addEventHandler(MouseEvent.MOUSE_PRESSED, this::onPressed);
        canvas.addEventHandler(MouseEvent.MOUSE_DRAGGED, this::onDragged);
        canvas.addEventHandler(MouseEvent.MOUSE_RELEASED, this::onReleased);
        canvas.setOnContextMenuRequested(e -> barAt(e.getX(), e.getY()).ifPresent(ref ->
                onContextMenu.accept(new BarAt(timeline.index().bar(ref.lane(), ref.bar()),
                        timeline.lanes().get(ref.lane()), e.getScreenX(), e.getScreenY()))));
        new AnimationTimer() {
            @Override
            public void handle(long pulseNanos) {
                repaintIfNeeded();
            }
        }.start();
    }

    public void setOnSelect(Consumer<Gantt.Bar> handler) {
        onSelect = handler;
    }

    public void setOnReassign(Consumer<Reassign> handler) {
        onReassign = handler;
    }

    public void setOnContextMenu(Consumer<BarAt> handler) {
        onContextMenu = handler;
    }

    /** Why a task may not be reassigned now (client.TaskActions' words), or null when it may. */
    public void setReassignRefusal(Function<String, String> whyNot) {
        reassignRefusal = whyNot;
    }

    /** Told why, when the user drags a bar whose task may not be reassigned. */
    public void setOnRefused(Consumer<String> handler) {
        onRefused = handler;
    }

    /** Shows no chart but {@code text} (why there is none), until the next {@link #setTimeline}. */
    public void showError(String text) {
        setTimeline(Timeline.EMPTY);
        message.setText(text);
        message.setVisible(true);
        requestLayout();
    }

    /** The error shown instead of a chart, or null. */
    public String errorText() {
        return message.isVisible() ? message.getText() : null;
    }

    /** Shows a new timeline, keeping zoom and scroll; the first one is fitted to the view. */
    public void setTimeline(Timeline next) {
        message.setVisible(false);
        timeline = next;
        selected = selectedTask == null ? null : next.locate(selectedTask).orElse(null);
        // A running job brings a new timeline every few hundred ms: a drag in progress keeps its
        // task (its bar found again by task and lease) rather than being dropped silently; it ends
        // only if the task can no longer be moved. The drop lane is found again at the next move
        // or the release.
        drag = drag != null && drag.relocate(next) ? drag : null;
        dragging = dragging && drag != null;
        dropLane = -1;
        if ((autoFit || !fitted) && next.end() > next.origin() && viewport.width() > 0 && !follow) {
            fitViewport();
        }
        dirty = true;
    }

    public Timeline timeline() {
        return timeline;
    }

    public Viewport viewport() {
        return viewport;
    }

    /** Bars drawn in the last frame (tests check that bars are really shown). */
    public int lastDrawn() {
        return lastDrawn;
    }

    /** What the last frame wrote on bars (tests). */
    public List<String> lastLabels() {
        return painter.lastLabels();
    }

    /** Pin marks the last frame drew (tests). */
    public int lastPinMarks() {
        return painter.lastPinMarks();
    }

    /** The tooltip text shown now, or null (tests). */
    public String tooltipText() {
        return tooltip.isVisible() ? tooltip.getText() : null;
    }

    public void setFollow(boolean on) {
        follow = on;
        autoFit = autoFit && !on;
        dirty = true;
    }

    public boolean follow() {
        return follow;
    }

    /** Shows the whole timeline, and keeps doing so as it grows until the user zooms or pans. */
    public void fit() {
        autoFit = true;
        follow = false;
        fitViewport();
    }

    private void fitViewport() {
        long end = Math.max(timeline.end(), hasLiveBars() ? clock.millis() : timeline.end());
        viewport = viewport.fit(timeline.origin(), Math.max(end, timeline.origin() + 1000));
        fitted = viewport.width() > 0;
        dirty = true;
    }

    /** Zooms around the middle of the plot; above 1 zooms in. */
    public void zoom(double factor) {
        viewport = viewport.zoomAround(viewport.labelWidth() + viewport.plotWidth() / 2, factor);
        autoFit = false;
        dirty = true;
    }

    /** Selects the current bar of {@code taskId} (null clears) and scrolls its lane into view. */
    public void select(String taskId) {
        selectedTask = taskId;
        selected = taskId == null ? null : timeline.locate(taskId).orElse(null);
        if (selected != null) {
            viewport = viewport.reveal(selected.lane());
        }
        dirty = true;
    }

    /** Where the bar of {@code taskId} is drawn, in this node's coordinates (its middle), if visible. */
    public Optional<Point2D> locate(String taskId) {
        return timeline.locate(taskId).flatMap(this::centre);
    }

    /** The middle of the first lane of {@code peerId}, at the plot's middle, in this node's coordinates. */
    public Optional<Point2D> locatePeerLane(String peerId) {
        return timeline.firstLaneOf(peerId).stream().boxed().findFirst().map(lane -> {
            viewport = viewport.reveal(lane);
            return new Point2D(viewport.labelWidth() + viewport.plotWidth() / 2,
                    viewport.laneTop(lane) + viewport.laneHeight() / 2);
        });
    }

    private Optional<Point2D> centre(BarRef ref) {
        viewport = viewport.reveal(ref.lane());
        long now = clock.millis();
        double x0 = Math.max(viewport.labelWidth(), viewport.timeToX(timeline.index().start(ref.lane(), ref.bar())));
        double x1 = Math.min(viewport.width() - 1, viewport.timeToX(timeline.index().end(ref.lane(), ref.bar(), now)));
        if (x1 < x0) {
            return Optional.empty();
        }
        return Optional.of(new Point2D((x0 + x1) / 2, viewport.laneTop(ref.lane()) + viewport.laneHeight() / 2));
    }

    @Override
    protected void layoutChildren() {
        double w = getWidth();
        double h = getHeight();
        if (w != canvas.getWidth() || h != canvas.getHeight()) {
            canvas.setWidth(w);
            canvas.setHeight(h);
            viewport = viewport.withSize(w, h);
            if ((autoFit || !fitted) && timeline.end() > timeline.origin()) {
                fitViewport();
            }
            dirty = true;
        }
        if (message.isVisible()) {
            double mw = Math.max(100, w - 40);
            message.setMaxWidth(mw);
            message.resize(mw, message.prefHeight(mw));
            message.relocate(20, 20);
        }
    }

    /** Paints now if anything changed, or if live bars need to grow. Called on every pulse. */
    void repaintIfNeeded() {
        long now = clock.millis();
        boolean live = hasLiveBars() || follow;
        if (!dirty && !(live && now - lastPaintMs >= DEFAULT_LIVE_REPAINT_MS)) {
            return;
        }
        if (follow) {
            viewport = viewport.follow(Math.max(now, timeline.end()));
        } else if (autoFit && hasLiveBars() && viewport.width() > 0) {
            fitViewport(); // live bars grow towards now: keep all of them in view
        }
        BarRef dragged = dragging ? drag.bar() : null;
        lastDrawn = painter.paint(canvas.getGraphicsContext2D(), timeline, viewport,
                new GanttPainter.Frame(now, hasLiveBars(), selected, dragged, dropLane));
        lastPaintMs = now;
        dirty = false;
    }

    private boolean hasLiveBars() {
        return timeline.index().openCount() > 0;
    }

    private Optional<BarRef> barAt(double x, double y) {
        return timeline.barAt(viewport, x, y, HIT_TOLERANCE_PX, clock.millis());
    }

    private void onScroll(ScrollEvent e) {
        if (e.isControlDown()) {
            viewport = viewport.zoomAround(e.getX(), Math.pow(1.0015, e.getDeltaY()));
            follow = false;
            autoFit = false;
        } else if (e.isShiftDown()) {
            viewport = viewport.panBy(e.getDeltaY() != 0 ? e.getDeltaY() : e.getDeltaX(), 0, timeline.lanes().size());
            follow = false;
            autoFit = false;
        } else {
            viewport = viewport.panBy(e.getDeltaX(), e.getDeltaY(), timeline.lanes().size());
        }
        dirty = true;
        e.consume();
    }

    private void onMoved(MouseEvent e) {
        Optional<BarRef> ref = barAt(e.getX(), e.getY());
        if (ref.isEmpty()) {
            tooltip.setVisible(false);
            return;
        }
        BarRef r = ref.get();
        long now = clock.millis();
        Gantt.Bar bar = timeline.index().bar(r.lane(), r.bar());
        ChartLabels.showAt(tooltip, BarStyle.tooltip(bar, timeline.index().start(r.lane(), r.bar()),
                timeline.index().end(r.lane(), r.bar(), now), timeline.origin(), timeline.pinnedTo(bar.taskId())),
                e.getX(), e.getY(), getWidth(), getHeight());
    }

    private void onPressed(MouseEvent e) {
        requestFocus();
        if (e.getButton() != MouseButton.PRIMARY) {
            return;
        }
        pressedAt = new Point2D(e.getX(), e.getY());
        lastDragAt = pressedAt;
        drag = BarDrag.start(timeline, barAt(e.getX(), e.getY()).orElse(null));
        pressRefused = drag == null ? null : reassignRefusal.apply(drag.taskId());
        if (pressRefused != null) {
            pressRefused = "cannot reassign " + drag.taskId() + ": " + pressRefused;
            drag = null;
        }
        dragging = false;
    }

    private void onDragged(MouseEvent e) {
        if (pressedAt == null || e.getButton() != MouseButton.PRIMARY) {
            return;
        }
        tooltip.setVisible(false);
        if (pressRefused != null) {
            // A bar the user tried to move but may not: say why once, and do not pan instead.
            if (!pressRefused.isEmpty() && pressedAt.distance(e.getX(), e.getY()) >= DRAG_THRESHOLD_PX) {
                onRefused.accept(pressRefused);
                pressRefused = ""; // said; the drag stays refused until the release
            }
            return;
        }
        if (drag != null && draggable) {
            if (!dragging && pressedAt.distance(e.getX(), e.getY()) >= DRAG_THRESHOLD_PX) {
                dragging = true;
            }
            if (dragging) {
                dropLane = dropTarget(e.getY());
                dirty = true;
            }
            return;
        }
        viewport = viewport.panBy(e.getX() - lastDragAt.getX(), e.getY() - lastDragAt.getY(),
                timeline.lanes().size());
        if (e.getX() != lastDragAt.getX()) {
            follow = false;
            autoFit = false;
        }
        lastDragAt = new Point2D(e.getX(), e.getY());
        dirty = true;
    }

    private void onReleased(MouseEvent e) {
        if (e.getButton() != MouseButton.PRIMARY || pressedAt == null) {
            return;
        }
        boolean click = pressedAt.distance(e.getX(), e.getY()) < DRAG_THRESHOLD_PX;
        if (dragging) {
            dropLane = dropTarget(e.getY()); // the timeline may have changed since the last move
        }
        if (dragging && dropLane >= 0) {
            onReassign.accept(new Reassign(drag.taskId(), timeline.lanes().get(dropLane).peerId(),
                    drag.running(timeline), drag.fromPeer(timeline)));
        } else if (click) {
            Optional<BarRef> ref = barAt(e.getX(), e.getY());
            selected = ref.orElse(null);
            selectedTask = ref.map(r -> timeline.index().bar(r.lane(), r.bar()).taskId()).orElse(null);
            ref.ifPresent(r -> onSelect.accept(timeline.index().bar(r.lane(), r.bar())));
        }
        dragging = false;
        drag = null;
        pressRefused = null;
        dropLane = -1;
        pressedAt = null;
        dirty = true;
    }

    /** The peer lane under {@code y} that the dragged bar may go to, or -1. */
    private int dropTarget(double y) {
        return drag.dropTarget(timeline, viewport.laneAt(y, timeline.lanes().size()));
    }
}
