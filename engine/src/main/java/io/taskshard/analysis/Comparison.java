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
 * @param efficiency        lower bound / sharded makespan: 1.0 is optimal (0 when nothing ran yet)
 * @param peers             peers of the job, idle ones included
 * @param totalSlots        slots of all those peers
 * @param tasks             tasks of the job
 * @param estimatedTasks    tasks whose duration is an expectation, not a measurement
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
        int estimatedTasks) {

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
