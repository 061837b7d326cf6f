package io.taskshard.runners.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.taskshard.model.Schema;
import io.taskshard.runners.peer.Backoff;
import io.taskshard.runners.peer.PeerClient;
import io.taskshard.runners.peer.PeerListener;
import io.taskshard.runners.peer.PeerOptions;
import io.taskshard.runners.peer.PeerResult;
import io.taskshard.runners.spi.RunnerConfig;
import io.taskshard.runners.spi.Runners;
import io.taskshard.runners.testing.PeerProcess;
import io.taskshard.runners.testing.TestCoordinator;
import io.taskshard.schema.SchemaLoader;
import io.taskshard.server.ServerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A peer frozen with SIGSTOP keeps its socket open but sends nothing: the coordinator must
 * notice the silence (no frame for 3 heartbeats, docs/protocol.md), disconnect it and hold its
 * work for the grace period (a GC- or SIGSTOP-paused peer may come back), then give the work to
 * another peer. The frozen peer is a real {@code taskshard peer} child process.
 */
class StoppedPeerTest {
    static final long HEARTBEAT_MS = 200;
    static final long GRACE_MS = 2_000;
    /**
     * The loop's tick (50 ms) and a busy 2-core machine's scheduling jitter, which can stall the
     * coordinator's threads for far longer than a tick. The exact limits are checked on a
     * controlled clock (SharedJobScenariosTest); here it is enough that the peer was lost after
     * the silence plus the grace period, not before the grace period ran out.
     */
    static final long SLACK_MS = 5_000;
    static final String SCHEMA = """
            name: sigstop
            tasks:
              - {id: held, simulate: 4s}
            """;

    @TempDir
    Path dir;

    @Test
    void aStoppedPeerIsHeldForTheGracePeriodThenLostAndItsTaskRunsElsewhere() throws Exception {
        Path schemaFile = Files.writeString(dir.resolve("sigstop.yaml"), SCHEMA);
        try (TestCoordinator coordinator = TestCoordinator.start(ServerConfig.defaults(dir.resolve("data"))
                .withPort(0).withGraceMs(GRACE_MS).withHeartbeatMs(HEARTBEAT_MS));
             PeerProcess victim = PeerProcess.start(dir.resolve("victim.log"), List.of(
                     "--server", "127.0.0.1:" + coordinator.port(), "--schema", schemaFile.toString(),
                     "--id", "victim", "--runner", "sim", "--workdir", dir.toString(),
                     "--state-dir", dir.resolve("victim-state").toString()))) {
            await().atMost(Duration.ofSeconds(60)).until(() -> coordinator.newestJobId().isPresent()
                    && "running".equals(lastAttempt(coordinator, "held").path("state").asText()));
            long jobId = coordinator.newestJobId().orElseThrow();
            assertThat(lastAttempt(coordinator, "held").path("peer").asText()).isEqualTo("victim");

            signal("STOP", victim.pid());
            long stoppedAt = System.currentTimeMillis();
            try {
                PeerClient rescuer = new PeerClient(PeerOptions.builder(coordinator.peerUri(), "rescuer",
                                SchemaLoader.parse(SCHEMA, "sigstop.yaml"))
                        .workDir(dir).backoff(new Backoff(Duration.ofMillis(50), Duration.ofMillis(300))).build(),
                        Runners.byName("sim", RunnerConfig.of(Map.of("scale", "0.001"))), PeerListener.NONE,
                        Clock.systemUTC());
                PeerResult rescued;
                try {
                    rescued = rescuer.start().get(30, TimeUnit.SECONDS);
                } finally {
                    rescuer.shutdown();
                }
                assertThat(rescued.status()).as(rescued.message()).isEqualTo(PeerResult.Status.SUCCESS);
                assertThat(rescued.tasksRun()).as("the rescuer ran the frozen peer's task").isEqualTo(1);

                List<JsonNode> attempts = coordinator.attempts(jobId, "held");
                assertThat(attempts).extracting(a -> a.path("peer").asText() + ":" + a.path("state").asText())
                        .containsExactly("victim:lost", "rescuer:succeeded");
                long detectedAfter = attempts.get(0).path("endedAt").asLong() - stoppedAt;
                System.out.printf("StoppedPeerTest: SIGSTOPped peer declared lost %d ms after the stop"
                        + " (heartbeat %d ms, silence limit 3 heartbeats = %d ms, then grace %d ms); its task"
                        + " succeeded on another peer%n", detectedAfter, HEARTBEAT_MS, 3 * HEARTBEAT_MS, GRACE_MS);
                assertThat(detectedAfter).as("held for the grace period after the silence, not lost at once: "
                        + attempts.get(0))
                        .isGreaterThanOrEqualTo(GRACE_MS);
                assertThat(detectedAfter).as("lost after 3 heartbeats of silence plus the grace (+ jitter)")
                        .isLessThanOrEqualTo(3 * HEARTBEAT_MS + GRACE_MS + SLACK_MS);
            } finally {
                signal("CONT", victim.pid());
            }
            // Thawed, the victim is told its lease is gone (cancel), reconnects and, the job being over,
            // starts a fresh job of the same schema (a completed job is never joined again); it exits 0.
            assertThat(victim.exitCode(Duration.ofSeconds(30))).as(victim.output()).isZero();
            assertThat(coordinator.attempts(jobId, "held")).as("the thawed peer's late result changed nothing")
                    .extracting(a -> a.path("state").asText()).containsExactly("lost", "succeeded");
        }
    }

    private static JsonNode lastAttempt(TestCoordinator coordinator, String task) {
        List<JsonNode> attempts = coordinator.attempts(coordinator.newestJobId().orElseThrow(), task);
        return attempts.isEmpty() ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : attempts.getLast();
    }

    private static void signal(String signal, long pid) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0).as("kill -%s %d", signal, pid).isTrue();
    }
}
