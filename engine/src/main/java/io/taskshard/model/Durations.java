package io.taskshard.model;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses and prints the durations used in schemas and flags: {@code 1500ms}, {@code 30s},
 * {@code 10m}, {@code 2h}, {@code 1d} or compounds like {@code 1h30m}. A bare number is refused
 * (except 0): "30" meant 30 ms, which nobody typing it expected.
 */
public final class Durations {
    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h|d)");

    private Durations() {
    }

    /** @throws IllegalArgumentException naming what is wrong with {@code text} */
    public static long parseMillis(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty duration");
        }
        String s = text.trim().toLowerCase(Locale.ROOT);
        if (s.chars().allMatch(c -> Character.isDigit(c) || c == '.')) {
            if (s.chars().allMatch(c -> c == '0' || c == '.')) {
                return 0;
            }
            throw new IllegalArgumentException(unitMissing(text.trim()));
        }
        Matcher m = PART.matcher(s);
        int pos = 0;
        double total = 0;
        while (m.find()) {
            if (m.start() != pos) {
                break;
            }
            double value = Double.parseDouble(m.group(1));
            total += value * switch (m.group(2)) {
                case "ms" -> 1;
                case "s" -> 1_000;
                case "m" -> 60_000;
                case "h" -> 3_600_000;
                default -> 86_400_000;
            };
            pos = m.end();
        }
        if (pos != s.length() || pos == 0) {
            throw new IllegalArgumentException(
                    "bad duration '" + text + "': use a number with a unit, like 1500ms, 30s, 10m, 2h, 1d or 1h30m");
        }
        return Math.round(total);
    }

    /** "30: give a unit, e.g. 30s, 5m, 250ms". */
    public static String unitMissing(String number) {
        return number + ": give a unit, e.g. " + number + "s, 5m, 250ms";
    }

    /** Short human form: 850ms, 12.3s, 4m05s, 2h10m. */
    public static String format(long millis) {
        if (millis < 1_000) {
            return millis + "ms";
        }
        if (millis < 60_000) {
            return String.format(Locale.ROOT, "%.1fs", millis / 1000.0);
        }
        if (millis < 3_600_000) {
            return String.format(Locale.ROOT, "%dm%02ds", millis / 60_000, (millis / 1000) % 60);
        }
        return String.format(Locale.ROOT, "%dh%02dm", millis / 3_600_000, (millis / 60_000) % 60);
    }
}
