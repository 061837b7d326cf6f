package io.taskshard.server.api;

import io.taskshard.analysis.ChromeTrace;
import io.taskshard.analysis.Comparison;
import io.taskshard.analysis.Comparisons;
import io.taskshard.analysis.JobView;
import io.taskshard.coordinator.ReadModel;
import io.taskshard.store.Store;
import java.time.Clock;
import java.util.Map;

/**
 * Feeds a job to {@code io.taskshard.analysis} for the comparison and trace routes. A running
 * job is analysed as of now (its live attempts extend to the present); a finished one as of
 * its last recorded event. Peers' slot counts come from the read model when it still knows the
 * peers, else from how many attempts each peer held at once.
 */
final class JobAnalysis {
    private final ReadModel readModel;
    private final Clock clock;
    private final long defaultExpectedMs;

    JobAnalysis(ReadModel readModel, Clock clock, long defaultExpectedMs) {
        this.readModel = readModel;
        this.clock = clock;
        this.defaultExpectedMs = defaultExpectedMs;
    }

    Comparison comparison(Store.JobDetail job) {
        JobView view = view(job);
        return Comparisons.of(view, asOf(view));
    }

    /** Chrome trace event JSON (open it in chrome://tracing or Perfetto), as maps and lists. */
    Map<String, Object> trace(Store.JobDetail job) {
        JobView view = view(job);
        return ChromeTrace.toMap(view, asOf(view));
    }

    private JobView view(Store.JobDetail d) {
        // Task history (expected durations) is the scheduler's; unmeasured tasks use the configured default.
        JobView v = JobView.of(d.job(), d.specs(), d.tasks(), d.attempts(), readModel.peers(), Map.of());
        return new JobView(v.job(), v.specs(), v.tasks(), v.attempts(), v.slotsByPeer(), v.expectedMs(),
                defaultExpectedMs);
    }

    private long asOf(JobView view) {
        return view.job().state().isEnd() ? view.settledAt() : Math.max(clock.millis(), view.settledAt());
    }
}
