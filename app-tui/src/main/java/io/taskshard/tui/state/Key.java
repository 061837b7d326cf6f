package io.taskshard.tui.state;

/**
 * One key press as the dashboard understands it, independent of the terminal library: a named
 * key, or a typed character ({@link Type#CHAR}).
 *
 * @param type what was pressed
 * @param ch   the character for {@link Type#CHAR}; 0 otherwise
 * @param ctrl whether Ctrl was held (Ctrl-C quits)
 */
public record Key(Type type, char ch, boolean ctrl) {
    /** The keys the dashboard reacts to; everything else is {@link #OTHER}. */
    public enum Type { CHAR, ENTER, ESCAPE, TAB, BACKSPACE, UP, DOWN, LEFT, RIGHT, PAGE_UP, PAGE_DOWN, HOME, END, OTHER }

    public static Key of(char ch) {
        return new Key(Type.CHAR, ch, false);
    }

    public static Key of(Type type) {
        return new Key(type, '\0', false);
    }

    public static Key ctrl(char ch) {
        return new Key(Type.CHAR, ch, true);
    }

    /** Whether this is the plain character {@code c}. */
    public boolean is(char c) {
        return type == Type.CHAR && !ctrl && ch == c;
    }
}
