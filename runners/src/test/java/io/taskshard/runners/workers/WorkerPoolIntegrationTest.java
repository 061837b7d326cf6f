package io.taskshard.runners.workers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.taskshard.cli.Main;
import io.taskshard.client.JobDetail;
import io.taskshard.client.OperatorClient;
import io.taskshard.client.ServerAddress;
import io.taskshard.client.Submission;
import io.taskshard.model.AttemptRecord;
import io.taskshard.model.JobRecord;
import io.taskshard.model.JobState;
import io.taskshard.model.Resources;
import io.taskshard.model.Schema;
import io.taskshard.runners.peer.Backoff;
import io.taskshard.runners.peer.PeerClient;
import io.taskshard.runners.peer.PeerListener;
import io.taskshard.runners.peer.PeerOptions;
import io.taskshard.runners.spi.RunnerConfig;
import io.taskshard.runners.spi.Runners;
import io.taskshard.runners.testing.TestCoordinator;
import io.taskshard.schema.SchemaLoader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The worker pool end to end: a real coordinator (SQLite in a temp dir), real {@link PeerClient}
 * workers running real shell processes, jobs submitted through the operator API and the CLI.
 */
class WorkerPoolIntegrationTest {
    static final Duration PATIENCE = Duration.ofSeconds(30);

    @TempDir
    Path dir;
    TestCoordinator coordinator;
    OperatorClient client;
    final List<PeerClient> workers = new ArrayList<>();

    @BeforeEach
    void start() {
        coordinator = TestCoordinator.start(dir.resolve("data"), 20_000);
        client = new OperatorClient(ServerAddress.parse("127.0.0.1:" + coordinator.port()));
    }

    @AfterEach
    void stop() {
        workers.forEach(PeerClient::shutdown);
        client.close();
        coordinator.close();
    }

    private void worker(String id, int slots, List<String> labels, Resources resources) {
        PeerOptions options = PeerOptions.worker(coordinator.peerUri(), id)
                .slots(slots).labels(labels).resources(resources).workDir(dir)
                .backoff(new Backoff(Duration.ofMillis(50), Duration.ofMillis(500)))
                .build();
        PeerClient w = new PeerClient(options, Runners.byName("shell", RunnerConfig.EMPTY), PeerListener.NONE,
                Clock.systemUTC());
        workers.add(w);
        w.start();
        await().atMost(PATIENCE).until(() -> client.peers().stream()
                .anyMatch(p -> p.id().equals(id) && p.worker() && p.state().wire().equals("connected")));
    }

    private JobRecord submit(String yaml) {
        return client.submit(Submission.of(SchemaLoader.parse(yaml, "test.yaml")));
    }

    private JobDetail awaitEnd(long jobId) {
        await().atMost(PATIENCE).until(() -> client.job(jobId).job().state().isEnd());
        return client.job(jobId);
    }

    @Test
    void jobsGoOnlyToWorkersWhoseLabelsAndResourcesFit() {
        worker("w-linux", 2, List.of("linux"), new Resources(4, 8_192));
        worker("w-gpu", 2, List.of("linux", "gpu"), new Resources(16, 65_536));

        JobRecord gpu = submit("name: train\ntasks:\n"
                + "  - {id: t1, command: 'true', labels: [gpu]}\n  - {id: t2, command: 'true', labels: [gpu]}\n");
        JobRecord big = submit("name: big\ntasks:\n"
                + "  - {id: b1, command: 'true', resources: {cpu: 8, memoryMb: 1024}}\n");
        JobRecord any = submit("name: lint\ntasks:\n"
                + "  - {id: l1, command: 'true', labels: [linux]}\n  - {id: l2, command: 'true', labels: [linux]}\n"
                + "  - {id: l3, command: 'true', labels: [linux]}\n  - {id: l4, command: 'true', labels: [linux]}\n");

        for (JobRecord j : List.of(gpu, big, any)) {
            assertThat(awaitEnd(j.id()).job().state()).isEqualTo(JobState.SUCCEEDED);
        }
        assertThat(client.job(gpu.id()).attempts()).extracting(AttemptRecord::peerId).containsOnly("w-gpu");
        assertThat(client.job(big.id()).attempts()).extracting(AttemptRecord::peerId).containsOnly("w-gpu");
        assertThat(client.job(any.id()).attempts()).extracting(AttemptRecord::peerId)
                .isSubsetOf("w-linux", "w-gpu").hasSize(4);
        // Workers stay connected between jobs.
        assertThat(client.peers()).filteredOn(p -> p.worker()).hasSize(2)
                .allSatisfy(p -> assertThat(p.state().wire()).isEqualTo("connected"));
    }

    @Test
    void aHighPriorityJobSubmittedBehindALongQueueStartsFirst() throws Exception {
        worker("solo", 1, List.of(), Resources.NONE);
        // The worker's one slot is busy until the test lets the blocker end.
        JobRecord blocker = submit("name: blocker\ntasks:\n"
                + "  - {id: hold, command: 'while [ ! -f go ]; do sleep 0.05; done'}\n");
        await().atMost(PATIENCE).until(() -> !client.job(blocker.id()).attempts().isEmpty());
        StringBuilder queue = new StringBuilder("name: backlog\ntasks:\n");
        for (int i = 1; i <= 6; i++) {
            queue.append("  - {id: q").append(i).append(", command: 'true'}\n");
        }
        JobRecord backlog = submit(queue.toString());
        JobRecord urgent = client.submit(Submission.of(SchemaLoader.parse(
                "name: hotfix\ntasks:\n  - {id: fix, command: 'true'}\n", "urgent.yaml")).withPriority(10));

        Files.writeString(dir.resolve("go"), "");

        assertThat(awaitEnd(urgent.id()).job().state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(awaitEnd(backlog.id()).job().state()).isEqualTo(JobState.SUCCEEDED);
        long urgentLease = client.job(urgent.id()).attempts().getFirst().lease();
        long firstBacklogLease = client.job(backlog.id()).attempts().stream()
                .map(AttemptRecord::lease).min(Comparator.naturalOrder()).orElseThrow();
        assertThat(urgentLease).as("the hotfix was handed out before any backlog task").isLessThan(firstBacklogLease);
    }

    @Test
    void aTaskNoWorkerFitsIsOnHoldWithItsReasonAndStartsWhenAFittingWorkerJoins() {
        worker("w-cpu", 1, List.of("linux"), new Resources(2, 4_096));
        JobRecord job = submit("name: render\ntasks:\n  - {id: frame, command: 'true', labels: [gpu]}\n");

        await().atMost(PATIENCE).until(() -> client.holdReasons(job.id()).containsKey("frame"));
        assertThat(client.holdReasons(job.id()).get("frame"))
                .isEqualTo("no connected worker fits: w-cpu lacks label gpu");
        CliRun status = cli("status", "--server", "127.0.0.1:" + coordinator.port(), "--json");
        assertThat(status.code()).isZero();
        assertThat(status.out()).contains("\"frame\" : \"no connected worker fits: w-cpu lacks label gpu\"");
        CliRun table = cli("status", "--server", "127.0.0.1:" + coordinator.port());
        assertThat(table.out()).contains("task frame on hold: no connected worker fits: w-cpu lacks label gpu")
                .contains("w-cpu").contains("worker");

        worker("w-gpu", 1, List.of("gpu"), Resources.NONE);

        assertThat(awaitEnd(job.id()).job().state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(client.job(job.id()).attempts()).extracting(AttemptRecord::peerId).containsExactly("w-gpu");
        assertThat(client.holdReasons(job.id())).isEmpty();
    }

    @Test
    void submitWaitExitsZeroWhenTheJobSucceedsAndOneWhenATaskFails() throws Exception {
        worker("w1", 2, List.of(), Resources.NONE);
        Path ok = Files.writeString(dir.resolve("ok.yaml"),
                "name: ok\ntasks:\n  - {id: a, command: 'true'}\n  - {id: b, command: 'true', needs: [a]}\n");
        Path bad = Files.writeString(dir.resolve("bad.yaml"),
                "name: bad\ntasks:\n  - {id: a, command: 'true'}\n  - {id: broken, command: 'exit 3'}\n");
        String server = "127.0.0.1:" + coordinator.port();

        CliRun good = cli("submit", "--server", server, "--schema", ok.toString(), "--wait");
        CliRun failing = cli("submit", "--server", server, "--schema", bad.toString(), "--attempts", "1", "--wait");

        assertThat(good.code()).as(good.err()).isZero();
        assertThat(good.out()).contains("submitted job").contains("'ok': succeeded, 2/2 tasks ended");
        assertThat(failing.code()).as(failing.err()).isEqualTo(1);
        assertThat(failing.out()).contains("'bad': failed").contains("failed: broken");
        assertThat(cli("submit", "--server", server, "--schema", dir.resolve("missing.yaml").toString()).code())
                .isEqualTo(2);
    }

    private record CliRun(int code, String out, String err) {
    }

    private static CliRun cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new CliRun(code, out.toString(), err.toString());
    }

}
