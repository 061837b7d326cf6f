package io.taskshard.runners.demo;

import io.taskshard.analysis.Comparison;
import io.taskshard.model.Durations;
import java.util.Locale;

/**
 * Renders a job's linear / parallel / sharded comparison as text: one time strip per way of
 * running the job on a shared scale, the lower bound marked, then the figures in the words of
 * {@link Comparison#summary()} (the same the TUI, the GUI and the API show).
 */
public final class ComparisonTable {
    /** Width of the longest strip, in characters: the whole table then fits 80 columns. */
    public static final int DEFAULT_WIDTH = 32;
    /** Lines of the figures in words wrap here (after a 2-space indent: 80 columns). */
    static final int SUMMARY_WIDTH = 78;

    private ComparisonTable() {
    }

    public static String render(Comparison c, int width) {
        long scale = Math.max(1, Math.max(c.linear().makespanMs(),
                Math.max(c.parallel().makespanMs(), c.sharded().makespanMs())));
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%d tasks on %d peer%s (%d slot%s in all)%n%n", c.tasks(), c.peers(),
                c.peers() == 1 ? "" : "s", c.totalSlots(), c.totalSlots() == 1 ? "" : "s"));
        out.append(String.format(Locale.ROOT, "  %-12s %-" + (width + 2) + "s %9s %9s %10s%n", "", "",
                "makespan", "CPU time", "vs sharded"));
        row(out, "linear", c.linear(), scale, width, c.sharded().makespanMs());
        row(out, "parallel", c.parallel(), scale, width, c.sharded().makespanMs());
        row(out, "sharded", c.sharded(), scale, width, c.sharded().makespanMs());
        int bound = cells(c.lowerBound().ms(), scale, width);
        out.append(String.format(Locale.ROOT, "  %-12s %s %9s%n", "lower bound",
                " ".repeat(bound) + "^" + " ".repeat(Math.max(0, width + 1 - bound)),
                Durations.format(c.lowerBound().ms())));
        Comparison.LowerBound b = c.lowerBound();
        out.append(System.lineSeparator());
        for (String line : wrap(String.format(Locale.ROOT, "lower bound = max(work/slots %s, longest task %s,"
                        + " critical path %s)", Durations.format(b.workPerSlotMs()),
                Durations.format(b.longestTaskMs()), Durations.format(b.criticalPathMs())), SUMMARY_WIDTH)) {
            out.append("  ").append(line).append(System.lineSeparator());
        }
        // The figures in the analysis' own words, one part a line: the TUI, the GUI and the API
        // (summary) say exactly this (docs/analysis.md, "Figures").
        for (String part : c.summary().split("; ")) {
            for (String line : wrap(part, SUMMARY_WIDTH)) {
                out.append("  ").append(line).append(System.lineSeparator());
            }
        }
        return out.toString();
    }

    private static void row(StringBuilder out, String name, Comparison.Run run, long scale, int width,
                            long shardedMs) {
        int filled = cells(run.makespanMs(), scale, width);
        String strip = "|" + "#".repeat(filled) + " ".repeat(width - filled) + "|";
        String speedup = shardedMs > 0 ? String.format(Locale.ROOT, "%.2fx", run.makespanMs() / (double) shardedMs)
                : "-";
        out.append(String.format(Locale.ROOT, "  %-12s %s %9s %9s %10s%n", name, strip,
                Durations.format(run.makespanMs()), Durations.format(run.cpuMs()), speedup));
    }

    /** Greedy word wrap at {@code width}; a word longer than that gets a line of its own. */
    static java.util.List<String> wrap(String text, int width) {
        java.util.List<String> lines = new java.util.ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.strip().split(" +")) {
            if (word.isEmpty()) {
                continue;
            }
            if (line.length() > 0 && line.length() + 1 + word.length() > width) {
                lines.add(line.toString());
                line.setLength(0);
            }
            line.append(line.length() > 0 ? " " : "").append(word);
        }
        if (line.length() > 0) {
            lines.add(line.toString());
        }
        return lines;
    }

    private static int cells(long ms, long scale, int width) {
        return (int) Math.min(width, Math.round(ms * (double) width / scale));
    }
}
