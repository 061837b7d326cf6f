package io.taskshard.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** A plain text table: a label column and one column per run, left-aligned. */
final class Table {
    private final List<String[]> rows = new ArrayList<>();

    Table(String... header) {
        rows.add(header);
    }

    Table row(String... cells) {
        rows.add(cells);
        return this;
    }

    void print(PrintStream out) {
        int columns = rows.stream().mapToInt(r -> r.length).max().orElse(0);
        int[] width = new int[columns];
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                width[i] = Math.max(width[i], r[i].length());
            }
        }
        for (int n = 0; n < rows.size(); n++) {
            String[] r = rows.get(n);
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < r.length; i++) {
                line.append(r[i]).append(" ".repeat(width[i] - r[i].length() + 2));
            }
            out.println(line.toString().stripTrailing());
            if (n == 0) {
                int total = 0;
                for (int w : width) {
                    total += w + 2;
                }
                out.println("-".repeat(Math.max(0, total - 2)));
            }
        }
    }

    static String f0(double v) {
        return String.format(java.util.Locale.ROOT, "%,.0f", v);
    }

    static String f1(double v) {
        return String.format(java.util.Locale.ROOT, "%,.1f", v);
    }

    static String f2(double v) {
        return String.format(java.util.Locale.ROOT, "%.2f", v);
    }
}
