package io.taskshard.tui.view;

import io.taskshard.client.ConnectionState;
import io.taskshard.model.JobRecord;
import io.taskshard.tui.state.Message;
import io.taskshard.tui.state.Scene;
import io.taskshard.tui.state.View;
import io.taskshard.tui.state.ViewState;
import java.time.Instant;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The frame around every view: the header (title, connection, clock), the view tabs, the
 * status message and the key hints.
 */
public final class Chrome {
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");
    /** The header's mark while following new jobs ({@link ViewState#followJobs}). */
    static final String FOLLOWING_LONG = "following new jobs";
    static final String FOLLOWING = "following";

    private Chrome() {
    }

    /**
     * Row 0: title left; following (new jobs), connection state and clock right. Cut off from the
     * server shows loudly.
     */
    public static void header(Canvas c, Scene scene, ViewState state) {
        c.fill(0, 0, c.width(), ' ', Style.HEADER);
        String clock = LocalTime.ofInstant(Instant.ofEpochMilli(scene.now()), scene.zone()).format(CLOCK);
        boolean live = scene.connection() instanceof ConnectionState.Live;
        String conn = live ? "* live" : "! " + scene.connection().describe();
        int connRoom = Math.max(0, c.width() / 2 - clock.length() - 2);
        String right = Text.fit(conn, Math.min(conn.length(), connRoom));
        int connX = c.width() - 1 - clock.length() - 2 - right.length();
        int titleEnd = connX;
        if (state.followJobs()) {
            // the long form where the title keeps a third of the row, else the short one
            String follow = connX - FOLLOWING_LONG.length() - 2 > c.width() / 3 ? FOLLOWING_LONG : FOLLOWING;
            titleEnd = connX - follow.length() - 2;
            c.put(titleEnd, 0, follow, Style.HEADER);
        }
        c.put(1, 0, Text.fit("taskshard  " + scene.title(), Math.max(0, titleEnd - 2)), Style.HEADER);
        c.put(connX, 0, right, live ? Style.HEADER : Style.ERROR);
        c.put(c.width() - clock.length() - 1, 0, clock, Style.HEADER);
    }

    /** Row 1: the view tabs, the demo's banner beside them. */
    public static void tabs(Canvas c, ViewState state, Scene scene) {
        int x = 0;
        int n = 1;
        for (View v : List.of(View.OVERVIEW, View.GANTT, View.COMPARISON)) {
            String tab = " " + n++ + " " + v.title() + " ";
            x = c.put(x, 1, tab, state.view() == v ? Style.TAB_ACTIVE : Style.TAB) + 1;
        }
        if (state.view() == View.TASK) {
            x = c.put(x, 1, " Task ", Style.TAB_ACTIVE) + 1;
        }
        if (!scene.banner().isEmpty()) {
            c.put(x + 1, 1, Text.fit(scene.banner(), c.width() - x - 1).stripTrailing(), Style.OK);
        }
    }

    /** The status message row; while cut off from the server it says so instead. */
    public static void message(Canvas c, int y, Scene scene, Message message) {
        boolean cutOff = scene.connection() instanceof ConnectionState.Reconnecting
                || scene.connection() instanceof ConnectionState.Connecting conn && conn.attempt() > 0;
        if (cutOff && scene.live().synced()) {
            c.put(0, y, Text.fit("cut off: " + scene.connection().describe()
                    + " (showing the last state received)", c.width()), Style.ERROR);
            return;
        }
        Style style = switch (message.kind()) {
            case INFO -> Style.DIM;
            case PENDING -> Style.PENDING;
            case OK -> Style.OK;
            case ERROR -> Style.ERROR;
        };
        c.put(0, y, Text.fit(message.text(), c.width()), style);
    }

    /** The last row: the keys of the open view, most useful first, as many as fit. */
    public static void keys(Canvas c, int y, ViewState state) {
        c.fill(0, y, c.width(), ' ', Style.KEYS);
        List<String> hints = switch (state.view()) {
            case OVERVIEW -> List.of("q quit", "? help", "1-3 views", "Up/Dn select", "F follow jobs", "Tab jobs/peers",
                    "Enter gantt", "d drain", "C cancel job");
            case GANTT -> List.of("q quit", "? help", "g group", "+/- zoom", "</> scroll", "f now", "F follow jobs",
                    "Enter task", "r reassign", "t retry", "c cancel", "p prio", "d drain");
            case COMPARISON -> List.of("q quit", "? help", "1-3 views", "[/] job", "F follow jobs", "C cancel job");
            case TASK -> List.of("q quit", "? help", "Esc back", "Up/Dn attempt", "r reassign", "t retry", "c cancel",
                    "p prio");
        };
        int x = 0;
        for (String hint : hints) {
            if (x + hint.length() > c.width()) {
                break;
            }
            x = c.put(x, y, hint, Style.KEYS) + 2;
        }
    }

    /** {@code job 1 demo running 12/24} */
    static String jobLabel(JobRecord job) {
        return "job " + job.id() + " " + job.name() + " " + job.state().wire() + " " + job.doneCount() + "/"
                + job.taskCount();
    }
}
