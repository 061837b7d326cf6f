package io.taskshard.tui.view;

import java.util.Locale;

/** Small text helpers the renderers share: cutting to a width, and short durations. */
public final class Text {
    private Text() {
    }

    /** {@code s} cut to {@code cols} (ending in "~" when cut) or padded with spaces. */
    public static String fit(String s, int cols) {
        if (cols <= 0) {
            return "";
        }
        if (s.length() > cols) {
            return cols == 1 ? "~" : s.substring(0, cols - 1) + "~";
        }
        return s + " ".repeat(cols - s.length());
    }

    /** {@code s} cut from the left to {@code cols}, keeping the end (task ids differ at their end). */
    public static String fitLeft(String s, int cols) {
        if (cols <= 0) {
            return "";
        }
        if (s.length() > cols) {
            return cols == 1 ? "~" : "~" + s.substring(s.length() - cols + 1);
        }
        return s + " ".repeat(cols - s.length());
    }

    /**
     * {@code s} cut in the middle to {@code cols}, keeping its start and its end: a task id keeps
     * its first directory and its target name ({@code //services/…/billing:test}). Padded when short.
     */
    public static String middle(String s, int cols) {
        if (cols <= 0) {
            return "";
        }
        if (s.length() <= cols) {
            return s + " ".repeat(cols - s.length());
        }
        if (cols < 5) {
            return fitLeft(s, cols);
        }
        // Keep the last path element whole when it fits (the target name), and as much of the start.
        int slash = s.lastIndexOf('/');
        int tail = slash > 0 && s.length() - slash <= cols - 3 ? s.length() - slash : (cols - 1) / 2;
        int head = cols - 1 - tail;
        int firstDir = s.startsWith("//") ? s.indexOf('/', 2) : s.indexOf('/');
        if (firstDir > 0 && firstDir + 1 <= head) {
            head = firstDir + 1; // cut at a path boundary: "//services/" rather than "//servi"
        }
        return s.substring(0, head) + "…" + s.substring(s.length() - tail) + " ".repeat(cols - head - 1 - tail);
    }

    /** {@code s} wrapped at spaces into lines of at most {@code cols}; a word longer than that is split. */
    public static java.util.List<String> wrap(String s, int cols) {
        java.util.List<String> lines = new java.util.ArrayList<>();
        if (cols <= 0) {
            return lines;
        }
        StringBuilder line = new StringBuilder();
        for (String word : s.split(" ")) {
            while (word.length() > cols) {
                if (!line.isEmpty()) {
                    lines.add(line.toString());
                    line.setLength(0);
                }
                lines.add(word.substring(0, cols));
                word = word.substring(cols);
            }
            if (line.isEmpty()) {
                line.append(word);
            } else if (line.length() + 1 + word.length() <= cols) {
                line.append(' ').append(word);
            } else {
                lines.add(line.toString());
                line.setLength(0);
                line.append(word);
            }
        }
        if (!line.isEmpty() || lines.isEmpty()) {
            lines.add(line.toString());
        }
        return lines;
    }

    /** Compact duration for axis labels: 500ms, 5s, 2.5s, 1m, 1m30s, 2h, 1h15m. */
    public static String span(long ms) {
        if (ms == 0) {
            return "0s";
        }
        if (ms < 1_000) {
            return ms + "ms";
        }
        if (ms < 60_000) {
            return ms % 1000 == 0 ? ms / 1000 + "s" : String.format(Locale.ROOT, "%.1fs", ms / 1000.0);
        }
        if (ms < 3_600_000) {
            long s = (ms / 1000) % 60;
            return ms / 60_000 + "m" + (s == 0 ? "" : String.format(Locale.ROOT, "%02ds", s));
        }
        long m = (ms / 60_000) % 60;
        return ms / 3_600_000 + "h" + (m == 0 ? "" : String.format(Locale.ROOT, "%02dm", m));
    }

    /** The last part of a task id that still names it: {@code //core:model} gives {@code model}. */
    public static String shortId(String id) {
        int cut = Math.max(id.lastIndexOf(':'), id.lastIndexOf('/'));
        return cut >= 0 && cut < id.length() - 1 ? id.substring(cut + 1) : id;
    }
}
