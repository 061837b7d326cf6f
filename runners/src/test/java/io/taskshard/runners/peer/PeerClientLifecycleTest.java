package io.taskshard.runners.peer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.taskshard.model.Schema;
import io.taskshard.runners.spi.RunnerConfig;
import io.taskshard.runners.spi.Runners;
import io.taskshard.runners.testing.PeerEvents;
import io.taskshard.runners.testing.TestCoordinator;
import io.taskshard.schema.SchemaLoader;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How a peer leaves: on purpose (shutdown), after losing the coordinator for good, and many at once. */
class PeerClientLifecycleTest {
    static final Duration PATIENCE = Duration.ofSeconds(30);
    static final Schema SLOW = SchemaLoader.parse("""
            name: slow
            tasks:
              - id: slow
                command: 'echo $$ > slow.pid; exec sleep 30'
            """, "slow.yaml");

    @TempDir
    Path dir;
    TestCoordinator coordinator;

    @BeforeEach
    void startCoordinator() {
        coordinator = TestCoordinator.start(dir.resolve("data"), 20_000);
    }

    @AfterEach
    void stopCoordinator() {
        coordinator.close();
    }

    private PeerOptions.Builder options(String id, Schema schema) {
        return PeerOptions.builder(coordinator.peerUri(), id, schema).workDir(dir)
                .backoff(new Backoff(Duration.ofMillis(50), Duration.ofMillis(200)));
    }

    private long awaitSleeperPid() throws Exception {
        Path pidFile = dir.resolve("slow.pid");
        await().atMost(PATIENCE).until(() -> Files.exists(pidFile) && !Files.readString(pidFile).isBlank());
        return Long.parseLong(Files.readString(pidFile).trim());
    }

    @Test
    void shutdownKillsWhatRunsAndSaysGoodbyeSoTheCoordinatorReleasesTheTaskAtOnce() throws Exception {
        PeerEvents events = new PeerEvents();
        PeerClient peer = new PeerClient(options("leaver", SLOW).stateDir(dir.resolve("state")).build(),
                Runners.byName("shell", RunnerConfig.EMPTY), events, Clock.systemUTC());
        CompletableFuture<PeerResult> run = peer.start();
        long pid = awaitSleeperPid();
        await().atMost(PATIENCE).until(() -> dir.resolve("state").resolve("leaver.json").toFile().exists());

        peer.shutdown();

        PeerResult result = run.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        assertThat(result.status()).isEqualTo(PeerResult.Status.STOPPED);
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        long jobId = events.job.jobId();
        // Released by the goodbye, not after the 20 s grace period.
        await().atMost(Duration.ofSeconds(10)).until(() -> coordinator.task(jobId, "slow").path("state").asText()
                .equals("ready"));
        assertThat(coordinator.attempts(jobId, "slow").getFirst().path("state").asText()).isEqualTo("cancelled");
        assertThat(dir.resolve("state").resolve("leaver.json")).as("goodbye released every lease").doesNotExist();
        assertThat(events.saw("finished")).as("a stopped attempt is not reported").isFalse();
    }

    @Test
    void aCoordinatorGoneForLongerThanTheReconnectLimitEndsTheRunUnreachable() throws Exception {
        PeerEvents events = new PeerEvents();
        // A connect attempt to a server that is shutting down may hang until its timeout: keep it short.
        PeerClient peer = new PeerClient(options("stranded", SLOW).reconnectLimit(Duration.ofMillis(700))
                .connectTimeout(Duration.ofSeconds(1)).build(),
                Runners.byName("shell", RunnerConfig.EMPTY), events, Clock.systemUTC());
        CompletableFuture<PeerResult> run = peer.start();
        long pid = awaitSleeperPid();

        coordinator.stop();

        PeerResult result = run.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        assertThat(result.status()).isEqualTo(PeerResult.Status.UNREACHABLE);
        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.connected()).isTrue();
        assertThat(result.message()).contains("lost the coordinator at " + coordinator.peerUri())
                .contains("reconnect limit");
        assertThat(events.saw("disconnected")).as(events.toString()).isTrue();
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        coordinator.startAgain(); // for the @AfterEach
    }

    @Test
    void manySimulatedPeersShareOneHttpClientAndOneJob() throws Exception {
        StringBuilder yaml = new StringBuilder("name: crowd\ntasks:\n");
        for (int i = 1; i <= 60; i++) {
            yaml.append("  - {id: t").append(i).append(", simulate: 20ms}\n");
        }
        Schema schema = SchemaLoader.parse(yaml.toString(), "crowd.yaml");
        List<CompletableFuture<PeerResult>> runs = new ArrayList<>();
        try (HttpClient shared = HttpClient.newHttpClient()) {
            for (int i = 0; i < 20; i++) {
                PeerClient peer = new PeerClient(options("sim-" + i, schema).slots(2).build(),
                        Runners.byName("sim", RunnerConfig.of(Map.of("seed", "1"))), PeerListener.NONE,
                        Clock.systemUTC(), shared);
                runs.add(peer.start());
            }
            List<PeerResult> results = new ArrayList<>();
            for (CompletableFuture<PeerResult> r : runs) {
                results.add(r.get(PATIENCE.toSeconds(), TimeUnit.SECONDS));
            }
            assertThat(results).allMatch(r -> r.status() == PeerResult.Status.SUCCESS);
            assertThat(results.stream().mapToInt(PeerResult::tasksRun).sum()).isEqualTo(60);
            assertThat(results).extracting(PeerResult::jobId).containsOnly(results.getFirst().jobId());
        }
        // Each client's one thread goes away with its run.
        await().atMost(Duration.ofSeconds(10)).until(() -> Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.getName().startsWith("taskshard-peer-sim-")));
    }
}
