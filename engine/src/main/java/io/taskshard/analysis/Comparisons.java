package io.taskshard.analysis;

import io.taskshard.model.AttemptRecord;
import io.taskshard.model.JobState;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Computes the {@link Comparison} of a job: linear, parallel and sharded runs and the lower
 * bound. Pure: everything comes from the {@link JobView} and the {@code now} passed in.
 */
public final class Comparisons {
    /** Lane owner used for the linear and parallel bars of a job that has no peer yet. */
    public static final String NO_PEER = "peer";

    private static final Comparator<Comparison.Bar> BAR_ORDER = Comparator.comparingLong(Comparison.Bar::start)
            .thenComparing(Comparison.Bar::lane);

    private Comparisons() {
    }

    /** The comparison as of the view's last recorded event ({@link JobView#settledAt()}). */
    public static Comparison of(JobView view) {
        return of(view, view.settledAt());
    }

    /** The comparison as of {@code now} (epoch ms): live attempts and a running job extend to it. */
    public static Comparison of(JobView view, long now) {
        TaskGraph graph = TaskGraph.of(view.specs());
        TaskDurations durations = TaskDurations.of(view);
        long[] ms = new long[graph.size()];
        for (int i = 0; i < ms.length; i++) {
            ms[i] = durations.of(graph.ids.get(i));
        }
        int peers = view.slotsByPeer().size();
        int totalSlots = view.totalSlots();
        long work = durations.totalMs();

        Comparison.Run linear = simulated(graph, ms, 1, representative(view), peers, work);
        Comparison.Run parallel = parallel(view, graph, ms, peers, work);
        Comparison.Run sharded = sharded(view, now);
        Comparison.LowerBound bound = lowerBound(graph, ms, work, totalSlots);

        long actual = sharded.makespanMs();
        boolean ended = view.job().state().isEnd();
        double efficiency = ended ? Math.min(1.0, ratio(bound.ms(), actual)) : 0;
        double vsLinear = ratio(linear.makespanMs(), actual);
        double vsParallel = ratio(parallel.makespanMs(), actual);
        String summary = ComparisonWords.summary(view, sharded, bound, vsLinear, vsParallel, efficiency, durations);
        return new Comparison(view.job().id(), linear, parallel, sharded, bound, vsLinear, vsParallel, efficiency,
                peers, totalSlots, graph.size(), durations.estimated().size(), ended, durations.unsuccessful().size(),
                durations.neverRan().size(), summary);
    }

    /**
     * Every peer runs everything on its own slots; the job takes as long as its slowest peer.
     * Each distinct slot count is scheduled, not just the smallest: list scheduling can get
     * slower with more slots (Graham's anomalies), so "fewest slots is worst" is not safe.
     */
    private static Comparison.Run parallel(JobView view, TaskGraph graph, long[] ms, int peers, long work) {
        if (view.slotsByPeer().isEmpty()) {
            return simulated(graph, ms, 1, NO_PEER, peers, work);
        }
        Comparison.Run worst = null;
        for (int slots : new TreeSet<>(view.slotsByPeer().values())) {
            String peer = firstPeerWith(view.slotsByPeer(), slots);
            Comparison.Run run = simulated(graph, ms, slots, peer, peers, work);
            if (worst == null || run.makespanMs() > worst.makespanMs()) {
                worst = run;
            }
        }
        return worst;
    }

    private static Comparison.Run simulated(TaskGraph graph, long[] ms, int slots, String peer, int peers, long work) {
        ListSchedule schedule = ListSchedule.run(graph, ms, slots);
        List<Comparison.Bar> bars = new ArrayList<>(graph.size());
        for (int i = 0; i < graph.size(); i++) {
            bars.add(new Comparison.Bar(AttemptSpans.lane(peer, schedule.slot()[i]), graph.ids.get(i),
                    schedule.start()[i], schedule.end()[i]));
        }
        bars.sort(BAR_ORDER);
        return new Comparison.Run(schedule.makespan(), peers * work, bars);
    }

    /**
     * The real attempts. Makespan runs from the first assignment to the last end, or to
     * {@code now} while the job runs. CPU time is the slot time of every attempt, whatever its
     * outcome: failed, lost and cancelled attempts cost as much as successful ones.
     */
    static Comparison.Run sharded(JobView view, long now) {
        List<AttemptRecord> attempts = view.attempts();
        if (attempts.isEmpty()) {
            return new Comparison.Run(0, 0, List.of());
        }
        long origin = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        long cpu = 0;
        for (AttemptRecord a : attempts) {
            long start = AttemptSpans.start(a);
            long end = AttemptSpans.end(a, now);
            origin = Math.min(origin, start);
            last = Math.max(last, end);
            cpu += end - start;
        }
        if (view.job().state() == JobState.RUNNING) {
            last = Math.max(last, now);
        }
        AttemptSpans.Slots slots = AttemptSpans.assign(attempts, now);
        List<Comparison.Bar> bars = new ArrayList<>(attempts.size());
        for (int i = 0; i < attempts.size(); i++) {
            AttemptRecord a = attempts.get(i);
            bars.add(new Comparison.Bar(AttemptSpans.lane(a.peerId(), slots.slotOf()[i]), a.taskId(),
                    AttemptSpans.start(a) - origin, AttemptSpans.end(a, now) - origin));
        }
        bars.sort(BAR_ORDER);
        return new Comparison.Run(last - origin, cpu, bars);
    }

    /** With no peer the work-per-slot term counts one slot: the work has to run somewhere. */
    static Comparison.LowerBound lowerBound(TaskGraph graph, long[] ms, long work, int totalSlots) {
        long perSlot = Math.ceilDiv(work, Math.max(1, totalSlots));
        long longest = 0;
        long[] finish = new long[graph.size()];
        long critical = 0;
        for (int task : graph.topoOrder) {
            long ready = 0;
            for (int need : graph.needs[task]) {
                ready = Math.max(ready, finish[need]);
            }
            finish[task] = ready + ms[task];
            critical = Math.max(critical, finish[task]);
            longest = Math.max(longest, ms[task]);
        }
        return new Comparison.LowerBound(Math.max(perSlot, Math.max(longest, critical)), perSlot, longest, critical);
    }

    private static double ratio(long numerator, long denominator) {
        return denominator <= 0 ? 0 : (double) numerator / denominator;
    }

    /** Linear is the same on every peer; its bars are drawn on the first peer's lane. */
    private static String representative(JobView view) {
        return view.slotsByPeer().isEmpty() ? NO_PEER : view.slotsByPeer().keySet().iterator().next();
    }

    private static String firstPeerWith(Map<String, Integer> slotsByPeer, int slots) {
        return slotsByPeer.entrySet().stream().filter(e -> e.getValue() == slots).findFirst().orElseThrow().getKey();
    }
}
