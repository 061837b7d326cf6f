package io.taskshard.tui.view;

import io.taskshard.model.PeerRecord;
import io.taskshard.model.PeerState;
import java.time.Duration;
import java.util.List;

/**
 * Which peers the overview lists: every peer still there (connected or disconnected within its
 * grace), and departed ones (left or lost) only for {@link #DEFAULT_KEEP_DEPARTED} after they
 * were last seen, so an operator sees a peer go but the list does not fill with the past.
 */
public final class PeerPruning {
    /** How long a left or lost peer stays listed after it was last seen. */
    public static final Duration DEFAULT_KEEP_DEPARTED = Duration.ofSeconds(60);

    private PeerPruning() {
    }

    public static List<PeerRecord> shown(List<PeerRecord> peers, long now) {
        long keepMs = DEFAULT_KEEP_DEPARTED.toMillis();
        return peers.stream().filter(p -> !departed(p) || now - p.lastSeenAt() <= keepMs).toList();
    }

    private static boolean departed(PeerRecord p) {
        return p.state() == PeerState.LEFT || p.state() == PeerState.LOST;
    }
}
