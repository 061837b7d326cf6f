package io.taskshard.tui.view;

import io.taskshard.client.TaskInfo;
import io.taskshard.model.AttemptRecord;
import io.taskshard.model.JobRecord;
import io.taskshard.model.PeerRecord;
import io.taskshard.model.PeerState;
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
    static final int DEFAULT_PEER_COLS = 12;
    static final int DEFAULT_MIN_BAR_COLS = 10;

    private OverviewView() {
    }

    /** A job's tasks by where they stand. */
    public record Counts(int succeeded, int running, int waiting, int failed, int cancelled, int total) {
        static Counts of(Scene scene, JobRecord job) {
            if (!scene.live().hasAllTasks(job.id())) {
                int failed = job.failedTasks().size();
                return new Counts(Math.max(0, job.doneCount() - failed), 0, job.taskCount() - job.doneCount(),
                        failed, 0, job.taskCount());
            }
            int s = 0, r = 0, w = 0, f = 0, x = 0;
            for (TaskInfo t : scene.live().tasks(job.id())) {
                switch (t.task().state()) {
                    case SUCCEEDED -> s++;
                    case RUNNING -> r++;
                    case BLOCKED, READY -> w++;
                    case FAILED -> f++;
                    case CANCELLED -> x++;
                }
            }
            return new Counts(s, r, w, f, x, job.taskCount());
        }
    }

    public static void render(Canvas c, Scene scene, ViewState state, int top, int bottom) {
        if (!scene.live().synced()) {
            c.put(1, top + 1, "Waiting for the coordinator's first snapshot...", Style.DIM);
            return;
        }
        List<JobRecord> jobs = scene.live().jobs();
        List<PeerRecord> peers = scene.live().peers();
        int rows = bottom - top + 1;
        int jobRows = Math.min(1 + Math.max(1, jobs.size()), Math.max(3, rows - Math.min(rows / 2, 2 + peers.size())));
        jobs(c, scene, state, jobs, top, top + jobRows - 1);
        peers(c, scene, state, peers, top + jobRows + 1, bottom);
    }

    private static void jobs(Canvas c, Scene scene, ViewState state, List<JobRecord> jobs, int top, int bottom) {
        boolean focus = !state.focusPeers();
        c.put(0, top, "JOBS (" + jobs.size() + ")", focus ? Style.BOLD : Style.NORMAL);
        if (jobs.isEmpty()) {
            c.put(2, top + 1, "none yet: peers that connect with a schema form a job", Style.DIM);
            return;
        }
        int selected = Selection.jobIndex(scene, state);
        int visible = bottom - top;
        int first = Math.max(0, Math.min(selected - visible + 1, jobs.size() - visible));
        for (int i = 0; i < visible && first + i < jobs.size(); i++) {
            JobRecord job = jobs.get(first + i);
            int y = top + 1 + i;
            Counts n = Counts.of(scene, job);
            String counts = String.format(Locale.ROOT, " %3d/%-3d done %2d run %2d wait %2d fail", n.succeeded()
                    + n.failed() + n.cancelled(), n.total(), n.running(), n.waiting(), n.failed());
            int barCols = Math.max(DEFAULT_MIN_BAR_COLS, c.width() - 2 - 6 - DEFAULT_NAME_COLS - 10 - counts.length() - 2);
            boolean isSelected = first + i == selected;
            int x = c.put(0, y, isSelected ? "> " : "  ", isSelected ? Style.SELECTED : Style.NORMAL);
            x = c.put(x, y, Text.fit("#" + job.id(), 6) + Text.fit(job.name(), DEFAULT_NAME_COLS),
                    isSelected ? Style.SELECTED : Style.NORMAL);
            x = c.put(x, y, Text.fit(job.state().wire(), 10), jobStyle(job));
            c.set(x, y, '[', Style.DIM);
            progress(c, x + 1, y, barCols, n);
            c.set(x + 1 + barCols, y, ']', Style.DIM);
            c.put(x + 2 + barCols, y, counts, Style.NORMAL);
        }
    }

    private static Style jobStyle(JobRecord job) {
        return switch (job.state()) {
            case RUNNING -> Style.RUNNING;
            case SUCCEEDED -> Style.SUCCESS;
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
        c.put(0, top, "PEERS (" + peers.size() + ", " + connected + " connected)   slots in use " + used + "/" + slots,
                state.focusPeers() ? Style.BOLD : Style.NORMAL);
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
