package io.taskshard.gui.gantt;

import io.taskshard.analysis.Gantt;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The bars of a chart indexed by lane and by time, so a frame touches only what it shows: a
 * query names a lane and a time range and visits the bars that intersect it. Pure; built once
 * per model change and read by every frame.
 *
 * <p>Per lane, bars are sorted by start, and a running maximum of their ends makes the first
 * bar that reaches into the range a binary search even when bars overlap. Bars narrower than
 * a pixel are coalesced: after one, the visit jumps to the next pixel column, so a zoomed-out
 * lane costs about two visits per pixel, not one per bar.
 *
 * <p>Live bars (an attempt still assigned or running) have no end yet: they are "open" and
 * reach to the {@code now} of each frame, see {@link #end(int, int, long)}.
 */
public final class BarIndex {
    /** The end stored for an open bar, so it reaches into every later range. */
    static final long OPEN = Long.MAX_VALUE;

    /** Receives the bars of a query. */
    @FunctionalInterface
    public interface Visitor {
        /** Bar number {@code bar} (of {@link #bar}) of lane {@code lane} intersects the range. */
        void visit(int lane, int bar);
    }

    private final Gantt.Bar[][] bars;
    private final long[][] starts;
    private final long[][] ends;
    private final long[][] maxEnds;
    private final int openCount;

    private BarIndex(Gantt.Bar[][] bars, long[][] starts, long[][] ends, long[][] maxEnds, int openCount) {
        this.bars = bars;
        this.starts = starts;
        this.ends = ends;
        this.maxEnds = maxEnds;
        this.openCount = openCount;
    }

    /** Indexes lanes of bars; {@code open.test(bar)} says which bars have no end yet. */
    public static BarIndex of(List<List<Gantt.Bar>> lanes, java.util.function.Predicate<Gantt.Bar> open) {
        int n = lanes.size();
        Gantt.Bar[][] bars = new Gantt.Bar[n][];
        long[][] starts = new long[n][];
        long[][] ends = new long[n][];
        long[][] maxEnds = new long[n][];
        int openCount = 0;
        for (int l = 0; l < n; l++) {
            List<Gantt.Bar> sorted = new ArrayList<>(lanes.get(l));
            sorted.sort(Comparator.comparingLong(Gantt.Bar::start));
            int m = sorted.size();
            bars[l] = sorted.toArray(Gantt.Bar[]::new);
            starts[l] = new long[m];
            ends[l] = new long[m];
            maxEnds[l] = new long[m];
            long max = Long.MIN_VALUE;
            for (int i = 0; i < m; i++) {
                Gantt.Bar b = bars[l][i];
                starts[l][i] = b.start();
                ends[l][i] = open.test(b) ? OPEN : b.end();
                openCount += ends[l][i] == OPEN ? 1 : 0;
                max = Math.max(max, ends[l][i]);
                maxEnds[l][i] = max;
            }
        }
        return new BarIndex(bars, starts, ends, maxEnds, openCount);
    }

    public int laneCount() {
        return bars.length;
    }

    public int barCount(int lane) {
        return bars[lane].length;
    }

    public Gantt.Bar bar(int lane, int bar) {
        return bars[lane][bar];
    }

    public long start(int lane, int bar) {
        return starts[lane][bar];
    }

    /** The bar's end; an open bar ends at {@code now} (or its start, if later). */
    public long end(int lane, int bar, long now) {
        long end = ends[lane][bar];
        return end == OPEN ? Math.max(now, starts[lane][bar]) : end;
    }

    /** How many bars have no end yet: while any has, the chart grows with the clock. */
    public int openCount() {
        return openCount;
    }

    public boolean isOpen(int lane, int bar) {
        return ends[lane][bar] == OPEN;
    }

    /**
     * Visits the bars of {@code lane} that intersect {@code [from, to]}, in start order.
     *
     * @param msPerPixel bars shorter than this are coalesced with their neighbours in the same
     *                   pixel column (0 = visit every bar)
     * @return how many bars were visited
     */
    public int visit(int lane, long from, long to, double msPerPixel, long now, Visitor visitor) {
        long[] s = starts[lane];
        int n = s.length;
        int visited = 0;
        int i = firstReaching(lane, from);
        while (i < n && s[i] <= to) {
            long end = end(lane, i, now);
            if (end >= from) {
                visitor.visit(lane, i);
                visited++;
            }
            if (msPerPixel > 0 && end - s[i] < msPerPixel) {
                // Bars starting in the same pixel column are hidden under this one, except the
                // last of them, which may reach further: continue with that one.
                long nextColumn = s[i] + (long) Math.ceil(msPerPixel);
                int j = firstStartingAtOrAfter(lane, nextColumn, i + 1);
                i = Math.max(i + 1, j - 1);
            } else {
                i++;
            }
        }
        return visited;
    }

    /**
     * The bar of {@code lane} under {@code time}, within {@code toleranceMs} either side (so a
     * one-pixel bar can still be hovered); the nearest when several qualify; -1 when none.
     */
    public int barAt(int lane, long time, long toleranceMs, long now) {
        if (lane < 0 || lane >= bars.length) {
            return -1;
        }
        long[] s = starts[lane];
        int best = -1;
        long bestDistance = Long.MAX_VALUE;
        for (int i = firstReaching(lane, time - toleranceMs); i < s.length && s[i] <= time + toleranceMs; i++) {
            long end = end(lane, i, now);
            long distance = time < s[i] ? s[i] - time : time > end ? time - end : 0;
            if (distance <= toleranceMs && distance < bestDistance) {
                best = i;
                bestDistance = distance;
            }
        }
        return best;
    }

    /** First bar whose end (or an earlier bar's end) reaches {@code time}: prefix maxima are sorted. */
    private int firstReaching(int lane, long time) {
        long[] m = maxEnds[lane];
        int lo = 0;
        int hi = m.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (m[mid] < time) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private int firstStartingAtOrAfter(int lane, long time, int from) {
        long[] s = starts[lane];
        int lo = from;
        int hi = s.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (s[mid] < time) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
