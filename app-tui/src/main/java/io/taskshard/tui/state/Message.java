package io.taskshard.tui.state;

/**
 * The status line's message: a command under way, the server's answer, or a hint.
 *
 * @param text words to show
 * @param kind how to colour them
 */
public record Message(String text, Kind kind) {
    public static final Message NONE = new Message("", Kind.INFO);

    public enum Kind { INFO, PENDING, OK, ERROR }

    public static Message info(String text) {
        return new Message(text, Kind.INFO);
    }

    public static Message error(String text) {
        return new Message(text, Kind.ERROR);
    }
}
