package io.taskshard.gui.view;

import io.taskshard.analysis.Comparison;
import java.util.Locale;

/**
 * What the tables and the comparison pane say, as pure functions (no JavaFX) so tests read them
 * without a toolkit.
 */
public final class ViewWords {
    private ViewWords() {
    }

    /**
     * The comparison pane's line: the job's size, then the engine's own words for the figures
     * ({@link Comparison#summary()}), so the GUI says what the TUI and the API say.
     */
    public static String comparison(Comparison c) {
        return String.format(Locale.ROOT, "job %d: %d tasks on %d peer(s), %d slot(s): %s", c.jobId(), c.tasks(),
                c.peers(), c.totalSlots(), c.summary());
    }
}
