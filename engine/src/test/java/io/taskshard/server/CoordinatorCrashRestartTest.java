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
        Map<Long, String> finisherHolds;
        Map<Long, String> runnerHolds;
        java.util.Set<Long> leasesPeersKnew = new java.util.HashSet<>();
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
            runner.send(Map.of("type", "started", "lease", a2.path("lease").asLong()));

            // The finisher reports a second result and the coordinator dies before (or just
            // after) storing it: either way the peer has no ack and must resend it.
            JsonNode a3 = finisher.await("assign");
            finisher.send(finished(a3.path("lease").asLong()));
            first.kill();
            finisher.awaitClosed();
            runner.awaitClosed();
            // Whatever arrived before the kill (an ack for it, even the next assign) decides
            // what each peer still holds, exactly as a real peer would track it.
            // Holding nothing is legitimate too: the second result was acked and the kill came
            // before the next assign went out (that assign then ends lost, unknown to any peer).
            finisherHolds = heldLeases(finisher);
            runnerHolds = heldLeases(runner);
            assertThat(runnerHolds).as("the runner's running lease").containsKey(a2.path("lease").asLong());
            for (RawPeer p : open) {
                p.received("assign").forEach(a -> leasesPeersKnew.add(a.path("lease").asLong()));
            }
        } finally {
            open.forEach(RawPeer::close);
        }

        try (ServerProcess second = ServerProcess.start(data, dir.resolve("second.log"), "--grace", GRACE)) {
            RawPeer finisher = RawPeer.connect(second.port(), "finisher");
            RawPeer runner = RawPeer.connect(second.port(), "runner");
            try {
                // A peer lists every lease it still holds: still running, or finished but not acked.
                finisher.send(RawPeer.hello("finisher", "crash", TASKS, Map.of("running", asRunning(finisherHolds))));
                JsonNode welcome = finisher.await("welcome");
                assertThat(welcome.path("job").path("done").asInt()).as("the acked result survived").isGreaterThanOrEqualTo(1);
                runner.send(RawPeer.hello("runner", "crash", TASKS, Map.of("running", asRunning(runnerHolds))));
                runner.await("welcome");
                for (long lease : finisherHolds.keySet()) {
                    finisher.send(finished(lease)); // resend the un-acked result, finish the rest
                    assertThat(finisher.await("ack", f -> f.path("lease").asLong() == lease)).isNotNull();
                }
                for (long lease : runnerHolds.keySet()) {
                    runner.send(finished(lease));
                    assertThat(runner.await("ack", f -> f.path("lease").asLong() == lease)).isNotNull();
                }

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
            // The only attempts that may end lost are assigns that were stored but still in
            // flight when the coordinator died: no peer ever knew those leases.
            assertThat(detail.attempts()).as("no lease a peer knew about was lost across the crash")
                    .filteredOn(a -> a.state() == AttemptState.LOST)
                    .allSatisfy(a -> assertThat(leasesPeersKnew).doesNotContain(a.lease()));
        }
    }

    /** Leases assigned to the peer whose result it has no ack for: what it reports on reconnect. */
    private static Map<Long, String> heldLeases(RawPeer peer) {
        java.util.Set<Long> acked = new java.util.HashSet<>();
        peer.received("ack").forEach(a -> acked.add(a.path("lease").asLong()));
        Map<Long, String> held = new java.util.TreeMap<>();
        for (JsonNode a : peer.received("assign")) {
            long lease = a.path("lease").asLong();
            if (!acked.contains(lease)) {
                held.put(lease, a.path("task").path("id").asText());
            }
        }
        return held;
    }

    private static List<Map<String, Object>> asRunning(Map<Long, String> held) {
        List<Map<String, Object>> running = new ArrayList<>();
        held.forEach((lease, task) -> running.add(Map.of("lease", lease, "task", task)));
        return running;
    }

    private static Map<String, Object> finished(long lease) {
        return Map.of("type", "finished", "lease", lease, "outcome", "success", "exitCode", 0, "durationMs", 7);
    }
}
