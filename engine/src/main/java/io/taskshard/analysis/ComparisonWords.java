package io.taskshard.analysis;

import io.taskshard.model.Durations;
import io.taskshard.model.JobState;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The comparison's figures in words, written once here so the TUI, the GUI, the demo's table and
 * the API ({@code summary}) say the same thing. Definitions: docs/analysis.md, "Figures".
 */
final class ComparisonWords {
    private ComparisonWords() {
    }

    static String summary(JobView view, Comparison.Run sharded, Comparison.LowerBound bound, double vsLinear,
            double vsParallel, double efficiency, TaskDurations durations) {
        if (sharded.makespanMs() <= 0) {
            return "nothing has run yet";
        }
        boolean ended = view.job().state().isEnd();
        List<String> parts = new ArrayList<>();
        parts.add(String.format(Locale.ROOT, "speedup %.2fx vs linear, %.2fx vs parallel", vsLinear, vsParallel));
        if (ended) {
            boolean capped = bound.ms() > sharded.makespanMs();
            parts.add(capped
                    ? String.format(Locale.ROOT, "100%% of the best possible (lower bound %s exceeds the makespan %s:"
                            + " peers reported longer run times than the coordinator measured)",
                            Durations.format(bound.ms()), Durations.format(sharded.makespanMs()))
                    : String.format(Locale.ROOT, "%.0f%% of the best possible (lower bound %s / makespan %s)",
                            100 * efficiency, Durations.format(bound.ms()), Durations.format(sharded.makespanMs())));
        } else {
            parts.add("sharded so far; efficiency once the job has ended");
        }
        if (!durations.estimated().isEmpty()) {
            parts.add(durations.estimated().size() + " unfinished task(s) counted with estimated durations");
        }
        if (!durations.unsuccessful().isEmpty()) {
            parts.add(durations.unsuccessful().size() + " task(s) ended without success: counted with the run time"
                    + " of their last attempt");
        }
        if (!durations.neverRan().isEmpty()) {
            parts.add(durations.neverRan().size() + " task(s) never ran (cancelled): not counted");
        }
        if (ended && view.job().state() != JobState.SUCCEEDED) {
            parts.add("job " + view.job().state().wire() + ": the figures cover only the work that ran");
        }
        return String.join("; ", parts);
    }
}
