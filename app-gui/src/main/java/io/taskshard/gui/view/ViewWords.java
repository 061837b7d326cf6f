package io.taskshard.gui.view;

import io.taskshard.analysis.Comparison;
import io.taskshard.model.Durations;
import io.taskshard.model.JobRecord;
import io.taskshard.model.PeerState;
import io.taskshard.model.TaskCounts;
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
     * A peer's "heard" cell: {@code 12.0s ago} only for a peer the coordinator calls disconnected
     * (silent for {@code SchedulerConfig.MISSED_HEARTBEATS} heartbeats, or its socket closed: it is
     * in its grace period), empty otherwise. A connected peer is on time by definition, and the
     * {@code lastSeenAt} the dashboard holds is not refreshed by heartbeats (they are not events),
     * so "how long ago" for it would grow while the peer is fine (it read "30.4s ago" for healthy
     * peers). A peer that left or was lost sends none any more: empty too.
     *
     * @param lastSeenAgoMs since the last message from the peer, negative when never heard
     */
    public static String heard(PeerState state, long lastSeenAgoMs) {
        if (lastSeenAgoMs < 0 || state != PeerState.DISCONNECTED) {
            return "";
        }
        return Durations.format(lastSeenAgoMs) + " ago";
    }

    /**
     * A job's "state" cell: its state, and for a job that succeeded with tasks an operator
     * cancelled, {@code succeeded, 2 cancelled (never ran)} — the same outcome the peers' exit
     * line and {@code job-complete} report, so nobody reads "succeeded" as "everything ran".
     */
    public static String state(JobRecord job) {
        int cancelled = job.counts().cancelled();
        if (job.state() == io.taskshard.model.JobState.SUCCEEDED && cancelled > 0) {
            return "succeeded, " + cancelled + " cancelled (never ran)";
        }
        return job.state().wire();
    }

    /**
     * A job's "tasks" cell from the server's per-state counts ({@link JobRecord#counts()}, never
     * derived from others): {@code 30/40 ok, 3 running, 2 failed, 1 cancelled}, zero counts left out.
     */
    public static String counts(JobRecord job) {
        TaskCounts c = job.counts();
        int total = Math.max(c.total(), job.taskCount());
        StringBuilder b = new StringBuilder().append(c.succeeded()).append('/').append(total).append(" ok");
        if (c.running() > 0) {
            b.append(", ").append(c.running()).append(" running");
        }
        if (c.failed() > 0) {
            b.append(", ").append(c.failed()).append(" failed");
        }
        if (c.cancelled() > 0) {
            b.append(", ").append(c.cancelled()).append(" cancelled");
        }
        return b.toString();
    }

    /**
     * A job's "elapsed" cell: an ended job from creation to its end, a running one from creation
     * to {@code nowMs}; empty when the creation time is unknown (0).
     */
    public static String elapsed(JobRecord job, long nowMs) {
        if (job.createdAt() <= 0) {
            return "";
        }
        long end = job.state().isEnd() && job.finishedAt() > 0 ? job.finishedAt() : nowMs;
        return Durations.format(Math.max(0, end - job.createdAt()));
    }
}
