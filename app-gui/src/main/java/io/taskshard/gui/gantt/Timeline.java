package io.taskshard.gui.gantt;

import io.taskshard.analysis.Gantt;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What one Gantt canvas shows: lanes of bars with their index, the time range they cover and
 * an optional marker (the comparison's lower bound). Pure and immutable.
 *
 * @param origin   the time the axis counts from ("+0s"): job creation, or 0 for comparison runs
 * @param end      the latest bar end (or {@code origin} when there is none)
 * @param lanes    rows, top to bottom
 * @param markerAt a time to mark with a vertical line across every lane; -1 = none
 * @param markerLabel what the marker is, e.g. "lower bound 9.4s"
 * @param index    the bars of {@code lanes}, indexed for drawing and hit tests
 * @param hues     the group hue number of each task drawn ({@link TaskGroups#hues})
 * @param pins     tasks an operator pinned to a peer (reassigned), by task id
 */
public record Timeline(long origin, long end, List<Lane> lanes, long markerAt, String markerLabel, BarIndex index,
        Map<String, Integer> hues, Map<String, Pin> pins) {
    /** Nothing to show. */
    public static final Timeline EMPTY = of(0, 0, List.of(), -1, "");

    /** What a lane holds, which decides where a dragged bar may go. */
    public enum LaneKind {
        /** One slot of a peer: a dragged task may be dropped here to reassign it to the peer. */
        PEER_SLOT,
        /** One task with its waiting time and every attempt. */
        TASK,
        /** A task still waiting to be assigned (shown under the peer lanes). */
        WAITING,
        /** A lane of a comparison run (linear, parallel, sharded). */
        RUN,
        /** No bars: the heading of the group of lanes below it. */
        HEADER
    }

    /**
     * One row.
     *
     * @param label  drawn in the label column
     * @param group  lanes with the same group are drawn under one heading (e.g. "sharded"); "" = none
     * @param kind   what the lane holds
     * @param peerId the peer of a peer-slot lane, else null
     * @param taskId the task of a task or waiting lane, else null
     * @param bars   the lane's bars
     */
    public record Lane(String label, String group, LaneKind kind, String peerId, String taskId, List<Gantt.Bar> bars) {
        public Lane {
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(group, "group");
            Objects.requireNonNull(kind, "kind");
            bars = List.copyOf(bars);
        }
    }

    /**
     * A task pinned to one peer by an operator's reassign: only {@code peerId} may take it.
     *
     * @param since while the task waits for that peer, since when (its ready time); -1 once it runs
     */
    public record Pin(String peerId, long since) {
        public Pin {
            Objects.requireNonNull(peerId, "peerId");
        }
    }

    public Timeline {
        lanes = List.copyOf(lanes);
        hues = Map.copyOf(hues);
        pins = Map.copyOf(pins);
        Objects.requireNonNull(index, "index");
        Objects.requireNonNull(markerLabel, "markerLabel");
    }

    /** A timeline of finished bars only (nothing grows with the clock). */
    public static Timeline of(long origin, long end, List<Lane> lanes, long markerAt, String markerLabel) {
        return of(origin, end, lanes, markerAt, markerLabel, Long.MAX_VALUE);
    }

    /**
     * Builds the index. Open bars grow with each frame's {@code now}: live attempts, and waiting
     * or blocked time that lasted until {@code builtAt} (the "now" the bars were computed for).
     */
    public static Timeline of(long origin, long end, List<Lane> lanes, long markerAt, String markerLabel,
            long builtAt) {
        BarIndex index = BarIndex.of(lanes.stream().map(Lane::bars).toList(),
                bar -> bar.state() != null ? bar.state().isLive() : bar.end() >= builtAt);
        return new Timeline(origin, Math.max(origin, end), lanes, markerAt, markerLabel, index,
                TaskGroups.hues(lanes.stream().map(Lane::bars).toList()), Map.of());
    }

    /** This timeline with its tasks' group hue numbers taken from {@code taskHues}. */
    public Timeline withHues(Map<String, Integer> taskHues) {
        return new Timeline(origin, end, lanes, markerAt, markerLabel, index, taskHues, pins);
    }

    /** This timeline with {@code taskPins} marked. */
    public Timeline withPins(Map<String, Pin> taskPins) {
        return new Timeline(origin, end, lanes, markerAt, markerLabel, index, hues, taskPins);
    }

    /** The group hue number of {@code taskId}'s bars (0 for an unknown task). */
    public int hue(String taskId) {
        return taskId == null ? 0 : hues.getOrDefault(taskId, 0);
    }

    /** The peer {@code taskId} is pinned to, or null. */
    public String pinnedTo(String taskId) {
        Pin pin = taskId == null ? null : pins.get(taskId);
        return pin == null ? null : pin.peerId();
    }

    /** The first lane that is a slot of {@code peerId}. */
    public OptionalInt firstLaneOf(String peerId) {
        for (int i = 0; i < lanes.size(); i++) {
            if (lanes.get(i).kind() == LaneKind.PEER_SLOT && lanes.get(i).peerId().equals(peerId)) {
                return OptionalInt.of(i);
            }
        }
        return OptionalInt.empty();
    }

    /** The bar under (x, y) of {@code vp}, or within {@code tolerancePx} of it, if any. */
    public Optional<BarRef> barAt(Viewport vp, double x, double y, double tolerancePx, long now) {
        int lane = vp.laneAt(y, lanes.size());
        if (lane < 0 || x < vp.labelWidth()) {
            return Optional.empty();
        }
        int bar = index.barAt(lane, vp.xToTime(x), Math.round(tolerancePx * vp.msPerPixel()), now);
        return bar < 0 ? Optional.empty() : Optional.of(new BarRef(lane, bar));
    }

    /**
     * The bar of task {@code taskId} that shows its current state, and its lane, if drawn: its
     * live attempt if it runs (an earlier attempt may be drawn on a lower lane), else its last bar.
     */
    public Optional<BarRef> locate(String taskId) {
        for (int l = 0; l < lanes.size(); l++) {
            for (int b = 0; b < index.barCount(l); b++) {
                Gantt.Bar bar = index.bar(l, b);
                if (taskId.equals(bar.taskId()) && bar.state() != null && bar.state().isLive()) {
                    return Optional.of(new BarRef(l, b));
                }
            }
        }
        for (int l = lanes.size() - 1; l >= 0; l--) {
            for (int b = index.barCount(l) - 1; b >= 0; b--) {
                if (taskId.equals(index.bar(l, b).taskId())) {
                    return Optional.of(new BarRef(l, b));
                }
            }
        }
        return Optional.empty();
    }

    /** How many bars in all. */
    public int barCount() {
        int n = 0;
        for (int l = 0; l < index.laneCount(); l++) {
            n += index.barCount(l);
        }
        return n;
    }
}
