package io.taskshard.server.api;

import static io.taskshard.coordinator.Fixtures.attempt;
import static io.taskshard.coordinator.Fixtures.created;
import static io.taskshard.coordinator.Fixtures.peer;
import static org.assertj.core.api.Assertions.assertThat;

import io.taskshard.coordinator.Fixtures;
import io.taskshard.coordinator.ReadModel;
import io.taskshard.model.AttemptState;
import io.taskshard.model.Change;
import io.taskshard.model.JobState;
import io.taskshard.model.PeerState;
import io.taskshard.model.TaskRecord;
import io.taskshard.model.TaskState;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class MetricsTest {
    /** {@code name{labels} value}, as the exposition format has it. */
    static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[^}]*})? (\\S+)$");

    private final ReadModel model = new ReadModel();
    private final Metrics metrics = new Metrics(model, () -> 2);

    private void commit(Change... changes) {
        metrics.onCommitted(List.of(changes), 0);
        model.onCommitted(List.of(changes), 0);
    }

    /** Parses every line; fails on a line that is neither a comment nor a sample. */
    static Map<String, Double> parse(String text) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            if (line.startsWith("# HELP ") || line.startsWith("# TYPE ")) {
                continue;
            }
            Matcher m = SAMPLE.matcher(line);
            assertThat(m.matches()).as("sample line '%s'", line).isTrue();
            String v = m.group(3);
            out.put(m.group(1) + (m.group(2) == null ? "" : m.group(2)),
                    v.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(v));
        }
        return out;
    }

    private static TaskRecord readyTask(long uid, String id, long readySince) {
        return new TaskRecord(uid, 1, id, TaskState.READY, 0, 0, 0, null, readySince);
    }

    @Test
    void countsAssignmentsRetriesLostAttemptsAndDispatchLatency() {
        commit(created(1, "a", "b"), new Change.PeerChanged(peer("p", 1, PeerState.CONNECTED, 1_000)));
        // a ready since 1_500, peer free since 1_000: assigned at 1_503 -> 3 ms
        commit(new Change.TaskChanged(readyTask(100, "a", 1_500)),
                new Change.AttemptChanged(attempt(1, 1, "a", 1, "p", AttemptState.ASSIGNED, 1_503, 0)));
        commit(new Change.AttemptChanged(attempt(1, 1, "a", 1, "p", AttemptState.RUNNING, 1_503, 0)));
        // the attempt fails at 5_000; retried on p at 5_200 -> 200 ms (the task was ready long before)
        commit(new Change.AttemptChanged(attempt(1, 1, "a", 1, "p", AttemptState.FAILED, 1_503, 5_000)),
                new Change.TaskChanged(readyTask(100, "a", 5_000)));
        commit(new Change.AttemptChanged(attempt(2, 1, "a", 2, "p", AttemptState.ASSIGNED, 5_200, 0)));
        // the peer vanishes: the attempt ends lost (reported twice, counted once)
        commit(new Change.AttemptChanged(attempt(2, 1, "a", 2, "p", AttemptState.LOST, 5_200, 9_000)),
                new Change.PeerChanged(peer("p", 1, PeerState.LOST, 1_000)));
        commit(new Change.AttemptChanged(attempt(2, 1, "a", 2, "p", AttemptState.LOST, 5_200, 9_000)));
        commit(new Change.JobChanged(Fixtures.job(1, JobState.FAILED)));

        Map<String, Double> m = parse(metrics.scrape());

        assertThat(m.get("taskshard_assignments_total")).isEqualTo(2);
        assertThat(m.get("taskshard_retries_total")).isEqualTo(1);
        assertThat(m.get("taskshard_lost_attempts_total")).isEqualTo(1);
        assertThat(m.get("taskshard_batches_committed_total")).isEqualTo(8);
        assertThat(m.get("taskshard_dispatch_latency_seconds_bucket{le=\"0.001\"}")).isEqualTo(0);
        assertThat(m.get("taskshard_dispatch_latency_seconds_bucket{le=\"0.005\"}")).isEqualTo(1);
        assertThat(m.get("taskshard_dispatch_latency_seconds_bucket{le=\"0.1\"}")).isEqualTo(1);
        assertThat(m.get("taskshard_dispatch_latency_seconds_bucket{le=\"0.25\"}")).isEqualTo(2);
        assertThat(m.get("taskshard_dispatch_latency_seconds_bucket{le=\"+Inf\"}")).isEqualTo(2);
        assertThat(m.get("taskshard_dispatch_latency_seconds_count")).isEqualTo(2);
        assertThat(m.get("taskshard_dispatch_latency_seconds_sum")).isCloseTo(0.203, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(m.get("taskshard_peers{state=\"lost\"}")).isEqualTo(1);
        assertThat(m.get("taskshard_jobs{state=\"failed\"}")).isEqualTo(1);
        assertThat(m.get("taskshard_jobs_finished_total{state=\"failed\"}")).isEqualTo(1);
        assertThat(m.get("taskshard_event_subscribers")).isEqualTo(2);
    }

    @Test
    void gaugesCountPeersJobsAndTasksOfRunningJobsByState() {
        commit(created(1, "a", "b", "c"), new Change.PeerChanged(peer("p", 1, PeerState.CONNECTED, 1)),
                new Change.PeerChanged(peer("q", 1, PeerState.DISCONNECTED, 1)));
        commit(new Change.TaskChanged(Fixtures.task(100, 1, "a", TaskState.RUNNING, 4)));

        Map<String, Double> m = parse(metrics.scrape());

        assertThat(m.get("taskshard_peers{state=\"connected\"}")).isEqualTo(1);
        assertThat(m.get("taskshard_peers{state=\"disconnected\"}")).isEqualTo(1);
        assertThat(m.get("taskshard_jobs{state=\"running\"}")).isEqualTo(1);
        assertThat(m.get("taskshard_tasks{state=\"running\"}")).isEqualTo(1);
        assertThat(m.get("taskshard_tasks{state=\"ready\"}")).isEqualTo(2);
        assertThat(m.get("taskshard_tasks{state=\"failed\"}")).isEqualTo(0);
    }

    @Test
    void everyFamilyHasHelpAndTypeBeforeItsSamples() {
        String text = metrics.scrape();
        String family = null;
        for (String line : text.split("\n")) {
            if (line.startsWith("# HELP ")) {
                family = line.split(" ")[2];
            } else if (line.startsWith("# TYPE ")) {
                assertThat(line.split(" ")[2]).isEqualTo(family);
                assertThat(line.split(" ")[3]).isIn("counter", "gauge", "histogram");
            } else {
                assertThat(line).startsWith(family);
            }
        }
        assertThat(text).endsWith("\n");
    }
}
