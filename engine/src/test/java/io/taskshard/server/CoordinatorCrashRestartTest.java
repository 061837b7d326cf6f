package io.taskshard.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.taskshard.model.AttemptRecord;
import io.taskshard.model.AttemptState;
import io.taskshard.model.JobRecord;
import io.taskshard.model.TaskState;
import io.taskshard.store.SqliteStore;
import io.taskshard.store.Store;
import io.taskshard.store.StoreOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The coordinator is killed (SIGKILL, in a child JVM: no flush, no goodbye) in the middle of a
 * job and restarted on the same data directory. Peers reconnect with their running leases and
 * resend results that were never acked; the job completes with every task succeeded exactly
 * once — nothing lost, nothing counted twice — and the restarted server stops cleanly on SIGTERM.
 */
class CoordinatorCrashRestartTest {
    static final List<String> TASKS = List.of("c1", "c2", "c3", "c4", "c5", "c6");
    /** Long enough for both peers to reconnect to the restarted server before their leases expire. */
    static final String GRACE = "20s";

    @TempDir
    Path dir;

    @Test
    void killedMidJobAndRestartedTheJobCompletesWithEveryTaskSucceededOnce() throws Exception {
        Path data = dir.resolve("data");
        List<RawPeer> open = new ArrayList<>();
        long runningLease;
        long unackedLease;
        String runningTask;
        String unackedTask;
        try (ServerProcess first = ServerProcess.start(data, dir.resolve("first.log"), "--grace", GRACE)) {
            RawPeer finisher = RawPeer.connect(first.port(), "finisher");
            RawPeer runner = RawPeer.connect(first.port(), "runner");
            open.add(finisher);
            open.add(runner);
            finisher.send(RawPeer.hello("finisher", "crash", TASKS));
            finisher.await("welcome");
            runner.send(RawPeer.hello("runner", "crash", TASKS));
            runner.await("welcome");

            // One result fully stored and acked before the crash.
            JsonNode a1 = finisher.await("assign");
            long acked = a1.path("lease").asLong();
            finisher.send(finished(acked));
            assertThat(finisher.await("ack").path("lease").asLong()).isEqualTo(acked);

            // The runner is mid-task when the coordinator dies.
            JsonNode a2 = runner.await("assign");
            runningLease = a2.path("lease").asLong();
            runningTask = a2.path("task").path("id").asText();
            runner.send(Map.of("type", "started", "lease", runningLease));

            // The finisher reports a second result and the coordinator dies before (or just
            // after) storing it: either way the peer has no ack and must resend it.
            JsonNode a3 = finisher.await("assign");
            unackedLease = a3.path("lease").asLong();
            unackedTask = a3.path("task").path("id").asText();
            finisher.send(finished(unackedLease));
            first.kill();
            finisher.awaitClosed();
            runner.awaitClosed();
            // Whatever arrived before the kill: an ack for it means it was stored, no ack means
            // the peer must resend. Both must end with the task succeeded exactly once.
        } finally {
            open.forEach(RawPeer::close);
        }

        try (ServerProcess second = ServerProcess.start(data, dir.resolve("second.log"), "--grace", GRACE)) {
            RawPeer finisher = RawPeer.connect(second.port(), "finisher");
            RawPeer runner = RawPeer.connect(second.port(), "runner");
            try {
                // A peer lists every lease it still holds: still running, or finished but not acked.
                finisher.send(RawPeer.hello("finisher", "crash", TASKS,
                        Map.of("running", List.of(Map.of("lease", unackedLease, "task", unackedTask)))));
                JsonNode welcome = finisher.await("welcome");
                assertThat(welcome.path("job").path("done").asInt()).as("the acked result survived").isGreaterThanOrEqualTo(1);
                finisher.send(finished(unackedLease));
                assertThat(finisher.await("ack", f -> f.path("lease").asLong() == unackedLease)).isNotNull();

                runner.send(RawPeer.hello("runner", "crash", TASKS,
                        Map.of("running", List.of(Map.of("lease", runningLease, "task", runningTask)))));
                runner.await("welcome");
                runner.send(finished(runningLease));
                assertThat(runner.await("ack", f -> f.path("lease").asLong() == runningLease)).isNotNull();

                finisher.autoRun("success");
                runner.autoRun("success");
                JsonNode complete = finisher.await("job-complete");
                assertThat(complete.path("outcome").asText()).isEqualTo("success");
                assertThat(runner.await("job-complete").path("outcome").asText()).isEqualTo("success");
                assertThat(finisher.received("error")).as("no stale-lease or other errors").isEmpty();
                assertThat(runner.received("error")).as("no stale-lease or other errors").isEmpty();
            } finally {
                finisher.close();
                runner.close();
            }
            assertThat(second.terminate()).as("exit code after SIGTERM; log:\n%s", second.logText()).isZero();
        }

        try (Store store = SqliteStore.open(data, StoreOptions.DEFAULTS)) {
            JobRecord job = store.recentJobs(10).stream().filter(j -> j.name().equals("crash"))
                    .collect(Collectors.collectingAndThen(Collectors.toList(), jobs -> {
                        assertThat(jobs).as("exactly one job for the schema, also after the restart").hasSize(1);
                        return jobs.get(0);
                    }));
            assertThat(job.doneCount()).isEqualTo(TASKS.size());
            Store.JobDetail detail = store.job(job.id()).orElseThrow();
            assertThat(detail.tasks()).extracting(t -> t.state()).containsOnly(TaskState.SUCCEEDED);
            Map<String, Long> successesPerTask = detail.attempts().stream()
                    .filter(a -> a.state() == AttemptState.SUCCEEDED)
                    .collect(Collectors.groupingBy(AttemptRecord::taskId, Collectors.counting()));
            assertThat(successesPerTask).as("every task succeeded exactly once")
                    .containsOnlyKeys(TASKS).allSatisfy((task, count) -> assertThat(count).isEqualTo(1L));
            assertThat(detail.attempts()).as("nothing was lost across the crash")
                    .noneMatch(a -> a.state() == AttemptState.LOST);
        }
    }

    private static Map<String, Object> finished(long lease) {
        return Map.of("type", "finished", "lease", lease, "outcome", "success", "exitCode", 0, "durationMs", 7);
    }
}
