package io.taskshard.tui.view;

/**
 * What a cell means, not how it looks: the shell maps each to colours and attributes. Bar
 * styles always come with their own glyph ({@link Glyphs}), so a monochrome terminal still
 * tells them apart.
 */
public enum Style {
    NORMAL, DIM, BOLD, HEADER, TAB, TAB_ACTIVE, SELECTED, KEYS, AXIS, NOW,
    BLOCKED, WAITING, RUNNING, SUCCESS, FAILURE, LOST, CANCELLED, LOWER_BOUND,
    OK, PENDING, WARN, ERROR, DIALOG, DIALOG_TITLE,
    /** The title of the pane that has the keyboard focus. */
    FOCUS
}
