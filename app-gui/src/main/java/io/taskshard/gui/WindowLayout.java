package io.taskshard.gui;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The main window's remembered size, position and split positions, as stored in
 * {@code gui.properties}. Pure: reading tolerates missing or broken values (the defaults win),
 * so a hand-edited file never stops the app from starting.
 *
 * @param x         left edge, or NaN to let the toolkit place the window
 * @param y         top edge, or NaN
 * @param width     window width
 * @param height    window height
 * @param maximized whether it was maximised
 * @param mainSplit divider of the left column (jobs, peers) against the chart, 0..1
 * @param leftSplit divider between the jobs and the peers table, 0..1
 * @param rightSplit divider between the chart and the task detail, 0..1
 */
public record WindowLayout(double x, double y, double width, double height, boolean maximized, double mainSplit,
                           double leftSplit, double rightSplit) {
    public static final WindowLayout DEFAULT = new WindowLayout(Double.NaN, Double.NaN, 1400, 900, false, 0.36, 0.45,
            0.72);
    /** Smaller than this is taken as a broken value. */
    public static final double MIN_SIZE = 300;

    /** Reads the {@code window.*} keys; any missing or broken value keeps its default. */
    public static WindowLayout fromMap(Map<String, String> map) {
        WindowLayout d = DEFAULT;
        return new WindowLayout(number(map, "window.x", d.x), number(map, "window.y", d.y),
                atLeast(number(map, "window.width", d.width), MIN_SIZE, d.width),
                atLeast(number(map, "window.height", d.height), MIN_SIZE, d.height),
                Boolean.parseBoolean(map.getOrDefault("window.maximized", "false")),
                fraction(number(map, "split.main", d.mainSplit), d.mainSplit),
                fraction(number(map, "split.left", d.leftSplit), d.leftSplit),
                fraction(number(map, "split.right", d.rightSplit), d.rightSplit));
    }

    public Map<String, String> toMap() {
        Map<String, String> m = new TreeMap<>();
        if (!Double.isNaN(x) && !Double.isNaN(y)) {
            m.put("window.x", format(x));
            m.put("window.y", format(y));
        }
        m.put("window.width", format(width));
        m.put("window.height", format(height));
        m.put("window.maximized", Boolean.toString(maximized));
        m.put("split.main", format(mainSplit));
        m.put("split.left", format(leftSplit));
        m.put("split.right", format(rightSplit));
        return m;
    }

    private static double number(Map<String, String> map, String key, double fallback) {
        String v = map.get(key);
        if (v == null) {
            return fallback;
        }
        try {
            double d = Double.parseDouble(v.strip());
            return Double.isFinite(d) ? d : fallback;
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static double atLeast(double v, double min, double fallback) {
        return v >= min ? v : fallback;
    }

    private static double fraction(double v, double fallback) {
        return v > 0.05 && v < 0.95 ? v : fallback;
    }

    private static String format(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }
}
