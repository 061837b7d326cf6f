package io.taskshard.tui.view;

import io.taskshard.analysis.Gantt;
import io.taskshard.analysis.JobView;
import io.taskshard.model.JobRecord;
import io.taskshard.tui.state.Grouping;
import io.taskshard.tui.state.Scene;
import io.taskshard.tui.state.ViewState;
import java.util.List;
import java.util.Optional;

/**
 * Draws the selected job's Gantt chart: a line saying grouping, zoom and follow mode, the time
 * axis (labels relative to the job's first bar, the current instant marked), one row per lane
 * with its bars, and the legend. Lanes scroll to keep the selected one visible; "▲ n more" in
 * the ruler's label cell and "▼ n more" before the legend say how many lanes are out of sight.
 */
public final class GanttView {
    /** Candidate spacings of axis labels, in ms; the first that leaves room for its label is used. */
    static final long[] TICK_STEPS = {100, 200, 500, 1_000, 2_000, 5_000, 10_000, 15_000, 30_000, 60_000, 120_000,
        300_000, 600_000, 900_000, 1_800_000, 3_600_000, 7_200_000, 21_600_000, 86_400_000};
    static final int DEFAULT_MIN_TICK_COLS = 8;

    private GanttView() {
    }

    /** Draws into rows {@code top} to {@code bottom} (inclusive) of the canvas. */
    public static void render(Canvas c, Scene scene, ViewState state, int top, int bottom) {
        Optional<JobRecord> job = Selection.job(scene, state);
        if (job.isEmpty()) {
            c.put(1, top + 1, "No job yet: the chart appears when peers form one.", Style.DIM);
            return;
        }
        Optional<JobView> view = scene.jobView(job.get().id());
        if (view.isEmpty()) {
            c.put(1, top + 1, "Reading job " + job.get().id() + " from the coordinator...", Style.DIM);
            return;
        }
        long chartNow = Selection.chartNow(view.get(), scene.now());
        Gantt gantt = Selection.gantt(scene, state).orElseThrow();
        GanttLayout layout = GanttLayout.of(gantt, state, c.width(), chartNow);
        int barX = layout.labelCols() + 1;

        int x = c.put(0, top, Chrome.jobLabel(job.get()) + "  ", Style.BOLD);
        x = c.put(x, top, "[g] " + state.grouping().label(), Style.NORMAL);
        x = c.put(x, top, "  [+/-] " + Text.span(layout.msPerCol()) + "/col" + (state.zoom() == ViewState.ZOOM_FIT
                ? " (fit)" : ""), Style.NORMAL);
        c.put(x, top, state.following() ? "  following now" : "  scrolled [f: follow]",
                state.following() ? Style.NORMAL : Style.WARN);

        axis(c, layout, barX, top + 1, chartNow, scene.now());
        int laneTop = top + 3;
        String idle = TaskWait.nothingRuns(view.get(), scene.live().peers(), scene.now());
        if (idle != null) { // a chart of waiting bars alone does not say why nothing runs
            c.put(1, laneTop, Text.fit(idle, c.width() - 1), Style.WARN);
            laneTop++;
        }
        int rows = bottom - 1 - laneTop + 1; // the last row holds the legend
        List<Gantt.Lane> lanes = gantt.lanes();
        int selected = Selection.laneIndex(gantt, state);
        int first = Math.max(0, Math.min(selected - rows / 2, lanes.size() - rows));
        for (int r = 0; r < rows && first + r < lanes.size(); r++) {
            Gantt.Lane lane = lanes.get(first + r);
            int y = laneTop + r;
            boolean isSelected = first + r == selected;
            c.put(0, y, Text.middle(lane.name(), layout.labelCols()), isSelected ? Style.SELECTED : Style.NORMAL);
            c.set(layout.labelCols(), y, isSelected ? '>' : '|', isSelected ? Style.SELECTED : Style.AXIS);
            int previousEndCol = Integer.MIN_VALUE;
            for (Gantt.Bar bar : lane.bars()) {
                bar(c, layout, barX, y, bar, state.grouping(), previousEndCol);
                // Only attempts back to back need a boundary; a waiting bar's glyph already differs.
                previousEndCol = bar.kind() == Gantt.Kind.ATTEMPT
                        ? Math.max(layout.col(bar.end()), layout.col(bar.start()) + 1) : Integer.MIN_VALUE;
            }
        }
        if (lanes.isEmpty()) {
            c.put(1, laneTop, "No lanes yet.", Style.DIM);
        }
        // Like the lists' marks, but beside the lanes, not over their right end, where the bars of now are.
        int below = lanes.size() - first - Math.min(rows, lanes.size());
        if (first > 0) {
            c.put(0, top + 2, Text.fit(scrollMark('\u25b2', first, layout.labelCols()), layout.labelCols()), Style.DIM);
        }
        String down = below > 0 ? scrollMark('\u25bc', below, Integer.MAX_VALUE) + "  " : "";
        int lx = c.put(0, bottom, down + (lanes.size() > rows ? "lanes " + (first + 1) + "-" + Math.min(lanes.size(),
                first + rows) + "/" + lanes.size() + "  " : ""), Style.DIM);
        Glyphs.legend(c, lx, bottom);
    }

    /** "▲ n more" (or "▲ n" when that does not fit in {@code cols}). */
    static String scrollMark(char arrow, int n, int cols) {
        String full = arrow + " " + n + " more";
        return full.length() <= cols ? full : arrow + " " + n;
    }

    private static void bar(Canvas c, GanttLayout layout, int barX, int y, Gantt.Bar bar, Grouping grouping,
                            int previousEndCol) {
        int from = Math.max(0, layout.col(bar.start()));
        int to = Math.min(layout.barCols(), Math.max(layout.col(bar.end()), layout.col(bar.start()) + 1));
        if (to <= from) {
            return;
        }
        Glyphs.Mark mark = Glyphs.of(bar);
        c.fill(barX + from, y, to - from, mark.glyph(), mark.style());
        // Two bars back to back would read as one: the later one starts with a boundary.
        boolean adjacent = previousEndCol != Integer.MIN_VALUE && layout.col(bar.start()) <= previousEndCol
                && layout.col(bar.start()) >= previousEndCol - 1 && from > 0;
        if (adjacent && bar.kind() == Gantt.Kind.ATTEMPT && to - from >= 2) {
            c.set(barX + from, y, Glyphs.BOUNDARY, mark.style());
        }
        if (bar.kind() != Gantt.Kind.ATTEMPT) {
            return;
        }
        String id = grouping == Grouping.BY_PEER ? bar.taskId() : bar.peerId();
        int room = to - from - 2; // one glyph stays visible at each end
        String label = id.length() <= room ? id : Text.shortId(id).length() <= room ? Text.shortId(id) : null;
        if (label != null) {
            c.put(barX + from + 1, y, label, mark.style());
        }
    }

    /** Labels row, then a ruler with '+' at each label and 'v' at the current instant. */
    private static void axis(Canvas c, GanttLayout layout, int barX, int y, long chartNow, long now) {
        long step = TICK_STEPS[TICK_STEPS.length - 1];
        for (long s : TICK_STEPS) {
            if (s / layout.msPerCol() >= Math.max(DEFAULT_MIN_TICK_COLS, Text.span(s * 10).length() + 2)) {
                step = s;
                break;
            }
        }
        c.put(0, y + 1, Text.fit("time", layout.labelCols()), Style.DIM);
        c.set(layout.labelCols(), y + 1, '+', Style.AXIS);
        c.fill(barX, y + 1, layout.barCols(), '-', Style.AXIS);
        long firstTick = layout.origin() + Math.max(0, Math.floorDiv(layout.left() - layout.origin() + step - 1, step)) * step;
        for (long t = firstTick; layout.col(t) < layout.barCols(); t += step) {
            int col = layout.col(t);
            if (col < 0) {
                continue;
            }
            String label = Text.span(t - layout.origin());
            if (col + label.length() <= layout.barCols()) {
                c.put(barX + col, y, label, Style.AXIS);
            }
            c.set(barX + col, y + 1, '+', Style.AXIS);
        }
        int nowCol = layout.col(chartNow);
        if (chartNow == now && nowCol >= 0 && nowCol < layout.barCols()) {
            c.set(barX + nowCol, y + 1, 'v', Style.NOW);
        }
    }
}
