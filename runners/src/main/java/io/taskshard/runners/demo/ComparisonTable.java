package io.taskshard.runners.demo;

import io.taskshard.analysis.Comparison;
import io.taskshard.model.Durations;
import java.util.Locale;

/**
 * Renders a job's linear / parallel / sharded comparison as text: one time strip per way of
 * running the job on a shared scale, the lower bound marked, then the figures.
 */
public final class ComparisonTable {
    /** Width of the longest strip, in characters: the whole table then fits 80 columns. */
    public static final int DEFAULT_WIDTH = 32;

    private ComparisonTable() {
    }

    public static String render(Comparison c, int width) {
        long scale = Math.max(1, Math.max(c.linear().makespanMs(),
                Math.max(c.parallel().makespanMs(), c.sharded().makespanMs())));
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%d tasks on %d peer%s (%d slot%s in all)%n%n", c.tasks(), c.peers(),
                c.peers() == 1 ? "" : "s", c.totalSlots(), c.totalSlots() == 1 ? "" : "s"));
        out.append(String.format(Locale.ROOT, "  %-12s %-" + (width + 2) + "s %9s %9s %8s%n", "", "",
                "makespan", "CPU time", "speedup"));
        row(out, "linear", c.linear(), scale, width, c.sharded().makespanMs());
        row(out, "parallel", c.parallel(), scale, width, c.sharded().makespanMs());
        row(out, "sharded", c.sharded(), scale, width, c.sharded().makespanMs());
        int bound = cells(c.lowerBound().ms(), scale, width);
        out.append(String.format(Locale.ROOT, "  %-12s %s %9s%n", "lower bound",
                " ".repeat(bound) + "^" + " ".repeat(Math.max(0, width + 1 - bound)),
                Durations.format(c.lowerBound().ms())));
        out.append(String.format(Locale.ROOT, "%n  sharded is %.1fx faster than linear, %.1fx faster than parallel,%n"
                        + "  at %.0f%% of the best possible (lower bound %s:%n"
                        + "  max of work/slots %s, longest task %s, critical path %s)%n",
                c.speedupVsLinear(), c.speedupVsParallel(), 100 * c.efficiency(),
                Durations.format(c.lowerBound().ms()), Durations.format(c.lowerBound().workPerSlotMs()),
                Durations.format(c.lowerBound().longestTaskMs()), Durations.format(c.lowerBound().criticalPathMs())));
        if (c.estimatedTasks() > 0) {
            out.append(String.format(Locale.ROOT, "  (%d task%s never succeeded: their durations are estimates)%n",
                    c.estimatedTasks(), c.estimatedTasks() == 1 ? "" : "s"));
        }
        return out.toString();
    }

    private static void row(StringBuilder out, String name, Comparison.Run run, long scale, int width,
                            long shardedMs) {
        int filled = cells(run.makespanMs(), scale, width);
        String strip = "|" + "#".repeat(filled) + " ".repeat(width - filled) + "|";
        String speedup = shardedMs > 0 ? String.format(Locale.ROOT, "%.2fx", run.makespanMs() / (double) shardedMs)
                : "-";
        out.append(String.format(Locale.ROOT, "  %-12s %s %9s %9s %8s%n", name, strip,
                Durations.format(run.makespanMs()), Durations.format(run.cpuMs()), speedup));
    }

    private static int cells(long ms, long scale, int width) {
        return (int) Math.min(width, Math.round(ms * (double) width / scale));
    }
}
