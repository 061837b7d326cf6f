package io.taskshard.tui.view;

import io.taskshard.tui.state.Scene;
import io.taskshard.tui.state.ViewState;

/**
 * The whole screen as a pure function: {@code (scene, view state, size) -> canvas}. Row 0 is the
 * header, row 1 the tabs, the last two rows the status message and the key hints; the open
 * view fills the rest, and the help overlay or a dialog goes on top.
 */
public final class Dashboard {
    /** Below this the dashboard asks for a bigger terminal instead of drawing a mess. */
    public static final int MIN_WIDTH = 40;
    public static final int MIN_HEIGHT = 12;

    private Dashboard() {
    }

    public static Canvas render(Scene scene, ViewState state, int width, int height) {
        Canvas c = new Canvas(width, height);
        if (width < MIN_WIDTH || height < MIN_HEIGHT) {
            c.put(0, 0, Text.fit("terminal too small (" + width + "x" + height + "): need " + MIN_WIDTH + "x"
                    + MIN_HEIGHT, width), Style.WARN);
            c.put(0, Math.min(1, height - 1), "q quits", Style.DIM);
            return c;
        }
        Chrome.header(c, scene, state);
        Chrome.tabs(c, state, scene);
        int top = 3;
        int bottom = height - 3;
        try {
            switch (state.view()) {
                case OVERVIEW -> OverviewView.render(c, scene, state, top, bottom);
                case GANTT -> GanttView.render(c, scene, state, top, bottom);
                case COMPARISON -> ComparisonView.render(c, scene, state, top, bottom);
                case TASK -> TaskView.render(c, scene, state, top, bottom);
            }
        } catch (RuntimeException e) {
            ViewErrors.show(c, scene, state, top, bottom, e);
        }
        Chrome.message(c, height - 2, scene, state.message());
        Chrome.keys(c, height - 1, state);
        if (state.dialog() != null) {
            Overlays.dialog(c, state.dialog());
        } else if (state.help()) {
            Overlays.help(c);
        }
        return c;
    }
}
