package io.taskshard.gui.gantt;

import java.util.ArrayList;
import java.util.List;

/**
 * Where the ticks of the time axis go and what they say: "nice" steps (1, 2, 5 x 10^n ms, then
 * seconds, minutes, hours) at least {@link #DEFAULT_MIN_TICK_PIXELS} apart, labelled relative to
 * the chart's origin ("+1.5s", "+2m"). Pure.
 */
public final class TimeAxis {
    /** Labels need about this much room. */
    public static final double DEFAULT_MIN_TICK_PIXELS = 70;

    private static final long[] STEPS_MS = {1, 2, 5, 10, 20, 50, 100, 200, 500, 1_000, 2_000, 5_000, 10_000,
        15_000, 30_000, 60_000, 120_000, 300_000, 600_000, 900_000, 1_800_000, 3_600_000, 7_200_000,
        21_600_000, 43_200_000, 86_400_000};

    /** One tick: where, and its label. */
    public record Tick(double x, long time, String label) {
    }

    private TimeAxis() {
    }

    /** The step between ticks for this zoom. */
    public static long step(double msPerPixel) {
        double minMs = msPerPixel * DEFAULT_MIN_TICK_PIXELS;
        for (long step : STEPS_MS) {
            if (step >= minMs) {
                return step;
            }
        }
        return STEPS_MS[STEPS_MS.length - 1] * (long) Math.ceil(minMs / STEPS_MS[STEPS_MS.length - 1]);
    }

    /** The ticks visible in {@code viewport}, counted from {@code origin}. */
    public static List<Tick> ticks(Viewport viewport, long origin) {
        long step = step(viewport.msPerPixel());
        long first = origin + Math.floorDiv(viewport.startMs() - origin, step) * step;
        List<Tick> ticks = new ArrayList<>();
        for (long t = first; t <= viewport.endMs(); t += step) {
            double x = viewport.timeToX(t);
            if (x >= viewport.labelWidth()) {
                ticks.add(new Tick(x, t, label(t - origin, step)));
            }
        }
        return ticks;
    }

    /** "+1.5s", "-200ms", "+2m", "+1h30m" at the precision of {@code step}. */
    public static String label(long offsetMs, long step) {
        String sign = offsetMs < 0 ? "-" : "+";
        long ms = Math.abs(offsetMs);
        if (ms == 0) {
            return "0";
        }
        if (step < 1_000) {
            return ms < 1_000 ? sign + ms + "ms" : sign + trim(ms / 1000.0, step < 100 ? 3 : 1) + "s";
        }
        if (step < 60_000 && ms < 60_000) {
            return sign + (ms / 1000) + "s";
        }
        if (ms < 3_600_000) {
            long m = ms / 60_000;
            long s = ms % 60_000 / 1000;
            return sign + m + "m" + (s == 0 ? "" : s + "s");
        }
        long h = ms / 3_600_000;
        long m = ms % 3_600_000 / 60_000;
        return sign + h + "h" + (m == 0 ? "" : m + "m");
    }

    private static String trim(double value, int decimals) {
        String s = String.format(java.util.Locale.ROOT, "%." + decimals + "f", value);
        s = s.contains(".") ? s.replaceAll("0+$", "") : s;
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }
}
