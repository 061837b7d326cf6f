package io.taskshard.tui.view;

import io.taskshard.analysis.Gantt;
import io.taskshard.model.AttemptState;

/**
 * The glyph and style of each kind of bar. Every kind has its own ASCII glyph as well as its
 * own colour, so the chart reads on a monochrome terminal and in {@code tmux capture-pane} text.
 */
public final class Glyphs {
    public static final char BLOCKED = ':';
    public static final char WAITING = '.';
    public static final char RUNNING = '>';
    public static final char SUCCESS = '=';
    public static final char FAILURE = 'X';
    public static final char LOST = '?';
    public static final char CANCELLED = '-';
    /** Drawn on the first column of a bar that starts where the previous bar of its lane ended. */
    public static final char BOUNDARY = '|';

    /** One glyph with its style. */
    public record Mark(char glyph, Style style, String name) {
    }

    /** The legend, in the order it is shown. */
    public static final java.util.List<Mark> LEGEND = java.util.List.of(
            new Mark(BLOCKED, Style.BLOCKED, "blocked"), new Mark(WAITING, Style.WAITING, "waiting"),
            new Mark(RUNNING, Style.RUNNING, "running"), new Mark(SUCCESS, Style.SUCCESS, "succeeded"),
            new Mark(FAILURE, Style.FAILURE, "failed"), new Mark(LOST, Style.LOST, "lost"),
            new Mark(CANCELLED, Style.CANCELLED, "cancelled"));

    private Glyphs() {
    }

    public static Mark of(Gantt.Bar bar) {
        return switch (bar.kind()) {
            case BLOCKED -> LEGEND.get(0);
            case WAITING -> LEGEND.get(1);
            case CANCELLED -> LEGEND.get(6);
            case ATTEMPT -> of(bar.state());
        };
    }

    public static Mark of(AttemptState state) {
        return switch (state) {
            case ASSIGNED, RUNNING -> LEGEND.get(2);
            case SUCCEEDED -> LEGEND.get(3);
            case FAILED, ERROR -> LEGEND.get(4);
            case LOST -> LEGEND.get(5);
            case CANCELLED -> LEGEND.get(6);
        };
    }

    /**
     * Draws the legend from column {@code x} of row {@code y}; returns the column after it. Where
     * the roomy form ("== succeeded  ") does not fit, a compact one ("=succeeded ") is drawn, so
     * every state stays named at 80 columns.
     */
    public static int legend(Canvas c, int x, int y) {
        int roomy = LEGEND.stream().mapToInt(m -> 2 + 1 + m.name().length() + 2).sum();
        boolean compact = x + roomy > c.width();
        for (Mark m : LEGEND) {
            x = c.put(x, y, String.valueOf(m.glyph()).repeat(compact ? 1 : 2), m.style());
            x = c.put(x, y, (compact ? "" : " ") + m.name() + (compact ? " " : "  "), Style.DIM);
        }
        return x;
    }
}
