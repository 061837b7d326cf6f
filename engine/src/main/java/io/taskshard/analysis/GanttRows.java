package io.taskshard.analysis;

import io.taskshard.model.AttemptRecord;
import io.taskshard.model.AttemptState;
import io.taskshard.model.TaskRecord;
import io.taskshard.model.TaskSpec;
import io.taskshard.model.TaskState;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds the Gantt rows the UIs draw: by peer slot ("who ran what when") and by task ("where
 * did each task spend its time"). Pure: live attempts end at the {@code now} passed in.
 */
public final class GanttRows {
    private static final Comparator<Gantt.Bar> BY_START = Comparator.comparingLong(Gantt.Bar::start)
            .thenComparingLong(Gantt.Bar::lease);

    private GanttRows() {
    }

    /**
     * One lane per peer slot ({@code peer#slot}), sorted by peer then slot. Every peer of the view
     * gets at least as many lanes as it has slots, idle ones included.
     */
    public static Gantt byPeer(JobView view, long now) {
        return byPeer(view.attempts(), view.slotsByPeer(), now);
    }

    /** One lane per peer slot that some attempt used, sorted by peer then slot. */
    public static Gantt byPeer(List<AttemptRecord> attempts, long now) {
        return byPeer(attempts, Map.of(), now);
    }

    private static Gantt byPeer(List<AttemptRecord> attempts, Map<String, Integer> slotsByPeer, long now) {
        AttemptSpans.Slots slots = AttemptSpans.assign(attempts, now);
        Map<String, Integer> laneCount = new TreeMap<>(slotsByPeer);
        slots.lanesByPeer().forEach((peer, used) -> laneCount.merge(peer, used, Math::max));
        Map<String, List<List<Gantt.Bar>>> barsByPeer = new HashMap<>();
        laneCount.forEach((peer, count) -> {
            List<List<Gantt.Bar>> lanes = new ArrayList<>(count);
            for (int s = 0; s < count; s++) {
                lanes.add(new ArrayList<>());
            }
            barsByPeer.put(peer, lanes);
        });
        for (int i = 0; i < attempts.size(); i++) {
            AttemptRecord a = attempts.get(i);
            barsByPeer.get(a.peerId()).get(slots.slotOf()[i] - 1).add(attemptBar(a, now));
        }
        List<Gantt.Lane> lanes = new ArrayList<>();
        laneCount.forEach((peer, count) -> {
            List<List<Gantt.Bar>> peerLanes = barsByPeer.get(peer);
            for (int s = 0; s < count; s++) {
                List<Gantt.Bar> bars = peerLanes.get(s);
                bars.sort(BY_START);
                lanes.add(new Gantt.Lane(AttemptSpans.lane(peer, s + 1), peer, s + 1, bars));
            }
        });
        return bounded(lanes);
    }

    /**
     * One lane per task, in spec order. Before its first assignment a task is BLOCKED (from job
     * creation until its last need succeeded) then WAITING; between attempts, and after a failed
     * attempt while it waits for a retry, it is WAITING again; each attempt is a bar naming the
     * peer that ran it. A task cancelled while it waited (never ran, or between attempts) waits
     * until it was cancelled ({@link CancelTimes}), then shows a CANCELLED bar to the chart's end.
     */
    public static Gantt byTask(JobView view, long now) {
        Map<String, List<AttemptRecord>> attemptsByTask = new HashMap<>();
        Map<String, Long> firstSuccessEnd = new HashMap<>();
        for (AttemptRecord a : view.attempts()) {
            attemptsByTask.computeIfAbsent(a.taskId(), t -> new ArrayList<>()).add(a);
            if (a.state() == AttemptState.SUCCEEDED) {
                firstSuccessEnd.merge(a.taskId(), AttemptSpans.end(a, now), Math::min);
            }
        }
        Map<String, TaskRecord> records = new HashMap<>();
        for (TaskRecord t : view.tasks()) {
            records.put(t.taskId(), t);
        }
        CancelTimes cancels = new CancelTimes(view, now);
        List<Gantt.Lane> lanes = new ArrayList<>(view.specs().size());
        for (TaskSpec spec : view.specs()) {
            List<AttemptRecord> attempts = attemptsByTask.getOrDefault(spec.id(), new ArrayList<>());
            attempts.sort(Comparator.comparingLong(AttemptSpans::start).thenComparingLong(AttemptRecord::lease));
            Long readyAt = readyAt(spec, view, firstSuccessEnd, records.get(spec.id()));
            List<Gantt.Bar> bars = taskBars(spec.id(), attempts, readyAt, view, records.get(spec.id()), cancels, now);
            lanes.add(new Gantt.Lane(spec.id(), null, 0, bars));
        }
        return bounded(lanes);
    }

    /**
     * When the task became ready the first time: at job creation without needs, else when its
     * last need first succeeded; failing that, the task record's {@code readySince}. Null when unknown.
     */
    private static Long readyAt(TaskSpec spec, JobView view, Map<String, Long> firstSuccessEnd, TaskRecord record) {
        long ready = view.job().createdAt();
        for (String need : spec.needs()) {
            Long end = firstSuccessEnd.get(need);
            if (end == null) {
                return record != null && record.readySince() > 0 ? record.readySince() : null;
            }
            ready = Math.max(ready, end);
        }
        return ready;
    }

    private static List<Gantt.Bar> taskBars(String taskId, List<AttemptRecord> attempts, Long readyAt, JobView view,
            TaskRecord record, CancelTimes cancels, long now) {
        List<Gantt.Bar> bars = new ArrayList<>(attempts.size() + 3);
        long created = view.job().createdAt();
        long chartEnd = chartEnd(view, now);
        AttemptRecord last = attempts.isEmpty() ? null : attempts.get(attempts.size() - 1);
        // Cancelled while it waited: the last attempt (if any) is over and was not itself the cancelled one.
        boolean cancelledWaiting = record != null && record.state() == TaskState.CANCELLED
                && (last == null || !last.state().isLive() && last.state() != AttemptState.CANCELLED);
        long cancelledAt = cancelledWaiting ? Math.max(created, Math.min(cancels.of(taskId), chartEnd)) : 0;
        long waitEnd = attempts.isEmpty() ? cancelledWaiting ? cancelledAt : chartEnd
                : AttemptSpans.start(attempts.get(0));
        boolean assigned = !attempts.isEmpty();
        // Assigned means it was ready by then; unknown readiness of an unassigned task means still blocked.
        long ready = readyAt != null ? readyAt : assigned ? created : waitEnd;
        ready = Math.min(Math.max(ready, created), Math.max(waitEnd, created));
        addIfPositive(bars, Gantt.Bar.waiting(Gantt.Kind.BLOCKED, taskId, created, ready));
        addIfPositive(bars, Gantt.Bar.waiting(Gantt.Kind.WAITING, taskId, ready, waitEnd));
        long previousEnd = Long.MIN_VALUE;
        for (AttemptRecord a : attempts) {
            long start = AttemptSpans.start(a);
            if (previousEnd != Long.MIN_VALUE) {
                addIfPositive(bars, Gantt.Bar.waiting(Gantt.Kind.WAITING, taskId, previousEnd, start));
            }
            bars.add(attemptBar(a, now));
            previousEnd = Math.max(previousEnd, AttemptSpans.end(a, now));
        }
        if (last != null && !last.state().isLive() && record != null && !record.state().isEnd()) {
            addIfPositive(bars, Gantt.Bar.waiting(Gantt.Kind.WAITING, taskId, previousEnd, now));
        }
        if (cancelledWaiting) {
            long from = Math.max(cancelledAt, last == null ? cancelledAt : previousEnd);
            if (last != null) {
                addIfPositive(bars, Gantt.Bar.waiting(Gantt.Kind.WAITING, taskId, previousEnd, from));
            }
            // Added even when empty: a zero-length CANCELLED bar is the marker of a cancel as the chart ends.
            bars.add(Gantt.Bar.waiting(Gantt.Kind.CANCELLED, taskId, from, Math.max(from, chartEnd)));
        }
        return bars;
    }

    /** The chart of an ended job stops at its end; a running job's at {@code now}. */
    private static long chartEnd(JobView view, long now) {
        return view.job().state().isEnd() && view.job().finishedAt() > 0 ? view.job().finishedAt() : now;
    }

    private static void addIfPositive(List<Gantt.Bar> bars, Gantt.Bar bar) {
        if (bar.end() > bar.start()) {
            bars.add(bar);
        }
    }

    private static Gantt.Bar attemptBar(AttemptRecord a, long now) {
        return new Gantt.Bar(Gantt.Kind.ATTEMPT, a.lease(), a.taskId(), a.peerId(), a.attempt(), a.state(),
                AttemptSpans.start(a), AttemptSpans.end(a, now), a.exitCode());
    }

    private static Gantt bounded(List<Gantt.Lane> lanes) {
        long origin = Long.MAX_VALUE;
        long end = Long.MIN_VALUE;
        for (Gantt.Lane lane : lanes) {
            for (Gantt.Bar bar : lane.bars()) {
                origin = Math.min(origin, bar.start());
                end = Math.max(end, bar.end());
            }
        }
        return origin == Long.MAX_VALUE ? new Gantt(0, 0, lanes) : new Gantt(origin, end, lanes);
    }
}
