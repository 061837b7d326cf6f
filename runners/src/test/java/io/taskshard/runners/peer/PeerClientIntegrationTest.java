package io.taskshard.runners.peer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.taskshard.model.Schema;
import io.taskshard.runners.spi.Runner;
import io.taskshard.runners.spi.RunnerConfig;
import io.taskshard.runners.spi.Runners;
import io.taskshard.runners.testing.PeerEvents;
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
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** In-JVM peer clients against a real coordinator, running real shell processes. */
class PeerClientIntegrationTest {
    static final Duration PATIENCE = Duration.ofSeconds(30);
    static final long GRACE_MS = 20_000;

    @TempDir
    Path dir;
    TestCoordinator coordinator;
    final Runner shell = Runners.byName("shell", RunnerConfig.EMPTY);
    final List<PeerClient> clients = new ArrayList<>();

    @BeforeEach
    void startCoordinator() {
        coordinator = TestCoordinator.start(dir.resolve("data"), GRACE_MS);
    }

    @AfterEach
    void stopAll() {
        clients.forEach(PeerClient::shutdown);
        coordinator.close();
    }

    private PeerClient peer(String id, Schema schema, PeerEvents events) {
        PeerOptions options = PeerOptions.builder(coordinator.peerUri(), id, schema)
                .workDir(dir)
                .backoff(new Backoff(Duration.ofMillis(50), Duration.ofMillis(500)))
                .reconnectLimit(Duration.ofSeconds(30))
                .connectTimeout(Duration.ofSeconds(2)) // a server shutting down may leave a connect hanging
                .build();
        PeerClient client = new PeerClient(options, shell, events, Clock.systemUTC());
        clients.add(client);
        return client;
    }

    private static Schema schema(String yaml) {
        return SchemaLoader.parse(yaml, "test.yaml");
    }

    @Test
    void threeShellPeersRunEveryTaskExactlyOnce() throws Exception {
        List<String> ids = IntStream.rangeClosed(1, 12).mapToObj(i -> "t" + i).toList();
        StringBuilder yaml = new StringBuilder("name: append\ntasks:\n");
        for (String id : ids) {
            // A few needs, so ordering is exercised too; the short sleep is the task's work.
            String needs = id.equals("t5") ? ", needs: [t1, t2]" : id.equals("t9") ? ", needs: [t5]" : "";
            yaml.append("  - {id: ").append(id).append(", command: 'sleep 0.1; echo $TASKSHARD_TASK_ID >> out.txt'")
                    .append(needs).append("}\n");
        }
        Schema schema = schema(yaml.toString());
        List<PeerEvents> events = List.of(new PeerEvents(), new PeerEvents(), new PeerEvents());
        List<CompletableFuture<PeerResult>> runs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            runs.add(peer("append-" + i, schema, events.get(i)).start());
        }

        List<PeerResult> results = new ArrayList<>();
        for (CompletableFuture<PeerResult> run : runs) {
            results.add(run.get(PATIENCE.toSeconds(), TimeUnit.SECONDS));
        }

        assertThat(results).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(PeerResult.Status.SUCCESS);
            assertThat(r.exitCode()).isZero();
        });
        assertThat(Files.readAllLines(dir.resolve("out.txt"))).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(results.stream().mapToInt(PeerResult::tasksRun).sum()).isEqualTo(ids.size());
        assertThat(results).extracting(PeerResult::jobId).containsOnly(results.getFirst().jobId());
        assertThat(events.getFirst().job.done()).isEqualTo(ids.size());
    }

    @Test
    void operatorReassignKillsTheChildProcessAndTheTaskCompletesOnTheOtherPeer() throws Exception {
        // The first run records its pid and sleeps (exec: the pid is the sleeping process);
        // a later run finds the marker and succeeds at once.
        Schema schema = schema("""
                name: reassign
                tasks:
                  - id: slow
                    command: 'echo $$ > slow.pid; if [ -e slow.marker ]; then echo second; exit 0; fi; touch slow.marker; exec sleep 30'
                """);
        PeerEvents firstEvents = new PeerEvents();
        PeerEvents secondEvents = new PeerEvents();
        CompletableFuture<PeerResult> first = peer("first", schema, firstEvents).start();
        await().atMost(PATIENCE).until(() -> Files.exists(dir.resolve("slow.marker")) && Files.exists(dir.resolve("slow.pid"))
                && !Files.readString(dir.resolve("slow.pid")).isBlank());
        long pid = Long.parseLong(Files.readString(dir.resolve("slow.pid")).trim());
        assertThat(ProcessHandle.of(pid)).map(ProcessHandle::isAlive).contains(true);
        CompletableFuture<PeerResult> second = peer("second", schema, secondEvents).start();
        await().atMost(PATIENCE).until(() -> secondEvents.saw("connected"));
        long jobId = firstEvents.job.jobId();
        long uid = coordinator.task(jobId, "slow").path("uid").asLong();

        coordinator.post("/api/v1/tasks/" + uid + "/reassign", "{\"peer\": \"second\", \"confirmRunning\": true}");

        await().atMost(PATIENCE).until(() -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) == false);
        assertThat(first.get(PATIENCE.toSeconds(), TimeUnit.SECONDS).status()).isEqualTo(PeerResult.Status.SUCCESS);
        assertThat(second.get(PATIENCE.toSeconds(), TimeUnit.SECONDS).status()).isEqualTo(PeerResult.Status.SUCCESS);
        assertThat(firstEvents.saw("cancelled slow")).as(firstEvents.toString()).isTrue();
        assertThat(firstEvents.saw("finished")).as("a cancelled attempt is not reported").isFalse();
        List<JsonNode> attempts = coordinator.attempts(jobId, "slow");
        assertThat(attempts).extracting(a -> a.path("peer").asText() + " " + a.path("state").asText())
                .containsExactly("first cancelled", "second succeeded");
        assertThat(attempts.get(1).path("log").asText()).contains("second");
    }

    @Test
    void reconnectsAfterCoordinatorRestartAndResendsTheResultItCouldNotDeliver() throws Exception {
        Schema schema = schema("""
                name: restart
                tasks:
                  - id: gate
                    command: 'touch gate.started; while [ ! -e gate.open ]; do sleep 0.05; done; echo passed the gate'
                """);
        PeerEvents events = new PeerEvents();
        CompletableFuture<PeerResult> run = peer("steady", schema, events).start();
        await().atMost(PATIENCE).until(() -> Files.exists(dir.resolve("gate.started")));
        long jobId = events.job.jobId();
        long lease = coordinator.attempts(jobId, "gate").getFirst().path("lease").asLong();

        coordinator.stop();
        await().atMost(PATIENCE).until(() -> events.saw("disconnected"));
        Files.writeString(dir.resolve("gate.open"), "");
        // The attempt ends while the coordinator is down: its finished cannot be acked now.
        await().atMost(PATIENCE).until(() -> events.saw("finished gate " + lease + " SUCCESS"));
        coordinator.startAgain();

        PeerResult result = run.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        assertThat(result.status()).as(events.toString()).isEqualTo(PeerResult.Status.SUCCESS);
        assertThat(events.saw("reconnected " + jobId)).as(events.toString()).isTrue();
        List<JsonNode> attempts = coordinator.attempts(jobId, "gate");
        assertThat(attempts).hasSize(1);
        assertThat(attempts.getFirst().path("lease").asLong()).isEqualTo(lease);
        assertThat(attempts.getFirst().path("state").asText()).isEqualTo("succeeded");
        assertThat(attempts.getFirst().path("log").asText()).contains("passed the gate");
    }

    @Test
    void aFailingTaskFailsTheJobAndEveryPeerSaysWhich() throws Exception {
        Schema schema = schema("""
                name: failing
                tasks:
                  - {id: good, command: 'echo fine'}
                  - {id: bad, command: 'echo broken >&2; exit 4', attempts: 2}
                  - {id: after, command: 'echo never', needs: [bad]}
                """);
        CompletableFuture<PeerResult> a = peer("fail-a", schema, new PeerEvents()).start();
        CompletableFuture<PeerResult> b = peer("fail-b", schema, new PeerEvents()).start();

        for (PeerResult r : List.of(a.get(PATIENCE.toSeconds(), TimeUnit.SECONDS),
                b.get(PATIENCE.toSeconds(), TimeUnit.SECONDS))) {
            assertThat(r.status()).isEqualTo(PeerResult.Status.FAILURE);
            assertThat(r.exitCode()).isEqualTo(1);
            assertThat(r.failedTasks()).contains("bad");
            assertThat(r.message()).contains("failed").contains("bad");
        }
    }

    @Test
    void aRefusedTokenIsAConfigurationErrorNotARetry() {
        try (TestCoordinator guarded = TestCoordinator.start(io.taskshard.server.ServerConfig
                .defaults(dir.resolve("guarded")).withPort(0).withPeerToken("right-token"))) {
            PeerOptions options = PeerOptions.builder(guarded.peerUri(), "intruder", schema("""
                    name: guarded
                    tasks: [{id: a, command: 'true'}]
                    """)).workDir(dir).token("wrong-token").build();

            PeerResult result = new PeerClient(options, shell, PeerListener.NONE, Clock.systemUTC()).run();

            assertThat(result.status()).isEqualTo(PeerResult.Status.REJECTED);
            assertThat(result.exitCode()).isEqualTo(2);
            assertThat(result.message()).contains("refused the peer token").contains("HTTP 401");
        }
    }
}
