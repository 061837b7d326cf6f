package io.taskshard.gui.gantt;

import io.taskshard.analysis.Gantt;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.TextAlignment;

/**
 * Draws a {@link Timeline} through a {@link Viewport} onto a canvas: the thin toolkit end of
 * the chart. Everything it decides (which lanes, which bars, where) comes from the viewport
 * and the {@link BarIndex}; it only issues fill and text calls, for visible bars only.
 *
 * <p>Not thread-safe: call it on the FX thread (or on a canvas not yet in a scene).
 */
public final class GanttPainter {
    /** Bars at least this wide get their task id written on them. */
    static final double DEFAULT_MIN_LABELLED_BAR_PIXELS = 48;
    private static final Color BACKGROUND = Color.WHITE;
    private static final Color STRIPE = Color.rgb(246, 247, 249);
    private static final Color GRID = Color.rgb(228, 230, 234);
    private static final Color LABEL_BACKGROUND = Color.rgb(238, 240, 243);
    private static final Color TEXT = Color.rgb(33, 37, 41);
    private static final Color GROUP_LINE = Color.rgb(120, 126, 134);
    private static final Color NOW = Color.rgb(0, 120, 215);
    private static final Color MARKER = Color.rgb(200, 30, 30);
    private static final Color SELECTION = Color.BLACK;
    private static final Color HEADER_BACKGROUND = Color.rgb(225, 229, 235);
    /** Marks of an operator's pin: the corner of a pinned task's bars, the outline on its peer's lane. */
    private static final Color PIN = Color.rgb(106, 27, 154);
    /** Size of the triangle in the top left corner of a pinned task's bars. */
    static final double PIN_MARK_PIXELS = 7;
    /** Average width of a character of the 11 px label font: labels are elided without measuring. */
    static final double APPROX_CHAR_PIXELS = 6.3;

    private final Map<Integer, Color> colors = new HashMap<>();
    private final Font font = Font.font("System", 11);
    private final Font groupFont = Font.font("System", FontWeight.BOLD, 11);
    /** What the last frame wrote on bars and how many pin marks it drew: the tests read them. */
    private final List<String> lastLabels = new ArrayList<>();
    private int lastPinMarks;

    /** What one frame shows besides the timeline itself. */
    public record Frame(long now, boolean showNow, BarRef selected, BarRef dragged, int dropLane) {
        /** Nothing selected, dragged or marked. */
        public static Frame plain(long now) {
            return new Frame(now, false, null, null, -1);
        }
    }

    /**
     * Paints one frame.
     *
     * @return how many bars were drawn (for the benchmark and the tests)
     */
    public int paint(GraphicsContext gc, Timeline timeline, Viewport vp, Frame frame) {
        gc.setFill(BACKGROUND);
        gc.fillRect(0, 0, vp.width(), vp.height());
        int lanes = timeline.lanes().size();
        int first = Math.max(0, vp.firstVisibleLane());
        int last = vp.lastVisibleLane(lanes);
        paintStripes(gc, timeline, vp, first, last, frame.dropLane());
        paintGrid(gc, timeline, vp);
        int drawn = 0;
        lastLabels.clear();
        lastPinMarks = 0;
        for (int lane = first; lane <= last; lane++) {
            drawn += paintLane(gc, timeline, vp, lane, frame.now());
        }
        paintPinnedWaits(gc, timeline, vp, first, last, frame.now());
        paintHighlight(gc, timeline, vp, frame.selected(), frame.now(), SELECTION, 2);
        paintHighlight(gc, timeline, vp, frame.dragged(), frame.now(), NOW, 2);
        if (timeline.markerAt() >= 0) {
            paintVertical(gc, vp, timeline.markerAt(), MARKER, timeline.markerLabel());
        }
        if (frame.showNow()) {
            paintVertical(gc, vp, frame.now(), NOW, "");
        }
        paintLabels(gc, timeline, vp, first, last);
        paintAxis(gc, timeline, vp);
        return drawn;
    }

    private void paintStripes(GraphicsContext gc, Timeline timeline, Viewport vp, int first, int last,
            int dropLane) {
        for (int lane = first; lane <= last; lane++) {
            if (timeline.lanes().get(lane).kind() == Timeline.LaneKind.HEADER) {
                gc.setFill(HEADER_BACKGROUND);
            } else if (lane == dropLane) {
                gc.setFill(Color.rgb(255, 243, 205));
            } else if (lane % 2 == 1) {
                gc.setFill(STRIPE);
            } else {
                continue;
            }
            gc.fillRect(vp.labelWidth(), vp.laneTop(lane), vp.plotWidth(), vp.laneHeight());
        }
    }

    private void paintGrid(GraphicsContext gc, Timeline timeline, Viewport vp) {
        gc.setStroke(GRID);
        gc.setLineWidth(1);
        for (TimeAxis.Tick tick : TimeAxis.ticks(vp, timeline.origin())) {
            double x = Math.floor(tick.x()) + 0.5;
            gc.strokeLine(x, vp.axisHeight(), x, vp.height());
        }
    }

    private int paintLane(GraphicsContext gc, Timeline timeline, Viewport vp, int lane, long now) {
        BarIndex index = timeline.index();
        double top = vp.laneTop(lane) + 2;
        double h = vp.laneHeight() - 4;
        double left = vp.labelWidth();
        double right = vp.width();
        Timeline.LaneKind kind = timeline.lanes().get(lane).kind();
        int[] lastColor = {-1};
        gc.setLineWidth(1);
        return index.visit(lane, vp.startMs(), vp.endMs(), vp.msPerPixel(), now, (l, b) -> {
            Gantt.Bar bar = index.bar(l, b);
            double x0 = Math.max(left, vp.timeToX(index.start(l, b)));
            double x1 = Math.min(right, vp.timeToX(index.end(l, b, now)));
            // A pixel of gap between neighbours, so back-to-back bars stay apart.
            double w = x1 - x0 >= 3 ? x1 - x0 - 1 : Math.max(1, x1 - x0);
            int rgb = BarStyle.color(bar, timeline.hue(bar.taskId()));
            if (rgb != lastColor[0]) {
                gc.setFill(color(rgb));
                gc.setStroke(color(BarStyle.outline(rgb)));
                lastColor[0] = rgb;
            }
            gc.fillRect(x0, top, w, h);
            if (w >= 3) {
                // A darker edge: two bars of one colour back to back still read as two.
                gc.strokeRect(x0 + 0.5, top + 0.5, w - 1, h - 1);
            }
            if (w >= PIN_MARK_PIXELS && timeline.pins().containsKey(bar.taskId())) {
                gc.setFill(PIN);
                gc.fillPolygon(new double[] {x0, x0 + PIN_MARK_PIXELS, x0}, new double[] {top, top, top
                        + PIN_MARK_PIXELS}, 3);
                lastPinMarks++;
                lastColor[0] = -1;
            }
            String label = w >= DEFAULT_MIN_LABELLED_BAR_PIXELS ? BarStyle.label(kind, bar) : null;
            if (label != null) {
                gc.setFill(BarStyle.darkFill(rgb) ? Color.WHITE : TEXT);
                gc.setFont(font);
                gc.setTextAlign(TextAlignment.LEFT);
                gc.setTextBaseline(VPos.CENTER);
                String shown = elide(label, w - 6);
                gc.fillText(shown, x0 + 3, top + h / 2);
                lastLabels.add(shown);
                lastColor[0] = -1;
            }
        });
    }

    /**
     * A task waiting for the peer an operator pinned it to, on the lane of that peer that frees
     * first: a dashed outline from when the lane was free (and the task ready) to now, labelled
     * with the task, or only the mark at now while the lane is busy; the chart says where the
     * task will run before it starts there.
     */
    private void paintPinnedWaits(GraphicsContext gc, Timeline timeline, Viewport vp, int first, int last, long now) {
        for (Map.Entry<String, Timeline.Pin> e : timeline.pins().entrySet()) {
            Timeline.Pin pin = e.getValue();
            int lane = pin.since() < 0 ? -1 : freestLane(timeline, pin.peerId(), now);
            if (lane < first || lane > last) {
                continue;
            }
            int bars = timeline.index().barCount(lane);
            long free = bars == 0 ? pin.since() : Math.max(pin.since(), timeline.index().end(lane, bars - 1, now));
            double x0 = Math.max(vp.labelWidth(), Math.min(vp.timeToX(free), vp.timeToX(now) - PIN_MARK_PIXELS));
            double x1 = Math.min(vp.width(), vp.timeToX(Math.max(now, free)));
            if (x1 < vp.labelWidth() || x0 > vp.width()) {
                continue;
            }
            double top = vp.laneTop(lane) + 1;
            double h = vp.laneHeight() - 2;
            double w = Math.max(PIN_MARK_PIXELS, x1 - x0);
            gc.setStroke(PIN);
            gc.setLineWidth(1.5);
            gc.setLineDashes(5, 3);
            gc.strokeRect(x0, top, w, h);
            gc.setLineDashes();
            gc.setFill(PIN);
            gc.fillPolygon(new double[] {x0, x0 + PIN_MARK_PIXELS, x0}, new double[] {top, top, top
                    + PIN_MARK_PIXELS}, 3);
            lastPinMarks++;
            if (w >= DEFAULT_MIN_LABELLED_BAR_PIXELS) {
                String shown = elide("pinned: " + e.getKey(), w - 12);
                gc.setFont(font);
                gc.setTextAlign(TextAlignment.LEFT);
                gc.setTextBaseline(VPos.CENTER);
                gc.fillText(shown, x0 + 9, top + h / 2);
                lastLabels.add(shown);
            }
        }
    }

    /** The slot lane of {@code peer} whose last bar ends first (peer slots run one bar at a time), or -1. */
    private static int freestLane(Timeline timeline, String peer, long now) {
        int best = -1;
        long bestEnd = Long.MAX_VALUE;
        for (int l = 0; l < timeline.lanes().size(); l++) {
            Timeline.Lane lane = timeline.lanes().get(l);
            if (lane.kind() != Timeline.LaneKind.PEER_SLOT || !peer.equals(lane.peerId())) {
                continue;
            }
            int bars = timeline.index().barCount(l);
            long end = bars == 0 ? Long.MIN_VALUE : timeline.index().end(l, bars - 1, now);
            if (end < bestEnd) {
                best = l;
                bestEnd = end;
            }
        }
        return best;
    }

    /** The texts the last frame wrote on bars (and on pinned waits), in drawing order. */
    public List<String> lastLabels() {
        return List.copyOf(lastLabels);
    }

    /** How many pin marks the last frame drew (pinned tasks' bars, and their waits on their peer's lane). */
    public int lastPinMarks() {
        return lastPinMarks;
    }

    private static void paintHighlight(GraphicsContext gc, Timeline timeline, Viewport vp, BarRef ref, long now,
            Color color, double width) {
        if (ref == null || ref.lane() >= timeline.index().laneCount()
                || ref.bar() >= timeline.index().barCount(ref.lane())) {
            return;
        }
        BarIndex index = timeline.index();
        double x0 = Math.max(vp.labelWidth(), vp.timeToX(index.start(ref.lane(), ref.bar())));
        double x1 = Math.min(vp.width(), vp.timeToX(index.end(ref.lane(), ref.bar(), now)));
        if (x1 < vp.labelWidth() || x0 > vp.width()) {
            return;
        }
        gc.setStroke(color);
        gc.setLineWidth(width);
        gc.strokeRect(x0, vp.laneTop(ref.lane()) + 1, Math.max(2, x1 - x0), vp.laneHeight() - 2);
    }

    private void paintVertical(GraphicsContext gc, Viewport vp, long time, Color color, String label) {
        double x = vp.timeToX(time);
        if (x < vp.labelWidth() || x > vp.width()) {
            return;
        }
        gc.setStroke(color);
        gc.setLineWidth(1.5);
        gc.setLineDashes(4, 3);
        gc.strokeLine(x, vp.axisHeight(), x, vp.height());
        gc.setLineDashes();
        gc.setFill(color);
        gc.setFont(font);
        gc.setTextBaseline(VPos.TOP);
        boolean roomRight = x + 90 < vp.width();
        gc.setTextAlign(roomRight ? TextAlignment.LEFT : TextAlignment.RIGHT);
        gc.fillText(label, roomRight ? x + 3 : x - 3, vp.axisHeight() + 1);
    }

    private void paintLabels(GraphicsContext gc, Timeline timeline, Viewport vp, int first, int last) {
        gc.setFill(LABEL_BACKGROUND);
        gc.fillRect(0, vp.axisHeight(), vp.labelWidth(), vp.height());
        gc.setTextAlign(TextAlignment.LEFT);
        gc.setTextBaseline(VPos.CENTER);
        for (int lane = first; lane <= last; lane++) {
            Timeline.Lane l = timeline.lanes().get(lane);
            double top = vp.laneTop(lane);
            double middle = top + vp.laneHeight() / 2;
            if (l.kind() == Timeline.LaneKind.HEADER) {
                gc.setFill(HEADER_BACKGROUND);
                gc.fillRect(0, top, vp.labelWidth(), vp.laneHeight());
                gc.setStroke(GROUP_LINE);
                gc.setLineWidth(1);
                gc.strokeLine(0, top + 0.5, vp.width(), top + 0.5);
                gc.setFill(TEXT);
                gc.setFont(groupFont);
                gc.fillText(l.label(), 4, middle); // headings run on over the plot area
                continue;
            }
            gc.setFill(TEXT);
            gc.setFont(font);
            double indent = l.group().isEmpty() ? 4 : 12;
            String pinned = l.taskId() == null ? null : timeline.pinnedTo(l.taskId());
            String text = pinned == null ? l.label() : l.label() + " \u2192 " + pinned; // "//a:b → ci-2"
            long waiting = l.kind() != Timeline.LaneKind.PEER_SLOT || timeline.firstLaneOf(l.peerId()).orElse(-1) != lane
                    ? 0 : timeline.pins().values().stream().filter(p -> p.since() >= 0 && p.peerId().equals(l.peerId()))
                            .count();
            text = waiting == 0 ? text : text + " (" + waiting + " pinned)"; // "ci-2#1 (1 pinned)"
            gc.fillText(elide(text, vp.labelWidth() - indent - 4), indent, middle);
        }
    }

    /** Keeps the end of a label (task ids differ most at the end) within about {@code width} pixels. */
    static String elide(String label, double width) {
        int fit = (int) Math.floor(width / APPROX_CHAR_PIXELS);
        if (label.length() <= fit) {
            return label;
        }
        return fit <= 1 ? "…" : "…" + label.substring(label.length() - (fit - 1));
    }

    private void paintAxis(GraphicsContext gc, Timeline timeline, Viewport vp) {
        gc.setFill(LABEL_BACKGROUND);
        gc.fillRect(0, 0, vp.width(), vp.axisHeight());
        gc.setStroke(GROUP_LINE);
        gc.setLineWidth(1);
        gc.strokeLine(0, vp.axisHeight() - 0.5, vp.width(), vp.axisHeight() - 0.5);
        gc.strokeLine(vp.labelWidth() - 0.5, 0, vp.labelWidth() - 0.5, vp.height());
        gc.setFill(TEXT);
        gc.setFont(font);
        gc.setTextAlign(TextAlignment.CENTER);
        gc.setTextBaseline(VPos.CENTER);
        for (TimeAxis.Tick tick : TimeAxis.ticks(vp, timeline.origin())) {
            gc.strokeLine(Math.floor(tick.x()) + 0.5, vp.axisHeight() - 5, Math.floor(tick.x()) + 0.5,
                    vp.axisHeight());
            if (tick.x() > vp.labelWidth() + 20) {
                gc.fillText(tick.label(), tick.x(), vp.axisHeight() / 2 - 1);
            }
        }
    }

    private Color color(int rgb) {
        return colors.computeIfAbsent(rgb, c -> Color.rgb((c >> 16) & 0xff, (c >> 8) & 0xff, c & 0xff));
    }
}
