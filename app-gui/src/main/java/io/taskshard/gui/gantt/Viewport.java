package io.taskshard.gui.gantt;

/**
 * What part of a chart is on screen, and the mapping between time and x, lane and y. Pure and
 * immutable: zooming and panning return a new viewport.
 *
 * <p>Layout, left to right: a label column of {@code labelWidth} pixels, then the plot area.
 * Top to bottom: a time axis of {@code axisHeight} pixels, then lanes of {@code laneHeight}
 * pixels scrolled up by {@code scrollY}.
 *
 * @param width      the whole canvas, pixels
 * @param height     the whole canvas, pixels
 * @param startMs    the time at the left edge of the plot area (epoch ms, or ms of a run)
 * @param msPerPixel the zoom: milliseconds per horizontal pixel
 * @param scrollY    pixels of lanes scrolled out at the top
 * @param laneHeight pixels per lane
 * @param labelWidth pixels of the label column
 * @param axisHeight pixels of the time axis
 */
public record Viewport(double width, double height, long startMs, double msPerPixel, double scrollY,
                       double laneHeight, double labelWidth, double axisHeight) {
    public static final double DEFAULT_LANE_HEIGHT = 18;
    public static final double DEFAULT_LABEL_WIDTH = 150;
    public static final double DEFAULT_AXIS_HEIGHT = 22;
    /** Zoomed in the furthest: a tenth of a millisecond per pixel. */
    public static final double MIN_MS_PER_PIXEL = 0.1;
    /** Zoomed out the furthest: an hour per pixel. */
    public static final double MAX_MS_PER_PIXEL = 3_600_000;
    /** Room kept right of "now" when following it, as a share of the plot width. */
    public static final double FOLLOW_MARGIN = 0.05;

    public Viewport {
        if (!(msPerPixel > 0)) {
            throw new IllegalArgumentException("msPerPixel must be above 0, got " + msPerPixel);
        }
        if (!(laneHeight > 0)) {
            throw new IllegalArgumentException("laneHeight must be above 0, got " + laneHeight);
        }
        msPerPixel = clamp(msPerPixel, MIN_MS_PER_PIXEL, MAX_MS_PER_PIXEL);
        width = Math.max(0, width);
        height = Math.max(0, height);
        scrollY = Math.max(0, scrollY);
    }

    /** A viewport with the default lane, label and axis sizes. */
    public static Viewport of(double width, double height, long startMs, double msPerPixel) {
        return new Viewport(width, height, startMs, msPerPixel, 0, DEFAULT_LANE_HEIGHT, DEFAULT_LABEL_WIDTH,
                DEFAULT_AXIS_HEIGHT);
    }

    public double plotWidth() {
        return Math.max(1, width - labelWidth);
    }

    public double plotHeight() {
        return Math.max(0, height - axisHeight);
    }

    public double timeToX(long time) {
        return labelWidth + (time - startMs) / msPerPixel;
    }

    public long xToTime(double x) {
        return startMs + Math.round((x - labelWidth) * msPerPixel);
    }

    /** The time at the right edge of the plot area. */
    public long endMs() {
        return startMs + (long) Math.ceil(plotWidth() * msPerPixel);
    }

    public double laneTop(int lane) {
        return axisHeight + lane * laneHeight - scrollY;
    }

    /** The lane at {@code y}, or -1 above the lanes, on the axis, or below the last of {@code laneCount}. */
    public int laneAt(double y, int laneCount) {
        if (y < axisHeight) {
            return -1;
        }
        int lane = (int) Math.floor((y - axisHeight + scrollY) / laneHeight);
        return lane >= 0 && lane < laneCount ? lane : -1;
    }

    /** The first lane at least partly on screen. */
    public int firstVisibleLane() {
        return (int) Math.floor(scrollY / laneHeight);
    }

    /** The last lane at least partly on screen, at most {@code laneCount - 1}. */
    public int lastVisibleLane(int laneCount) {
        int last = (int) Math.ceil((scrollY + plotHeight()) / laneHeight) - 1;
        return Math.min(laneCount - 1, last);
    }

    public Viewport withSize(double w, double h) {
        return new Viewport(w, h, startMs, msPerPixel, scrollY, laneHeight, labelWidth, axisHeight);
    }

    public Viewport withStart(long start) {
        return new Viewport(width, height, start, msPerPixel, scrollY, laneHeight, labelWidth, axisHeight);
    }

    /** Zooms by {@code factor} (above 1 = in) keeping the time under {@code x} where it is. */
    public Viewport zoomAround(double x, double factor) {
        if (!(factor > 0)) {
            throw new IllegalArgumentException("zoom factor must be above 0, got " + factor);
        }
        double anchorX = clamp(x, labelWidth, width);
        long anchor = xToTime(anchorX);
        double ms = clamp(msPerPixel / factor, MIN_MS_PER_PIXEL, MAX_MS_PER_PIXEL);
        long start = anchor - Math.round((anchorX - labelWidth) * ms);
        return new Viewport(width, height, start, ms, scrollY, laneHeight, labelWidth, axisHeight);
    }

    /**
     * Moves the content by pixels, as a drag does: positive {@code dx} shows earlier times,
     * positive {@code dy} scrolls up. Vertical scrolling stops at the last of {@code laneCount} lanes.
     */
    public Viewport panBy(double dx, double dy, int laneCount) {
        long start = startMs - Math.round(dx * msPerPixel);
        double maxScroll = Math.max(0, laneCount * laneHeight - plotHeight());
        double scroll = clamp(scrollY - dy, 0, maxScroll);
        return new Viewport(width, height, start, msPerPixel, scroll, laneHeight, labelWidth, axisHeight);
    }

    /** Shows {@code [from, to]} across the plot area (a small margin each side). */
    public Viewport fit(long from, long to) {
        long span = Math.max(1, to - from);
        double ms = span * (1 + 2 * FOLLOW_MARGIN) / plotWidth();
        long start = from - Math.round(span * FOLLOW_MARGIN);
        return new Viewport(width, height, start, ms, scrollY, laneHeight, labelWidth, axisHeight);
    }

    /** Keeps the zoom and puts {@code now} near the right edge, as "follow now" does each frame. */
    public Viewport follow(long now) {
        long start = now - Math.round(plotWidth() * (1 - FOLLOW_MARGIN) * msPerPixel);
        return withStart(start);
    }

    /** Scrolls so that {@code lane} is on screen, changing nothing if it already is. */
    public Viewport reveal(int lane) {
        double top = lane * laneHeight;
        double scroll = scrollY;
        if (top < scroll) {
            scroll = top;
        } else if (top + laneHeight > scroll + plotHeight()) {
            scroll = top + laneHeight - plotHeight();
        }
        return new Viewport(width, height, startMs, msPerPixel, scroll, laneHeight, labelWidth, axisHeight);
    }

    private static double clamp(double v, double min, double max) {
        return Math.max(min, Math.min(max, v));
    }
}
