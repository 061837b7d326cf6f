package io.taskshard.tui.view;

import io.taskshard.client.ConnectionState;
import io.taskshard.client.TaskInfo;
import io.taskshard.model.AttemptRecord;
import io.taskshard.model.JobRecord;
import io.taskshard.model.JobState;
import io.taskshard.model.PeerRecord;
import io.taskshard.model.PeerState;
import io.taskshard.model.TaskCounts;
import io.taskshard.tui.state.Scene;
import io.taskshard.tui.state.ViewState;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The overview: every job with a progress bar (done / running / waiting / failed), then every
 * peer with its state, slots in use and what it runs now.
 */
public final class OverviewView {
    static final int DEFAULT_NAME_COLS = 14;
    static final int DEFAULT_KIND_COLS = 10;
    static final int DEFAULT_STATE_COLS = 10;
    static final int DEFAULT_MAX_BAR_COLS = 40;
    static final int DEFAULT_PEER_COLS = 12;
    static final int DEFAULT_MIN_BAR_COLS = 10;

    private OverviewView() {
    }

    /**
     * A job's tasks by where they stand, as the coordinator counts them ({@code JobRecord.counts()},
     * kept per state by the scheduler). Only a job record without counts (an older coordinator)
     * falls back to the live model's tasks; never "done minus failed".
     */
    public record Counts(int succeeded, int running, int waiting, int failed, int cancelled, int total) {
        static Counts of(Scene scene, JobRecord job) {
            TaskCounts n = job.counts();
            if (n.total() > 0 || job.taskCount() == 0) {
                return new Counts(n.succeeded(), n.running(), n.waiting(), n.failed(), n.cancelled(),
                        Math.max(n.total(), job.taskCount()));
            }
            int s = 0, r = 0, w = 0, f = 0, x = 0;
            if (scene.live().hasAllTasks(job.id())) {
                for (TaskInfo t : scene.live().tasks(job.id())) {
                    switch (t.task().state()) {
                        case SUCCEEDED -> s++;
                        case RUNNING -> r++;
                        case BLOCKED, READY -> w++;
                        case FAILED -> f++;
                        case CANCELLED -> x++;
                    }
                }
            } else {
                w = job.taskCount();
            }
            return new Counts(s, r, w, f, x, job.taskCount());
        }

        int ended() {
            return succeeded + failed + cancelled;
        }

        /** {@code 3/5 done 1 run 1 wait}: the done count always, the other states when not zero. */
        String words() {
            StringBuilder b = new StringBuilder().append(ended()).append('/').append(total).append(" done");
            append(b, running, "run");
            append(b, waiting, "wait");
            append(b, failed, "failed");
            append(b, cancelled, "cancelled");
            return b.toString();
        }

        private static void append(StringBuilder b, int n, String word) {
            if (n > 0) {
                b.append("  ").append(n).append(' ').append(word);
            }
        }
    }

    /**
     * The job's state in words: "succeeded, 1 cancelled" when an operator cancelled tasks of a job
     * that then succeeded (the job stays {@code succeeded}, docs/tui.md), else the state.
     */
    static String stateWords(JobRecord job, Counts n) {
        if (job.state() == JobState.SUCCEEDED && n.cancelled() > 0) {
            return "succeeded, " + n.cancelled() + " cancelled";
        }
        return job.state().wire();
    }

    /**
     * Before the first snapshot: why there is nothing to show, in full and wrapped (the header
     * has room for a few words only); a refused token also says what to do.
     */
    static void notLiveYet(Canvas c, ConnectionState connection, int top, int bottom) {
        List<String> lines = new ArrayList<>();
        int cols = Math.max(10, c.width() - 2);
        Style style = Style.ERROR;
        switch (connection) {
            case ConnectionState.Refused r -> {
                lines.addAll(Text.wrap("The coordinator refused this dashboard (HTTP " + r.status() + "): "
                        + r.reason(), cols));
                lines.add("");
                lines.addAll(Text.wrap("What to do: " + r.whatToDo(), cols));
            }
            case ConnectionState.Reconnecting r -> lines.addAll(Text.wrap("Not connected: " + r.describe(), cols));
            default -> {
                lines.add("Waiting for the coordinator's first snapshot...");
                style = Style.DIM;
            }
        }
        for (int i = 0; i < lines.size() && top + 1 + i <= bottom; i++) {
            c.put(1, top + 1 + i, lines.get(i), style);
        }
    }

    public static void render(Canvas c, Scene scene, ViewState state, int top, int bottom) {
        if (!scene.live().synced()) {
            notLiveYet(c, scene.connection(), top, bottom);
            return;
        }
        List<JobRecord> jobs = scene.live().jobs();
        List<PeerRecord> peers = Selection.shownPeers(scene);
        int rows = bottom - top + 1;
        int jobRows = Math.min(1 + Math.max(1, jobs.size()), Math.max(3, rows - Math.min(rows / 2, 2 + peers.size())));
        jobs(c, scene, state, jobs, top, top + jobRows - 1);
        peers(c, scene, state, peers, top + jobRows + 1, bottom);
    }

    private static void jobs(Canvas c, Scene scene, ViewState state, List<JobRecord> jobs, int top, int bottom) {
        boolean focus = !state.focusPeers();
        c.put(0, top, (focus ? "[JOBS] (" : " JOBS  (") + jobs.size() + ")", focus ? Style.FOCUS : Style.DIM);
        if (jobs.isEmpty()) {
            c.put(2, top + 1, "none yet: peers that connect with a schema form a job", Style.DIM);
            return;
        }
        int selected = Selection.jobIndex(scene, state);
        int visible = bottom - top;
        int first = Math.max(0, Math.min(selected - visible + 1, jobs.size() - visible));
        int stateCols = DEFAULT_STATE_COLS;
        int countCols = 0;
        for (int i = 0; i < visible && first + i < jobs.size(); i++) {
            JobRecord job = jobs.get(first + i);
            Counts n = Counts.of(scene, job);
            stateCols = Math.max(stateCols, stateWords(job, n).length() + 1);
            countCols = Math.max(countCols, 1 + n.words().length());
        }
        // one bar width for every row, so the bars line up (the widest counts decide it)
        int fixed = 2 + 6 + DEFAULT_NAME_COLS + DEFAULT_KIND_COLS + stateCols + 2;
        int barCols = Math.max(DEFAULT_MIN_BAR_COLS, Math.min(DEFAULT_MAX_BAR_COLS, c.width() - fixed - countCols));
        for (int i = 0; i < visible && first + i < jobs.size(); i++) {
            JobRecord job = jobs.get(first + i);
            int y = top + 1 + i;
            Counts n = Counts.of(scene, job);
            String counts = " " + n.words();
            boolean isSelected = first + i == selected;
            Style rowStyle = isSelected ? focus ? Style.SELECTED : Style.BOLD : Style.NORMAL;
            int x = c.put(0, y, isSelected ? "> " : "  ", rowStyle);
            x = c.put(x, y, Text.fit("#" + job.id(), 6) + Text.middle(job.name(), DEFAULT_NAME_COLS - 1) + " ",
                    rowStyle);
            x = c.put(x, y, Text.fit(job.kind().wire(), DEFAULT_KIND_COLS), Style.DIM);
            x = c.put(x, y, Text.fit(stateWords(job, n), stateCols), jobStyle(job, n));
            c.set(x, y, '[', Style.DIM);
            progress(c, x + 1, y, barCols, n);
            c.set(x + 1 + barCols, y, ']', Style.DIM);
            c.put(x + 2 + barCols, y, Text.fit(counts, Math.max(0, c.width() - x - 2 - barCols)).stripTrailing(),
                    Style.NORMAL);
        }
        scrollMarks(c, top, bottom, first, visible, jobs.size());
    }

    /** "▲ n more" / "▼ n more" at the right end of the first and last row when a list overflows. */
    static void scrollMarks(Canvas c, int top, int bottom, int first, int visible, int size) {
        if (first > 0) {
            String mark = "\u25b2 " + first + " more";
            c.put(c.width() - mark.length(), top, mark, Style.DIM);
        }
        int below = size - first - visible;
        if (below > 0) {
            String mark = "\u25bc " + below + " more";
            c.put(c.width() - mark.length(), bottom, mark, Style.DIM);
        }
    }

    private static Style jobStyle(JobRecord job, Counts n) {
        return switch (job.state()) {
            case RUNNING -> Style.RUNNING;
            case SUCCEEDED -> n.cancelled() > 0 ? Style.WARN : Style.SUCCESS;
            case FAILED -> Style.FAILURE;
            case CANCELLED -> Style.CANCELLED;
        };
    }

    /** Segments in order succeeded, failed, cancelled, running, waiting; each with its glyph. */
    static void progress(Canvas c, int x, int y, int cols, Counts n) {
        int total = Math.max(1, n.total());
        int[] counts = {n.succeeded(), n.failed(), n.cancelled(), n.running(), n.waiting()};
        Glyphs.Mark[] marks = {Glyphs.LEGEND.get(3), Glyphs.LEGEND.get(4), Glyphs.LEGEND.get(6), Glyphs.LEGEND.get(2),
            Glyphs.LEGEND.get(1)};
        int done = 0;
        int at = 0;
        for (int i = 0; i < counts.length; i++) {
            done += counts[i];
            int end = (int) Math.round(done * (double) cols / total);
            c.fill(x + at, y, end - at, marks[i].glyph(), marks[i].style());
            at = end;
        }
        c.fill(x + at, y, cols - at, ' ', Style.NORMAL);
    }

    private static void peers(Canvas c, Scene scene, ViewState state, List<PeerRecord> peers, int top, int bottom) {
        if (top > bottom) {
            return;
        }
        int used = 0;
        int slots = 0;
        for (PeerRecord p : peers) {
            if (p.state() == PeerState.CONNECTED || p.state() == PeerState.DISCONNECTED) {
                used += p.running().size();
                slots += p.slots();
            }
        }
        long connected = peers.stream().filter(p -> p.state() == PeerState.CONNECTED).count();
        boolean focus = state.focusPeers();
        int after = c.put(0, top, (focus ? "[PEERS] (" : " PEERS  (") + peers.size() + ", " + connected + " connected)",
                focus ? Style.FOCUS : Style.DIM);
        c.put(after, top, "   slots in use " + used + "/" + slots + "   (left/lost peers hidden after "
                + PeerPruning.DEFAULT_KEEP_DEPARTED.toSeconds() + " s)", Style.DIM);
        if (peers.isEmpty()) {
            c.put(2, top + 1, "none connected: start one with 'taskshard peer --server ...'", Style.DIM);
            return;
        }
        int selected = Selection.peerIndex(scene, state);
        int visible = bottom - top;
        int first = Math.max(0, Math.min(selected - visible + 1, peers.size() - visible));
        for (int i = 0; i < visible && first + i < peers.size(); i++) {
            PeerRecord p = peers.get(first + i);
            int y = top + 1 + i;
            boolean isSelected = state.focusPeers() && first + i == selected;
            int x = c.put(0, y, isSelected ? "> " : "  ", isSelected ? Style.SELECTED : Style.NORMAL);
            x = c.put(x, y, Text.fit(p.id(), DEFAULT_PEER_COLS), isSelected ? Style.SELECTED : Style.NORMAL);
            x = c.put(x, y, Text.fit(p.draining() ? "draining" : p.state().wire(), 13), peerStyle(p));
            x = c.put(x, y, Text.fit(p.running().size() + "/" + p.slots() + " slots", 10), Style.NORMAL);
            x = c.put(x, y, Text.fit("job " + (p.jobId() == 0 ? "-" : p.jobId()), 8), Style.DIM);
            x = c.put(x, y, Text.fit(p.tasksDone() + " done", 9), Style.NORMAL);
            c.put(x, y, Text.fit(current(scene, p), Math.max(0, c.width() - x)), Style.BOLD);
        }
        scrollMarks(c, top, bottom, first, visible, peers.size());
    }

    private static Style peerStyle(PeerRecord p) {
        if (p.draining()) {
            return Style.WARN;
        }
        return switch (p.state()) {
            case CONNECTED -> Style.OK;
            case DISCONNECTED -> Style.WARN;
            case LOST -> Style.ERROR;
            case LEFT -> Style.DIM;
        };
    }

    /** What the peer runs now: {@code //core:model 2.1s, //base:log 0.3s}. */
    static String current(Scene scene, PeerRecord p) {
        List<String> parts = new ArrayList<>();
        for (long lease : p.running()) {
            Optional<AttemptRecord> a = scene.live().attempt(lease);
            parts.add(a.map(at -> at.taskId() + " " + Text.span(roundTenth(scene.now() - (at.startedAt() > 0
                    ? at.startedAt() : at.assignedAt())))).orElse("lease " + lease));
        }
        return String.join(", ", parts);
    }

    private static long roundTenth(long ms) {
        return ms < 1_000 ? Math.max(0, ms) : ms / 100 * 100;
    }
}
