package io.taskshard.runners.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.taskshard.model.AttemptRecord;
import io.taskshard.model.AttemptState;
import io.taskshard.model.JobRecord;
import io.taskshard.model.Schema;
import io.taskshard.model.TaskState;
import io.taskshard.runners.peer.Backoff;
import io.taskshard.runners.peer.PeerClient;
import io.taskshard.runners.peer.PeerListener;
import io.taskshard.runners.peer.PeerOptions;
import io.taskshard.runners.peer.PeerResult;
import io.taskshard.runners.spi.RunResult;
import io.taskshard.runners.spi.RunnerConfig;
import io.taskshard.runners.spi.Runners;
import io.taskshard.runners.testing.CoordinatorProcess;
import io.taskshard.schema.SchemaLoader;
import io.taskshard.store.SqliteStore;
import io.taskshard.store.Store;
import io.taskshard.store.StoreOptions;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 8's crash test: the coordinator (a real child JVM) is killed with SIGKILL
 * {@value #KILLS} times during a {@value #TASKS}-task job and restarted on the same port and data
 * directory each time. Real simulated peers in this JVM reconnect on their own and resend
 * un-acked results. The job completes; the SQLite file holds exactly one succeeded attempt per
 * task, and every result a peer reported was stored (no result lost).
 */
class CoordinatorKillNineTest {
    static final int TASKS = 2_000;
    static final int KILLS = 20;
    static final int PEERS = 4;
    static final int SLOTS = 4;
    /** A kill every this many results, so the kills spread over the whole job. */
    static final int RESULTS_PER_KILL = TASKS / (KILLS + 2);
    /** Far longer than a restart takes, so peers keep their leases across it. */
    static final String GRACE = "60s";

    @TempDir
    Path dir;

    @Test
    void twentyKillsDuringATwoThousandTaskJobLoseNothingAndCountNothingTwice() throws Exception {
        long started = System.nanoTime();
        Path data = dir.resolve("data");
        Schema schema = schema();
        AtomicInteger results = new AtomicInteger();
        Set<Long> reportedLeases = ConcurrentHashMap.newKeySet();
        PeerListener counting = new PeerListener() {
            @Override
            public void finished(Assignment a, RunResult result) {
                reportedLeases.add(a.lease());
                results.incrementAndGet();
            }
        };
        CoordinatorProcess server = CoordinatorProcess.start(data, 0, dir.resolve("serve-0.log"), "--grace", GRACE);
        int port = server.port();
        List<PeerClient> peers = new ArrayList<>();
        List<CompletableFuture<PeerResult>> runs = new ArrayList<>();
        int kills = 0;
        try {
            for (int i = 0; i < PEERS; i++) {
                PeerOptions options = PeerOptions.builder(java.net.URI.create("ws://127.0.0.1:" + port + "/v1/peer"),
                                "kill9-" + i, schema)
                        .slots(SLOTS)
                        .workDir(dir)
                        .backoff(new Backoff(Duration.ofMillis(50), Duration.ofMillis(300)))
                        .reconnectLimit(Duration.ofSeconds(90))
                        .connectTimeout(Duration.ofSeconds(2))
                        .build();
                PeerClient peer = new PeerClient(options,
                        Runners.byName("sim", RunnerConfig.of(Map.of("distribution", "fixed", "mean", "15ms"))),
                        counting, Clock.systemUTC());
                peers.add(peer);
                runs.add(peer.start());
            }
            while (kills < KILLS) {
                int target = (kills + 1) * RESULTS_PER_KILL;
                await().atMost(Duration.ofSeconds(60)).until(() -> results.get() >= target);
                server.kill();
                kills++;
                server = CoordinatorProcess.start(data, port, dir.resolve("serve-" + kills + ".log"), "--grace", GRACE);
            }
            List<PeerResult> ended = new ArrayList<>();
            for (CompletableFuture<PeerResult> run : runs) {
                ended.add(run.get(90, TimeUnit.SECONDS));
            }
            assertThat(ended).as("every peer saw the job succeed; log:\n%s", server.logText())
                    .allMatch(r -> r.status() == PeerResult.Status.SUCCESS);
            assertThat(server.terminate()).as("exit code after SIGTERM").isZero();
        } finally {
            peers.forEach(PeerClient::shutdown);
            server.close();
        }

        try (Store store = SqliteStore.open(data, StoreOptions.DEFAULTS)) {
            List<JobRecord> jobs = store.recentJobs(10);
            assertThat(jobs).as("one job across all restarts").hasSize(1);
            Store.JobDetail detail = store.job(jobs.get(0).id()).orElseThrow();
            assertThat(detail.job().doneCount()).isEqualTo(TASKS);
            assertThat(detail.tasks()).hasSize(TASKS).extracting(t -> t.state()).containsOnly(TaskState.SUCCEEDED);
            Map<String, Long> successes = detail.attempts().stream()
                    .filter(a -> a.state() == AttemptState.SUCCEEDED)
                    .collect(Collectors.groupingBy(AttemptRecord::taskId, Collectors.counting()));
            assertThat(successes).as("one succeeded attempt per task").hasSize(TASKS)
                    .allSatisfy((task, count) -> assertThat(count).as(task).isEqualTo(1L));
            Set<Long> stored = detail.attempts().stream().filter(a -> a.state() == AttemptState.SUCCEEDED)
                    .map(AttemptRecord::lease).collect(Collectors.toSet());
            Set<Long> lost = new java.util.TreeSet<>(reportedLeases);
            lost.removeAll(stored);
            assertThat(lost).as("results a peer reported that the store does not hold as succeeded").isEmpty();
            long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
            System.out.printf("CoordinatorKillNineTest: %d SIGKILL restarts survived, %d tasks, %d attempts stored,"
                            + " %d results reported by peers, tasks lost = %d, tasks succeeded twice = 0, %d s%n",
                    kills, TASKS, detail.attempts().size(), results.get(), TASKS - successes.size(), seconds);
        }
    }

    private static Schema schema() {
        StringBuilder yaml = new StringBuilder("name: kill9\ntasks:\n");
        for (int i = 1; i <= TASKS; i++) {
            yaml.append("  - {id: t").append(i).append("}\n");
        }
        return SchemaLoader.parse(yaml.toString(), "kill9.yaml");
    }
}
