package io.taskshard.gui.gantt;

import io.taskshard.analysis.Gantt;
import java.util.Objects;

/**
 * A bar being dragged towards another peer's lane (a reassignment): the task under the pointer
 * when the drag <em>started</em>, and which of its bars that was. Pure.
 *
 * <p>A running job brings a new timeline every few hundred milliseconds; the drag then finds its
 * bar again by task and lease ({@link #relocate}), never by position (another task may be drawn
 * there now) and never by "the task's last bar" (an earlier, ended attempt of the same task on a
 * lower lane is not what the user picked up).
 */
public final class BarDrag {
    private final String taskId;
    private final long lease;
    private BarRef bar;

    private BarDrag(String taskId, long lease, BarRef bar) {
        this.taskId = taskId;
        this.lease = lease;
        this.bar = bar;
    }

    /** Starts dragging the bar {@code ref} of {@code timeline}; null if it is not {@link #movable}. */
    public static BarDrag start(Timeline timeline, BarRef ref) {
        if (ref == null || !movable(timeline, ref)) {
            return null;
        }
        Gantt.Bar b = timeline.index().bar(ref.lane(), ref.bar());
        return new BarDrag(b.taskId(), b.lease(), ref);
    }

    /** A waiting task's bar, or a live attempt on a peer's lane: what a reassignment can move. */
    public static boolean movable(Timeline timeline, BarRef ref) {
        Timeline.Lane lane = timeline.lanes().get(ref.lane());
        Gantt.Bar bar = timeline.index().bar(ref.lane(), ref.bar());
        return bar.taskId() != null && (lane.kind() == Timeline.LaneKind.WAITING
                || lane.kind() == Timeline.LaneKind.PEER_SLOT && bar.state() != null && bar.state().isLive());
    }

    public String taskId() {
        return taskId;
    }

    /** The dragged bar in the timeline last given to {@link #start} or {@link #relocate}. */
    public BarRef bar() {
        return bar;
    }

    /**
     * Finds the dragged task's movable bar in {@code next}: the same attempt (lease) if it is
     * still live, else whatever movable bar the task has now (it started, or went back to waiting).
     *
     * @return false when the task has no movable bar any more (it ended): the drag is over
     */
    public boolean relocate(Timeline next) {
        BarRef any = null;
        for (int l = 0; l < next.lanes().size(); l++) {
            for (int b = 0; b < next.index().barCount(l); b++) {
                Gantt.Bar candidate = next.index().bar(l, b);
                if (!taskId.equals(candidate.taskId()) || !movable(next, new BarRef(l, b))) {
                    continue;
                }
                if (candidate.lease() == lease) {
                    bar = new BarRef(l, b);
                    return true;
                }
                any = any == null ? new BarRef(l, b) : any;
            }
        }
        bar = any;
        return any != null;
    }

    /** The peer the dragged bar runs on now (null while it waits) in {@code timeline}. */
    public String fromPeer(Timeline timeline) {
        return timeline.index().bar(bar.lane(), bar.bar()).peerId();
    }

    /** Whether the dragged bar is a live attempt (a reassignment restarts it) in {@code timeline}. */
    public boolean running(Timeline timeline) {
        return timeline.index().bar(bar.lane(), bar.bar()).kind() == Gantt.Kind.ATTEMPT;
    }

    /** The lane {@code lane} if the bar may be dropped there: another peer's slot; else -1. */
    public int dropTarget(Timeline timeline, int lane) {
        if (lane < 0 || lane >= timeline.lanes().size()
                || timeline.lanes().get(lane).kind() != Timeline.LaneKind.PEER_SLOT) {
            return -1;
        }
        return Objects.equals(timeline.lanes().get(lane).peerId(), fromPeer(timeline)) ? -1 : lane;
    }
}
