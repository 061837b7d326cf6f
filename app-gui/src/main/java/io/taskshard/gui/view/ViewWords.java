package io.taskshard.gui.view;

import io.taskshard.analysis.Comparison;
import io.taskshard.model.Durations;
import io.taskshard.model.PeerState;
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

    /**
     * A peer's "heard" cell: empty while its heartbeats arrive on time, {@code 12.0s ago} once the
     * last one is older than {@link #LATE_HEARTBEATS} intervals (the coordinator calls it
     * disconnected after {@code SchedulerConfig.MISSED_HEARTBEATS}). A peer that left or was lost
     * sends none any more, so "how long ago" would only grow: empty too.
     *
     * @param lastSeenAgoMs since the last message from the peer, negative when never heard
     * @param heartbeatMs   the coordinator's heartbeat interval ({@code GET /healthz})
     */
    public static String heard(PeerState state, long lastSeenAgoMs, long heartbeatMs) {
        if (lastSeenAgoMs < 0 || state == PeerState.LEFT || state == PeerState.LOST
                || lastSeenAgoMs <= LATE_HEARTBEATS * heartbeatMs) {
            return "";
        }
        return Durations.format(lastSeenAgoMs) + " ago";
    }

    /** Heartbeat intervals of silence after which a peer's "heard" shows: one late beat is jitter. */
    public static final int LATE_HEARTBEATS = 2;
}
