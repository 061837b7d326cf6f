package io.taskshard.tui.input;

import io.taskshard.analysis.Gantt;
import io.taskshard.analysis.JobView;
import io.taskshard.client.TaskActions;
import io.taskshard.client.TaskActions.TaskAction;
import io.taskshard.model.JobRecord;
import io.taskshard.model.PeerRecord;
import io.taskshard.model.TaskState;
import io.taskshard.tui.state.Action;
import io.taskshard.tui.state.Dialog;
import io.taskshard.tui.state.Grouping;
import io.taskshard.tui.state.Key;
import io.taskshard.tui.state.Message;
import io.taskshard.tui.state.Scene;
import io.taskshard.tui.state.View;
import io.taskshard.tui.state.ViewState;
import io.taskshard.tui.view.GanttLayout;
import io.taskshard.tui.view.Selection;
import io.taskshard.tui.view.TaskPick;
import java.util.List;
import java.util.Optional;

/**
 * Keys as a pure function: {@code (state, key, scene, size) -> (state, action)}. It reads the
 * scene only to know what is on screen (the rows to move through, the Gantt's time axis);
 * commands come out as {@link Action}s, always through a {@link Dialog.Confirm} first.
 */
public final class KeyHandler {
    /** Rows PgUp/PgDn move. */
    static final int DEFAULT_PAGE_ROWS = 10;

    private KeyHandler() {
    }

    public static KeyResult handle(ViewState state, Key key, Scene scene, int width, int height) {
        if (key.ctrl() && (key.ch() == 'c' || key.ch() == 'C')) {
            return KeyResult.of(state, new Action.Quit());
        }
        if (state.dialog() != null) {
            return Dialogs.handle(state, key);
        }
        if (state.help()) {
            return KeyResult.of(state.withHelp(false));
        }
        if (key.is('q')) {
            return KeyResult.of(state, new Action.Quit());
        }
        if (key.is('?')) {
            return KeyResult.of(state.withHelp(true));
        }
        if (key.is('1')) {
            return KeyResult.of(state.withView(View.OVERVIEW));
        }
        if (key.is('2')) {
            return KeyResult.of(state.withView(View.GANTT));
        }
        if (key.is('3')) {
            return KeyResult.of(state.withView(View.COMPARISON));
        }
        if (key.is('F')) {
            ViewState following = Selection.track(scene, Selection.newestRunning(scene)
                    .map(j -> state.withJob(j.id())).orElse(state).withFollowJobs(true).withNewestSeen(0));
            return KeyResult.of(following.withMessage(Message.info("following new jobs: the newest running job is"
                    + " shown, a job that starts is selected; choosing another job ends it")));
        }
        if (key.is('[') || key.is(']')) {
            return KeyResult.of(stepJob(state, scene, key.is(']') ? 1 : -1));
        }
        if (key.is('C')) {
            return Selection.job(scene, state).map(j -> confirm(state, new Action.CancelJob(j.id())))
                    .orElseGet(() -> KeyResult.of(state.withMessage(Message.error("no job to cancel"))));
        }
        if (key.type() == Key.Type.ESCAPE && state.view() == View.TASK) {
            return KeyResult.of(state.withView(state.back()));
        }
        return switch (state.view()) {
            case OVERVIEW -> overview(state, key, scene);
            case GANTT -> gantt(state, key, scene, width);
            case COMPARISON -> KeyResult.of(state);
            case TASK -> task(state, key, scene);
        };
    }

    private static KeyResult overview(ViewState state, Key key, Scene scene) {
        int move = move(key);
        if (key.type() == Key.Type.TAB) {
            return KeyResult.of(state.withFocusPeers(!state.focusPeers()));
        }
        if (state.focusPeers()) {
            List<PeerRecord> peers = Selection.shownPeers(scene);
            if (move != 0 && !peers.isEmpty()) {
                int i = Math.clamp(Selection.peerIndex(scene, state) + move, 0, peers.size() - 1);
                return KeyResult.of(state.withPeer(peers.get(i).id()));
            }
        } else {
            if (move != 0) {
                return KeyResult.of(stepJob(state, scene, move));
            }
            if (key.type() == Key.Type.ENTER) {
                return KeyResult.of(Selection.job(scene, state).map(j -> state.withJob(j.id())).orElse(state)
                        .withView(View.GANTT));
            }
        }
        if (key.is('d')) {
            return drain(state, scene);
        }
        return KeyResult.of(state);
    }

    private static KeyResult gantt(ViewState state, Key key, Scene scene, int width) {
        Optional<Gantt> gantt = Selection.gantt(scene, state);
        int move = move(key);
        if (move != 0 && gantt.isPresent() && !gantt.get().lanes().isEmpty()) {
            List<Gantt.Lane> lanes = gantt.get().lanes();
            int i = Math.clamp(Selection.laneIndex(gantt.get(), state) + move, 0, lanes.size() - 1);
            return KeyResult.of(state.withLane(lanes.get(i).name()));
        }
        if (key.is('g')) {
            return KeyResult.of(state.withGrouping(state.grouping().toggled()));
        }
        if (key.is('f') || key.type() == Key.Type.END) {
            return KeyResult.of(state.withViewStart(ViewState.FOLLOW).withMessage(Message.info("following now")));
        }
        if (key.is('0')) {
            return KeyResult.of(state.withZoom(ViewState.ZOOM_FIT).withViewStart(ViewState.FOLLOW));
        }
        Optional<GanttLayout> layout = layout(scene, state, gantt, width);
        if (layout.isPresent()) {
            GanttLayout l = layout.get();
            if (key.is('+') || key.is('=') || key.is('z')) {
                return KeyResult.of(state.withZoom(Math.max(0, l.level() - 1)));
            }
            if (key.is('-') || key.is('_') || key.is('Z')) {
                return KeyResult.of(state.withZoom(Math.min(GanttLayout.ZOOM_LEVELS.length - 1, l.level() + 1)));
            }
            int scroll = key.type() == Key.Type.LEFT || key.is('h') || key.is('<') ? -1
                    : key.type() == Key.Type.RIGHT || key.is('l') || key.is('>') ? 1 : 0;
            if (scroll != 0) {
                long left = l.scrolled(scroll);
                return KeyResult.of(state.withViewStart(left >= l.followLeft() ? ViewState.FOLLOW : left));
            }
        }
        if (key.type() == Key.Type.ENTER) {
            return Selection.task(scene, state).map(t -> KeyResult.of(state.withTask(t.task().uid())))
                    .orElseGet(() -> KeyResult.of(state.withMessage(Message.info("this lane has no task"))));
        }
        if (key.is('d')) {
            return drain(state, scene);
        }
        return taskCommand(state, key, scene);
    }

    private static KeyResult task(ViewState state, Key key, Scene scene) {
        int move = move(key);
        Optional<TaskPick> pick = Selection.task(scene, state);
        if (move != 0 && pick.isPresent() && !pick.get().attempts().isEmpty()) {
            int n = pick.get().attempts().size();
            int current = state.attempt() < 0 || state.attempt() >= n ? n - 1 : state.attempt();
            return KeyResult.of(state.withAttempt(Math.clamp(current + move, 0, n - 1)));
        }
        return taskCommand(state, key, scene);
    }

    /** r, t, c, p on the selected task. */
    private static KeyResult taskCommand(ViewState state, Key key, Scene scene) {
        if (!(key.is('r') || key.is('t') || key.is('c') || key.is('p'))) {
            return KeyResult.of(state);
        }
        Optional<TaskPick> pick = Selection.task(scene, state);
        if (pick.isEmpty()) {
            return KeyResult.of(state.withMessage(Message.error("no task selected: choose a lane in the Gantt"
                    + " (g groups by task) or open a task with Enter")));
        }
        TaskPick t = pick.get();
        TaskAction action = key.is('r') ? TaskAction.REASSIGN : key.is('t') ? TaskAction.RETRY
                : key.is('c') ? TaskAction.CANCEL : TaskAction.PRIORITY;
        // Offer only what the coordinator would accept now, and say why not in its words.
        String whyNot = TaskActions.whyNot(t.job().job(), t.task(), action);
        if (whyNot != null) {
            return KeyResult.of(state.withMessage(Message.error("not possible: " + whyNot)));
        }
        String running = running(t, scene.now());
        if (key.is('r')) {
            List<String> peers = Selection.eligiblePeers(scene, t);
            List<String> loads = peers.stream().map(id -> scene.live().peer(id).map(p -> p.running().size() + "/"
                    + p.slots() + " slots busy").orElse("")).toList();
            return KeyResult.of(state.withDialog(new Dialog.PeerPicker(t.ref(), t.id(), peers, 0, loads, running)));
        }
        if (key.is('t')) {
            return confirm(state, new Action.Retry(t.ref(), t.id(), running));
        }
        if (key.is('c')) {
            return confirm(state, new Action.CancelTask(t.ref(), t.id()));
        }
        return KeyResult.of(state.withDialog(new Dialog.PriorityPrompt(t.ref(), t.id(), t.task().priority(),
                Integer.toString(t.task().priority()))));
    }

    /** "slow-1 has run 29 s of ~30 s" for a running task ("of ~?" unknown expectation), "" otherwise. */
    static String running(TaskPick t, long now) {
        if (t.task().state() != TaskState.RUNNING) {
            return "";
        }
        return t.attempts().stream().filter(a -> a.state().isLive()).findFirst().map(a -> {
            long since = a.startedAt() > 0 ? a.startedAt() : a.assignedAt();
            long ran = Math.max(0, now - since) / 1000;
            long expected = t.task().expectedMs();
            return a.peerId() + " has run " + ran + " s of ~" + (expected > 0 ? Math.round(expected / 1000.0) + " s"
                    : "? (no earlier run)");
        }).orElse("it is running");
    }

    private static KeyResult drain(ViewState state, Scene scene) {
        Optional<PeerRecord> peer = Selection.actionPeer(scene, state);
        if (peer.isEmpty()) {
            return KeyResult.of(state.withMessage(Message.error("no peer selected: Tab to the peer list in the"
                    + " overview, or pick a lane of the Gantt by peer")));
        }
        return confirm(state, new Action.Drain(peer.get().id(), !peer.get().draining()));
    }

    static KeyResult confirm(ViewState state, Action action) {
        return KeyResult.of(state.withDialog(new Dialog.Confirm(action)));
    }

    /** Moves the job selection by hand: it stops following new jobs unless it stayed on the same job. */
    private static ViewState stepJob(ViewState state, Scene scene, int step) {
        List<JobRecord> jobs = scene.live().jobs();
        int current = Selection.jobIndex(scene, state);
        if (jobs.isEmpty()) {
            return state;
        }
        int i = Math.clamp(current + step, 0, jobs.size() - 1);
        return i == current ? state : state.withJob(jobs.get(i).id()).withFollowJobs(false);
    }

    private static Optional<GanttLayout> layout(Scene scene, ViewState state, Optional<Gantt> gantt, int width) {
        Optional<JobView> view = Selection.job(scene, state).flatMap(j -> scene.jobView(j.id()));
        if (gantt.isEmpty() || view.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(GanttLayout.of(gantt.get(), state, width, Selection.chartNow(view.get(), scene.now())));
    }

    /** Up/Down (k/j) one row, PgUp/PgDn a page, Home to the top. */
    static int move(Key key) {
        return switch (key.type()) {
            case UP -> -1;
            case DOWN -> 1;
            case PAGE_UP -> -DEFAULT_PAGE_ROWS;
            case PAGE_DOWN -> DEFAULT_PAGE_ROWS;
            case HOME -> -Integer.MAX_VALUE / 2;
            case CHAR -> key.is('k') ? -1 : key.is('j') ? 1 : 0;
            default -> 0;
        };
    }
}
