package io.taskshard.tui.state;

/**
 * Everything the dashboard remembers between frames besides the coordinator's data: which view
 * is open, what is selected, how the Gantt is zoomed and scrolled, an open dialog, the status
 * message. Immutable; key presses make new ones ({@code io.taskshard.tui.input.KeyHandler}).
 *
 * <p>Selections are kept by id (job id, peer id, lane name, task uid), not by row number, so
 * they stay on the same thing while rows come and go; an id that is gone falls back to the
 * first row when drawn.
 *
 * @param view       the open view
 * @param back       where Escape returns to from the task view
 * @param focusPeers in the overview, whether the peer list (not the job list) has the selection
 * @param jobId      the selected job; 0 = the newest running one (else the newest)
 * @param followJobs following new jobs: the newest running job (else the newest) is selected,
 *                   a job that starts takes the selection; choosing another job by hand ends it
 *                   ({@code F} starts it again)
 * @param newestSeen while following, the newest job id known at the last frame: a job above it
 *                   is new and takes the selection; 0 = none seen yet
 * @param peerId     the selected peer in the overview; null = the first
 * @param laneKey    the selected Gantt lane ({@code peer#slot} or a task id); null = the first
 * @param grouping   Gantt lanes by peer slot or by task
 * @param zoom       index into the Gantt's zoom levels; {@link #ZOOM_FIT} = fit the whole job
 * @param viewStart  the Gantt's left edge (epoch ms) while scrolled; {@link #FOLLOW} = follow now
 * @param taskUid    the task shown in the task view
 * @param attempt    in the task view, the attempt (index by lease) whose log is shown; -1 = latest
 * @param help       whether the help overlay is open
 * @param dialog     an open dialog, or null
 * @param message    the status line's message
 */
public record ViewState(View view, View back, boolean focusPeers, long jobId, boolean followJobs, long newestSeen,
                        String peerId, String laneKey, Grouping grouping, int zoom, long viewStart, long taskUid,
                        int attempt, boolean help, Dialog dialog, Message message) {
    public static final int ZOOM_FIT = -1;
    public static final long FOLLOW = -1;
    public static final int LATEST_ATTEMPT = -1;

    /** The overview with nothing chosen yet. */
    public static final ViewState INITIAL = new ViewState(View.OVERVIEW, View.OVERVIEW, false, 0, true, 0, null, null,
            Grouping.BY_PEER, ZOOM_FIT, FOLLOW, 0, LATEST_ATTEMPT, false, null,
            Message.info("press ? for help"));

    public ViewState withView(View v) {
        return new ViewState(v, back, focusPeers, jobId, followJobs, newestSeen, peerId, laneKey, grouping, zoom,
                viewStart, taskUid, attempt, help, dialog, message);
    }

    /** Opens the task view for {@code uid}; Escape returns to the current view. */
    public ViewState withTask(long uid) {
        return new ViewState(View.TASK, view == View.TASK ? back : view, focusPeers, jobId, followJobs, newestSeen,
                peerId, laneKey, grouping, zoom, viewStart, uid, LATEST_ATTEMPT, help, dialog, message);
    }

    public ViewState withFocusPeers(boolean v) {
        return new ViewState(view, back, v, jobId, followJobs, newestSeen, peerId, laneKey, grouping, zoom, viewStart,
                taskUid, attempt, help, dialog, message);
    }

    /** Selects a job; the Gantt's lane, scroll and zoom start afresh for it. */
    public ViewState withJob(long v) {
        boolean same = v == jobId;
        return new ViewState(view, back, focusPeers, v, followJobs, newestSeen, peerId, same ? laneKey : null, grouping,
                same ? zoom : ZOOM_FIT, same ? viewStart : FOLLOW, taskUid, attempt, help, dialog, message);
    }

    /** Starts or ends following new jobs (the job itself is selected by {@code Selection.track}). */
    public ViewState withFollowJobs(boolean v) {
        return new ViewState(view, back, focusPeers, jobId, v, newestSeen, peerId, laneKey, grouping, zoom, viewStart,
                taskUid, attempt, help, dialog, message);
    }

    public ViewState withNewestSeen(long v) {
        return new ViewState(view, back, focusPeers, jobId, followJobs, v, peerId, laneKey, grouping, zoom, viewStart,
                taskUid, attempt, help, dialog, message);
    }

    public ViewState withPeer(String v) {
        return new ViewState(view, back, focusPeers, jobId, followJobs, newestSeen, v, laneKey, grouping, zoom,
                viewStart, taskUid, attempt, help, dialog, message);
    }

    public ViewState withLane(String v) {
        return new ViewState(view, back, focusPeers, jobId, followJobs, newestSeen, peerId, v, grouping, zoom,
                viewStart, taskUid, attempt, help, dialog, message);
    }

    /** Switches the grouping; the lane selection starts afresh (lane names differ). */
    public ViewState withGrouping(Grouping v) {
        return new ViewState(view, back, focusPeers, jobId, followJobs, newestSeen, peerId, null, v, zoom, viewStart,
                taskUid, attempt, help, dialog, message);
    }

    public ViewState withZoom(int v) {
        return new ViewState(view, back, focusPeers, jobId, followJobs, newestSeen, peerId, laneKey, grouping, v,
                viewStart, taskUid, attempt, help, dialog, message);
    }

    public ViewState withViewStart(long v) {
        return new ViewState(view, back, focusPeers, jobId, followJobs, newestSeen, peerId, laneKey, grouping, zoom, v,
                taskUid, attempt, help, dialog, message);
    }

    public ViewState withAttempt(int v) {
        return new ViewState(view, back, focusPeers, jobId, followJobs, newestSeen, peerId, laneKey, grouping, zoom,
                viewStart, taskUid, v, help, dialog, message);
    }

    public ViewState withHelp(boolean v) {
        return new ViewState(view, back, focusPeers, jobId, followJobs, newestSeen, peerId, laneKey, grouping, zoom,
                viewStart, taskUid, attempt, v, dialog, message);
    }

    public ViewState withDialog(Dialog v) {
        return new ViewState(view, back, focusPeers, jobId, followJobs, newestSeen, peerId, laneKey, grouping, zoom,
                viewStart, taskUid, attempt, help, v, message);
    }

    public ViewState withMessage(Message v) {
        return new ViewState(view, back, focusPeers, jobId, followJobs, newestSeen, peerId, laneKey, grouping, zoom,
                viewStart, taskUid, attempt, help, dialog, v);
    }

    /** Whether the Gantt follows now (not scrolled back); see {@link #followJobs} for following new jobs. */
    public boolean following() {
        return viewStart == FOLLOW;
    }
}
