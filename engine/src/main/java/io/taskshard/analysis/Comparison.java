package io.taskshard.analysis;

import java.util.List;

/**
 * A job run three ways, beside the lower bound on its makespan. Times are milliseconds; bar
 * times are relative to the start of their run (0). See docs/analysis.md for the definitions.
 *
 * @param jobId             the job
 * @param linear            every peer runs every task one after another on one slot
 * @param parallel          every peer runs every task on all of its own slots
 * @param sharded           what really happened: each task handed to one peer at a time
 * @param lowerBound        no schedule of this work on these slots can be shorter
 * @param speedupVsLinear   linear makespan / sharded makespan (0 when nothing ran yet)
 * @param speedupVsParallel parallel makespan / sharded makespan (0 when nothing ran yet)
 * @param efficiency        of an ended job: lower bound / sharded makespan, at most 1.0 (1.0 is optimal);
 *                          0 while the job runs or when nothing ran (see {@link #efficiencyKnown()})
 * @param peers             peers of the job, idle ones included
 * @param totalSlots        slots of all those peers
 * @param tasks             tasks of the job
 * @param estimatedTasks    tasks not ended yet, whose duration is an expectation (always 0 once the job ended)
 * @param ended             the job has ended: the figures are final
 * @param unsuccessfulTasks tasks that ended without success but ran: counted with their last attempt's run time
 * @param neverRanTasks     tasks that ended without running (cancelled): counted as no work
 * @param summary           the figures in words, as every UI shows them (docs/analysis.md, "Figures")
 */
public record Comparison(
        long jobId,
        Run linear,
        Run parallel,
        Run sharded,
        LowerBound lowerBound,
        double speedupVsLinear,
        double speedupVsParallel,
        double efficiency,
        int peers,
        int totalSlots,
        int tasks,
        int estimatedTasks,
        boolean ended,
        int unsuccessfulTasks,
        int neverRanTasks,
        String summary) {

    public Comparison {
        summary = summary == null ? "" : summary;
    }

    /** The figures of an ended job without caveats (for tests and callers that build one by hand). */
    public Comparison(long jobId, Run linear, Run parallel, Run sharded, LowerBound lowerBound, double speedupVsLinear,
            double speedupVsParallel, double efficiency, int peers, int totalSlots, int tasks, int estimatedTasks) {
        this(jobId, linear, parallel, sharded, lowerBound, speedupVsLinear, speedupVsParallel, efficiency, peers,
                totalSlots, tasks, estimatedTasks, estimatedTasks == 0, 0, 0, "");
    }

    /** Whether {@link #efficiency} means something: the job ended and something ran. */
    public boolean efficiencyKnown() {
        return ended && sharded.makespanMs() > 0;
    }

    /**
     * One way of running the job.
     *
     * @param makespanMs from the first start to the last end
     * @param cpuMs      slot time spent by all peers together
     * @param bars       what to draw; lanes are named {@code peer#slot}
     */
    public record Run(long makespanMs, long cpuMs, List<Bar> bars) {
        public Run {
            bars = List.copyOf(bars);
        }
    }

    /** One task (or attempt) on one lane, {@code start}/{@code end} in ms from the run's start. */
    public record Bar(String lane, String taskId, long start, long end) {
    }

    /**
     * {@code ms = max(workPerSlotMs, longestTaskMs, criticalPathMs)}.
     *
     * @param workPerSlotMs  total work / total slots, rounded up
     * @param longestTaskMs  the longest single task
     * @param criticalPathMs the longest chain of tasks through {@code needs}
     */
    public record LowerBound(long ms, long workPerSlotMs, long longestTaskMs, long criticalPathMs) {
    }
}
