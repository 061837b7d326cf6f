package io.taskshard.tui.view;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A grid of characters with a {@link Style} each: what the renderers draw into and the shell
 * copies to the terminal. Writes outside the grid are clipped, so renderers need not check.
 */
public final class Canvas {
    private final int width;
    private final int height;
    private final char[][] chars;
    private final Style[][] styles;

    public Canvas(int width, int height) {
        if (width < 0 || height < 0) {
            throw new IllegalArgumentException("canvas size must not be negative: " + width + "x" + height);
        }
        this.width = width;
        this.height = height;
        this.chars = new char[height][width];
        this.styles = new Style[height][width];
        for (int y = 0; y < height; y++) {
            Arrays.fill(chars[y], ' ');
            Arrays.fill(styles[y], Style.NORMAL);
        }
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** Writes {@code text} from column {@code x} of row {@code y}; returns the column after it. */
    public int put(int x, int y, String text, Style style) {
        for (int i = 0; i < text.length(); i++) {
            set(x + i, y, text.charAt(i), style);
        }
        return x + text.length();
    }

    /** Writes {@code text} cut (or padded with spaces) to exactly {@code cols} columns. */
    public void putFixed(int x, int y, String text, int cols, Style style) {
        put(x, y, Text.fit(text, cols), style);
    }

    /** Fills {@code cols} cells of row {@code y} from column {@code x}. */
    public void fill(int x, int y, int cols, char c, Style style) {
        for (int i = 0; i < cols; i++) {
            set(x + i, y, c, style);
        }
    }

    /** Changes the style of cells, keeping their characters (a selection highlight). */
    public void restyle(int x, int y, int cols, Style style) {
        if (y < 0 || y >= height) {
            return;
        }
        for (int i = Math.max(0, x); i < Math.min(width, x + cols); i++) {
            styles[y][i] = style;
        }
    }

    public void set(int x, int y, char c, Style style) {
        if (x >= 0 && x < width && y >= 0 && y < height) {
            chars[y][x] = c;
            styles[y][x] = style;
        }
    }

    public char charAt(int x, int y) {
        return chars[y][x];
    }

    public Style styleAt(int x, int y) {
        return styles[y][x];
    }

    /** Row {@code y} as text, trailing spaces kept. */
    public String line(int y) {
        return new String(chars[y]);
    }

    public List<String> lines() {
        List<String> out = new ArrayList<>(height);
        for (int y = 0; y < height; y++) {
            out.add(line(y));
        }
        return out;
    }

    /** Every row, trailing spaces stripped, joined by newlines (for tests and logs). */
    public String text() {
        StringBuilder b = new StringBuilder();
        for (int y = 0; y < height; y++) {
            b.append(line(y).stripTrailing()).append('\n');
        }
        return b.toString();
    }
}
