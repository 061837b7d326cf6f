package io.taskshard.gui.gantt;

import io.taskshard.analysis.Comparison;
import io.taskshard.analysis.Gantt;
import io.taskshard.analysis.GanttRows;
import io.taskshard.analysis.JobView;
import io.taskshard.model.AttemptState;
import io.taskshard.model.Durations;
import io.taskshard.model.TaskRecord;
import io.taskshard.model.TaskState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the {@link Timeline}s the dashboard draws from the analyses: a job by peer or by task,
 * and a comparison's three runs. Pure: "now" is passed in.
 */
public final class Timelines {
    /** Group name of the lanes of tasks still waiting, under the peer lanes. */
    public static final String WAITING_GROUP = "waiting";

    private Timelines() {
    }

    /** How a job is grouped into lanes. */
    public enum Grouping {
        /** One lane per peer slot ("who ran what when"), then one per task still waiting. */
        BY_PEER,
        /** One lane per task: its waiting time, then each attempt on whichever peer ran it. */
        BY_TASK
    }

    public static Timeline of(JobView view, Grouping grouping, long now) {
        return grouping == Grouping.BY_PEER ? byPeer(view, now) : byTask(view, now);
    }

    /**
     * One lane per peer slot, then one {@link Timeline.LaneKind#WAITING} lane per task that is
     * ready or blocked, with the time it has waited so far: those bars can be dragged onto a
     * peer's lane to reassign the task.
     */
    public static Timeline byPeer(JobView view, long now) {
        Gantt gantt = GanttRows.byPeer(view, now);
        List<Timeline.Lane> lanes = new ArrayList<>(gantt.lanes().size());
        for (Gantt.Lane lane : gantt.lanes()) {
            lanes.add(new Timeline.Lane(lane.name(), "", Timeline.LaneKind.PEER_SLOT, lane.peerId(), null,
                    lane.bars()));
        }
        Map<String, TaskRecord> waiting = new HashMap<>();
        for (TaskRecord t : view.tasks()) {
            if (t.state() == TaskState.READY || t.state() == TaskState.BLOCKED) {
                waiting.put(t.taskId(), t);
            }
        }
        long end = gantt.end();
        if (!waiting.isEmpty()) {
            lanes.add(header(WAITING_GROUP + " (drag onto a peer to reassign)", WAITING_GROUP));
            for (Gantt.Lane lane : GanttRows.byTask(view, now).lanes()) {
                TaskRecord task = waiting.get(lane.name());
                if (task == null || lane.bars().isEmpty()) {
                    continue;
                }
                Gantt.Bar last = lane.bars().get(lane.bars().size() - 1);
                lanes.add(new Timeline.Lane(lane.name(), WAITING_GROUP, Timeline.LaneKind.WAITING, null, lane.name(),
                        List.of(last)));
                end = Math.max(end, last.end());
            }
        }
        return Timeline.of(view.job().createdAt(), Math.max(end, gantt.end()), lanes, -1, "", now)
                .withPins(pins(view)).withHues(hues(view));
    }

    /** Group hues numbered in the job's task order: the same task has the same hue in both groupings. */
    static Map<String, Integer> hues(JobView view) {
        return TaskGroups.huesInOrder(view.tasks().stream().map(TaskRecord::taskId).toList());
    }

    /**
     * The tasks an operator pinned to a peer ({@link TaskRecord#preferredPeer}, as the
     * coordinator sends it) and not ended: a ready one waits for that peer since its ready time;
     * a blocked or running one has no such time (-1).
     */
    static Map<String, Timeline.Pin> pins(JobView view) {
        Map<String, Timeline.Pin> pins = new HashMap<>();
        for (TaskRecord t : view.tasks()) {
            if (t.preferredPeer() != null && !t.state().isEnd()) {
                boolean waiting = t.state() == TaskState.READY && t.readySince() > 0;
                pins.put(t.taskId(), new Timeline.Pin(t.preferredPeer(), waiting ? t.readySince() : -1));
            }
        }
        return pins;
    }

    /** One lane per task in schema order. */
    public static Timeline byTask(JobView view, long now) {
        Gantt gantt = GanttRows.byTask(view, now);
        List<Timeline.Lane> lanes = new ArrayList<>(gantt.lanes().size());
        for (Gantt.Lane lane : gantt.lanes()) {
            lanes.add(new Timeline.Lane(lane.name(), "", Timeline.LaneKind.TASK, null, lane.name(), lane.bars()));
        }
        return Timeline.of(view.job().createdAt(), gantt.end(), lanes, -1, "", now).withPins(pins(view))
                .withHues(hues(view));
    }

    /**
     * The comparison's three runs as strips on one time scale (each from 0), in the order
     * linear, parallel, sharded, with the lower bound as the marker.
     */
    public static Timeline comparison(Comparison c) {
        List<Timeline.Lane> lanes = new ArrayList<>();
        long end = 0;
        end = Math.max(end, addRun(lanes, "linear", c.linear()));
        end = Math.max(end, addRun(lanes, "parallel", c.parallel()));
        end = Math.max(end, addRun(lanes, "sharded", c.sharded()));
        long bound = c.lowerBound().ms();
        return Timeline.of(0, Math.max(end, bound), lanes, bound, "lower bound " + Durations.format(bound));
    }

    /** A bar-less lane naming the group below it. */
    static Timeline.Lane header(String text, String group) {
        return new Timeline.Lane(text, group, Timeline.LaneKind.HEADER, null, null, List.of());
    }

    /** Adds one run's lanes (in the order its bars name them); returns its latest end. */
    private static long addRun(List<Timeline.Lane> lanes, String group, Comparison.Run run) {
        Map<String, List<Gantt.Bar>> byLane = new java.util.TreeMap<>();
        long end = 0;
        for (Comparison.Bar b : run.bars()) {
            String peer = b.lane().contains("#") ? b.lane().substring(0, b.lane().lastIndexOf('#')) : b.lane();
            byLane.computeIfAbsent(b.lane(), k -> new ArrayList<>()).add(new Gantt.Bar(Gantt.Kind.ATTEMPT, 0,
                    b.taskId(), peer, 0, AttemptState.SUCCEEDED, b.start(), b.end(), null));
            end = Math.max(end, b.end());
        }
        lanes.add(header(group + String.format(java.util.Locale.ROOT, ": makespan %s, CPU %s",
                Durations.format(run.makespanMs()), Durations.format(run.cpuMs())), group));
        if (byLane.isEmpty()) {
            byLane.put("(nothing ran)", List.of());
        }
        byLane.forEach((lane, bars) -> lanes.add(new Timeline.Lane(lane, group, Timeline.LaneKind.RUN, null, null,
                bars)));
        return end;
    }
}
