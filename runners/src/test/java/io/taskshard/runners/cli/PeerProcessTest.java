package io.taskshard.runners.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.taskshard.model.RepoEntry;
import io.taskshard.runners.peer.PeerClient;
import io.taskshard.runners.peer.PeerListener;
import io.taskshard.runners.peer.PeerOptions;
import io.taskshard.runners.peer.PeerResult;
import io.taskshard.runners.spi.RunnerConfig;
import io.taskshard.runners.spi.Runners;
import io.taskshard.runners.testing.PeerProcess;
import io.taskshard.runners.testing.TestCoordinator;
import io.taskshard.schema.SchemaLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real {@code taskshard peer} in a child JVM: killed with SIGKILL and restarted, stopped with SIGTERM. */
class PeerProcessTest {
    static final Duration PATIENCE = Duration.ofSeconds(40);
    /** Long enough for a JVM restart on a loaded machine; the job waits for the reclaim, not for the grace. */
    static final long GRACE_MS = 20_000;
    static final List<String> QUICK = List.of("t1", "t2", "t3", "t4");

    @TempDir
    Path dir;
    final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void cleanUp() throws Exception {
        for (AutoCloseable c : toClose.reversed()) {
            c.close();
        }
    }

    /** Awaits {@code condition}; on timeout, fails with the peer process's output. */
    private static void awaitOrShow(PeerProcess peer, java.util.concurrent.Callable<Boolean> condition) {
        try {
            await().atMost(PATIENCE).failFast("the peer process exited", () -> !peer.isAlive()).until(condition);
        } catch (org.awaitility.core.ConditionTimeoutException | org.awaitility.core.TerminalFailureException e) {
            throw new AssertionError(e.getMessage() + "; the peer's output:\n" + peer.output(), e);
        }
    }

    @Test
    void aKilledPeerRestartedWithTheSameIdReclaimsItsLease() throws Exception {
        TestCoordinator coordinator = TestCoordinator.start(dir.resolve("data"), GRACE_MS);
        toClose.add(coordinator);
        Path work = Files.createDirectories(dir.resolve("work"));
        Path state = dir.resolve("state");
        // "slow" goes first (priority) to the only peer there is: the victim. Its first run records
        // its pid and sleeps; the run after the restart finds the marker and succeeds at once.
        Path schemaFile = dir.resolve("reclaim.yaml");
        StringBuilder yaml = new StringBuilder("""
                name: reclaim
                tasks:
                  - id: slow
                    priority: 10
                    command: 'echo $$ > slow.pid; if [ -e slow.marker ]; then echo second run; exit 0; fi; touch slow.marker; exec sleep 30'
                """);
        QUICK.forEach(t -> yaml.append("  - {id: ").append(t).append(", command: 'echo ").append(t)
                .append(" >> out.txt'}\n"));
        Files.writeString(schemaFile, yaml);
        List<String> args = List.of("--server", "127.0.0.1:" + coordinator.port(), "--schema", schemaFile.toString(),
                "--id", "victim", "--state-dir", state.toString(), "--workdir", work.toString(),
                "--repo", "mono", "--base-ref", "main", "--patchset", "p1");

        PeerProcess victim = PeerProcess.start(dir.resolve("victim-1.log"), args);
        toClose.add(victim);
        awaitOrShow(victim, () -> coordinator.newestJobId().isPresent());
        long jobId = coordinator.newestJobId().orElseThrow();
        awaitOrShow(victim, () -> coordinator.attempts(jobId, "slow").stream()
                        .anyMatch(a -> a.path("peer").asText().equals("victim") && a.path("state").asText().equals("running")));
        long lease = coordinator.attempts(jobId, "slow").getFirst().path("lease").asLong();

        List<CompletableFuture<PeerResult>> others = new ArrayList<>();
        for (String id : List.of("other-1", "other-2")) {
            PeerOptions options = PeerOptions.builder(coordinator.peerUri(), id,
                            SchemaLoader.load(schemaFile)).workDir(work)
                    .repo("mono", new RepoEntry("main", "p1", List.of())).build();
            PeerClient client = new PeerClient(options, Runners.byName("shell", RunnerConfig.EMPTY), PeerListener.NONE,
                    Clock.systemUTC());
            toClose.add(client::shutdown);
            others.add(client.start());
        }
        await().atMost(PATIENCE).until(() -> QUICK.stream()
                .allMatch(t -> coordinator.task(jobId, t).path("state").asText().equals("succeeded")));

        victim.kill();
        long sleeper = Long.parseLong(Files.readString(work.resolve("slow.pid")).trim());
        ProcessHandle.of(sleeper).ifPresent(ProcessHandle::destroyForcibly); // the orphan of the killed JVM
        Path journal = state.resolve("victim.json");
        assertThat(journal).exists();
        assertThat(Files.readString(journal)).contains("\"lease\":" + lease);
        assertThat(others).noneMatch(CompletableFuture::isDone); // the job waits for "slow"

        PeerProcess again = PeerProcess.start(dir.resolve("victim-2.log"), args);
        toClose.add(again);

        assertThat(again.exitCode(PATIENCE)).as(again.output()).isZero();
        for (CompletableFuture<PeerResult> other : others) {
            assertThat(other.get(PATIENCE.toSeconds(), TimeUnit.SECONDS).status()).isEqualTo(PeerResult.Status.SUCCESS);
        }
        List<JsonNode> attempts = coordinator.attempts(jobId, "slow");
        assertThat(attempts).as("the same lease, no second one").hasSize(1);
        assertThat(attempts.getFirst().path("lease").asLong()).isEqualTo(lease);
        assertThat(attempts.getFirst().path("peer").asText()).isEqualTo("victim");
        assertThat(attempts.getFirst().path("state").asText()).isEqualTo("succeeded");
        assertThat(attempts.getFirst().path("log").asText()).contains("second run");
        assertThat(again.output()).contains("reclaiming 1 lease(s)");
        assertThat(journal).doesNotExist();
        assertThat(Files.readAllLines(work.resolve("out.txt"))).containsExactlyInAnyOrderElementsOf(QUICK);
    }

    @Test
    void sigtermStopsTheTaskAndSaysGoodbye() throws Exception {
        TestCoordinator coordinator = TestCoordinator.start(dir.resolve("data"), GRACE_MS);
        toClose.add(coordinator);
        Path work = Files.createDirectories(dir.resolve("work"));
        Path schemaFile = dir.resolve("term.yaml");
        Files.writeString(schemaFile, """
                name: term
                tasks:
                  - {id: slow, command: 'echo $$ > slow.pid; exec sleep 30'}
                """);
        PeerProcess peer = PeerProcess.start(dir.resolve("term.log"), List.of("--server",
                "127.0.0.1:" + coordinator.port(), "--schema", schemaFile.toString(), "--id", "terminated",
                "--state-dir", dir.resolve("state").toString(), "--workdir", work.toString()));
        toClose.add(peer);
        awaitOrShow(peer, () -> coordinator.newestJobId().isPresent());
        long jobId = coordinator.newestJobId().orElseThrow();
        awaitOrShow(peer, () -> coordinator.task(jobId, "slow").path("state").asText().equals("running")
                && Files.exists(work.resolve("slow.pid")) && !Files.readString(work.resolve("slow.pid")).isBlank());
        long sleeper = Long.parseLong(Files.readString(work.resolve("slow.pid")).trim());

        peer.terminate();

        assertThat(peer.exitCode(PATIENCE)).as(peer.output()).isNotZero();
        assertThat(ProcessHandle.of(sleeper).map(ProcessHandle::isAlive).orElse(false)).as("no orphan").isFalse();
        // Released by the goodbye, well before the 20 s grace period (counted from the disconnect,
        // which came before this wait) would.
        await().atMost(Duration.ofMillis(GRACE_MS / 2)).until(() -> coordinator.task(jobId, "slow").path("state")
                .asText().equals("ready"));
        assertThat(coordinator.get("/api/v1/peers/terminated").path("peer").path("state").asText()).isEqualTo("left");
    }
}
