package io.taskshard.tui.view;

import io.taskshard.analysis.Comparison;
import io.taskshard.analysis.Comparisons;
import io.taskshard.analysis.JobView;
import io.taskshard.model.Durations;
import io.taskshard.model.JobRecord;
import io.taskshard.tui.state.Scene;
import io.taskshard.tui.state.ViewState;
import java.util.Locale;
import java.util.Optional;

/**
 * The selected job run three ways on one time scale: every peer building everything one task
 * at a time (linear), every peer building everything on its own slots (parallel), and what
 * sharding did; the lower bound marked across the strips, then the figures.
 */
public final class ComparisonView {
    static final int DEFAULT_NAME_COLS = 12;
    static final int DEFAULT_FIGURE_COLS = 10;
    static final char STRIP = '#';
    static final char BOUND = '|';

    private ComparisonView() {
    }

    public static void render(Canvas c, Scene scene, ViewState state, int top, int bottom) {
        Optional<JobRecord> job = Selection.job(scene, state);
        if (job.isEmpty()) {
            c.put(1, top + 1, "No job yet: the comparison appears when peers form one.", Style.DIM);
            return;
        }
        Optional<JobView> view = scene.jobView(job.get().id());
        if (view.isEmpty()) {
            c.put(1, top + 1, "Reading job " + job.get().id() + " from the coordinator...", Style.DIM);
            return;
        }
        boolean running = !job.get().state().isEnd();
        Comparison cmp = Comparisons.of(view.get(), Selection.chartNow(view.get(), scene.now()));
        c.put(0, top, Chrome.jobLabel(job.get()) + (running ? "  (sharded: so far)" : ""), Style.BOLD);
        c.put(0, top + 1, String.format(Locale.ROOT, "%d tasks on %d peer%s, %d slot%s in all", cmp.tasks(),
                cmp.peers(), cmp.peers() == 1 ? "" : "s", cmp.totalSlots(), cmp.totalSlots() == 1 ? "" : "s"),
                Style.NORMAL);

        int stripX = DEFAULT_NAME_COLS + 1;
        int stripCols = Math.max(10, c.width() - stripX - DEFAULT_FIGURE_COLS - 2);
        long scale = Math.max(1, Math.max(cmp.linear().makespanMs(), Math.max(cmp.parallel().makespanMs(),
                Math.max(cmp.sharded().makespanMs(), cmp.lowerBound().ms()))));
        int y = top + 3;
        axis(c, stripX, y, stripCols, scale);
        int bound = cols(cmp.lowerBound().ms(), scale, stripCols);
        strip(c, y + 2, "linear", cmp.linear(), scale, stripX, stripCols, bound, Style.WAITING);
        strip(c, y + 3, "parallel", cmp.parallel(), scale, stripX, stripCols, bound, Style.WAITING);
        strip(c, y + 4, "sharded", cmp.sharded(), scale, stripX, stripCols, bound, Style.SUCCESS);
        c.put(0, y + 5, Text.fit("lower bound", DEFAULT_NAME_COLS), Style.LOWER_BOUND);
        c.set(stripX + Math.min(bound, stripCols - 1), y + 5, '^', Style.LOWER_BOUND);
        c.put(stripX + stripCols + 2, y + 5, Durations.format(cmp.lowerBound().ms()), Style.LOWER_BOUND);

        figures(c, cmp, y + 7, bottom);
    }

    private static void axis(Canvas c, int x, int y, int cols, long scale) {
        long step = GanttView.TICK_STEPS[GanttView.TICK_STEPS.length - 1];
        for (long s : GanttView.TICK_STEPS) {
            if (cols(s, scale, cols) >= GanttView.DEFAULT_MIN_TICK_COLS) {
                step = s;
                break;
            }
        }
        c.fill(x, y + 1, cols, '-', Style.AXIS);
        for (long t = 0; t <= scale; t += step) {
            int col = cols(t, scale, cols);
            if (col < cols) {
                if (col + Text.span(t).length() <= cols) {
                    c.put(x + col, y, Text.span(t), Style.AXIS);
                }
                c.set(x + col, y + 1, '+', Style.AXIS);
            }
        }
    }

    private static void strip(Canvas c, int y, String name, Comparison.Run run, long scale, int x, int cols,
                              int bound, Style style) {
        c.put(0, y, Text.fit(name, DEFAULT_NAME_COLS), Style.BOLD);
        int filled = cols(run.makespanMs(), scale, cols);
        c.fill(x, y, filled, STRIP, style);
        if (bound < cols) {
            c.set(x + bound, y, BOUND, Style.LOWER_BOUND);
        }
        c.put(x + cols + 2, y, Durations.format(run.makespanMs()), Style.NORMAL);
    }

    private static void figures(Canvas c, Comparison cmp, int y, int bottom) {
        if (y > bottom) {
            return;
        }
        c.put(0, y, String.format(Locale.ROOT, "%-12s %10s %10s %11s", "", "makespan", "CPU time", "vs sharded"),
                Style.BOLD);
        String[] names = {"linear", "parallel", "sharded"};
        Comparison.Run[] runs = {cmp.linear(), cmp.parallel(), cmp.sharded()};
        long sharded = cmp.sharded().makespanMs();
        for (int i = 0; i < runs.length; i++) {
            String ratio = sharded > 0 ? String.format(Locale.ROOT, "%.2fx", runs[i].makespanMs() / (double) sharded)
                    : "-";
            c.put(0, y + 1 + i, String.format(Locale.ROOT, "%-12s %10s %10s %11s", names[i],
                    Durations.format(runs[i].makespanMs()), Durations.format(runs[i].cpuMs()), ratio), Style.NORMAL);
        }
        Comparison.LowerBound b = cmp.lowerBound();
        c.put(0, y + 4, Text.fit(String.format(Locale.ROOT, "lower bound %s = max(work/slots %s, longest task %s,"
                + " critical path %s)", Durations.format(b.ms()), Durations.format(b.workPerSlotMs()),
                Durations.format(b.longestTaskMs()), Durations.format(b.criticalPathMs())), c.width()),
                Style.LOWER_BOUND);
        c.put(0, y + 5, String.format(Locale.ROOT, "%d peers, %d slots", cmp.peers(), cmp.totalSlots()), Style.NORMAL);
        // The figures in the analysis' words (the GUI and the API say the same), wrapped, never cut.
        Style style = !cmp.ended() ? Style.NORMAL : cmp.unsuccessfulTasks() + cmp.neverRanTasks() > 0 ? Style.WARN
                : Style.OK;
        int row = y + 6;
        for (String part : cmp.summary().split("; ")) {
            for (String line : Text.wrap(part, c.width())) {
                if (row > bottom) {
                    return;
                }
                c.put(0, row++, line, style);
            }
        }
    }

    static int cols(long ms, long scale, int width) {
        return (int) Math.min(width, Math.round(ms * (double) width / scale));
    }
}
