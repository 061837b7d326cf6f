package io.taskshard.tui.view;

import io.taskshard.analysis.Gantt;
import io.taskshard.tui.state.ViewState;

/**
 * Where the Gantt's time axis sits on screen: which instant the left edge shows and how many
 * milliseconds one column is. Shared by the renderer and the key handler, so scrolling and
 * zooming start from exactly what is on screen.
 *
 * @param labelCols columns of the lane names
 * @param barCols   columns of the bar area (right of the names and a separator)
 * @param origin    the chart's first instant (the job's first bar)
 * @param right     the chart's last instant (now while the job runs)
 * @param left      the instant at the bar area's left edge
 * @param level     index into {@link #ZOOM_LEVELS} in use
 * @param fitLevel  the level that shows the whole chart
 */
public record GanttLayout(int labelCols, int barCols, long origin, long right, long left, int level, int fitLevel) {
    /** Milliseconds per column, finest first. */
    public static final long[] ZOOM_LEVELS = {10, 20, 50, 100, 200, 500, 1_000, 2_000, 5_000, 10_000, 15_000,
        30_000, 60_000, 120_000, 300_000, 600_000, 1_800_000, 3_600_000};
    /** Lane names get at most this share of the width. */
    static final int DEFAULT_MAX_LABEL_SHARE = 4;
    static final int DEFAULT_MIN_LABEL_COLS = 8;

    /** The layout for {@code gantt} drawn {@code width} columns wide, its chart ending at {@code chartNow}. */
    public static GanttLayout of(Gantt gantt, ViewState state, int width, long chartNow) {
        int longest = gantt.lanes().stream().mapToInt(l -> l.name().length()).max().orElse(0);
        int labelCols = Math.max(DEFAULT_MIN_LABEL_COLS, Math.min(longest, width / DEFAULT_MAX_LABEL_SHARE));
        int barCols = Math.max(1, width - labelCols - 1);
        boolean empty = gantt.lanes().stream().allMatch(l -> l.bars().isEmpty());
        long origin = empty ? chartNow : gantt.origin();
        long right = Math.max(empty ? chartNow : gantt.end(), chartNow);
        int fit = ZOOM_LEVELS.length - 1;
        for (int i = 0; i < ZOOM_LEVELS.length; i++) {
            if ((right - origin) / ZOOM_LEVELS[i] < barCols) {
                fit = i;
                break;
            }
        }
        int level = state.zoom() == ViewState.ZOOM_FIT ? fit : Math.clamp(state.zoom(), 0, ZOOM_LEVELS.length - 1);
        long msPerCol = ZOOM_LEVELS[level];
        long followLeft = Math.max(origin, right - (barCols - 1) * msPerCol);
        long left = state.following() ? followLeft : state.viewStart();
        return new GanttLayout(labelCols, barCols, origin, right, left, level, fit);
    }

    public long msPerCol() {
        return ZOOM_LEVELS[level];
    }

    /** The column of instant {@code t} in the bar area (may be outside it). */
    public int col(long t) {
        return (int) Math.max(Integer.MIN_VALUE / 2, Math.min(Integer.MAX_VALUE / 2, Math.floorDiv(t - left, msPerCol())));
    }

    /** Where following now would put the left edge at this zoom. */
    public long followLeft() {
        return Math.max(origin, right - (barCols - 1) * msPerCol());
    }

    /** The left edge after scrolling {@code quarters} quarter-screens (negative: back in time). */
    public long scrolled(int quarters) {
        long step = Math.max(1, barCols / 4) * msPerCol();
        long earliest = origin - step;
        return Math.max(earliest, left + quarters * step);
    }
}
