package io.taskshard.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.taskshard.model.AttemptRecord;
import io.taskshard.model.AttemptState;
import io.taskshard.store.Store;
import io.taskshard.store.StoreTestHooks;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The disk fills up under a running coordinator (simulated with SQLite's {@code max_page_count}
 * on the writer connection). The result that could not be stored is never acked; the peer is
 * told {@code unavailable} with the reason, {@code /healthz} says 503 and why. When space
 * returns, a restart of the coordinator recovers: the peer reconnects, resends its un-acked
 * result, and the job completes with every task stored exactly once.
 */
class DiskFullTest extends ServerTestBase {
    static final List<String> TASKS = List.of("d1", "d2", "d3", "d4");
    /** A log tail this big needs new database pages, so the capped database cannot take it. */
    static final String BIG_LOG = "x".repeat(200_000);

    @Override
    ServerConfig config(Path dir) {
        return super.config(dir).withGraceMs(30_000); // the peer's lease survives the restart
    }

    @Test
    void aFullDiskAcksNothingSaysWhyAndARestartRecoversOnceThereIsSpace() {
        RawPeer p = peer("filler");
        p.send(RawPeer.hello("filler", "diskfull", TASKS));
        long jobId = p.await("welcome").path("job").path("id").asLong();
        long first = p.await("assign").path("lease").asLong();
        p.send(finished(first, "short"));
        assertThat(p.await("ack").path("lease").asLong()).isEqualTo(first);
        JsonNode second = p.await("assign");
        long unstored = second.path("lease").asLong();

        long cap = StoreTestHooks.limitPages(server.store(), 1); // SQLite keeps it at the current size
        p.send(finished(unstored, BIG_LOG));
        JsonNode error = p.awaitError("unavailable");
        assertThat(error.path("fatal").asBoolean()).isTrue();
        assertThat(error.path("message").asText()).contains("cannot store").contains("database or disk is full");
        p.awaitClosed();
        assertThat(p.received("ack")).extracting(a -> a.path("lease").asLong())
                .as("only the result stored before the disk filled is acked").containsExactly(first);
        ApiClient.Response health = new ApiClient(port).get("/healthz");
        assertThat(health.status()).isEqualTo(503);
        assertThat(health.body()).contains("database or disk is full").contains("restart the server");
        assertThat(server.coordinator().failure()).get().extracting(Throwable::getMessage).asString()
                .contains("SQLITE_FULL");
        System.out.printf("DiskFullTest: database capped at %d pages; the result of lease %d was refused (no ack):"
                + " %s; /healthz %d%n", cap, unstored, error.path("message").asText(), health.status());

        // Space returns; the operator (or systemd's Restart=on-failure) restarts the coordinator.
        server.close();
        server = newServer(config(dataDir).withPort(0));
        port = server.start();
        RawPeer back = peer("filler-again");
        back.send(RawPeer.hello("filler", "diskfull", TASKS,
                Map.of("running", List.of(Map.of("lease", unstored, "task", second.path("task").path("id").asText())))));
        assertThat(back.await("welcome").path("job").path("id").asLong()).as("the same job resumes").isEqualTo(jobId);
        back.send(finished(unstored, BIG_LOG));
        assertThat(back.await("ack", a -> a.path("lease").asLong() == unstored)).isNotNull();
        back.autoRun("success");
        assertThat(back.await("job-complete").path("outcome").asText()).isEqualTo("success");
        assertThat(back.received("error")).isEmpty();

        Store.JobDetail detail = server.store().job(jobId).orElseThrow();
        Map<String, Long> successes = detail.attempts().stream().filter(a -> a.state() == AttemptState.SUCCEEDED)
                .collect(Collectors.groupingBy(AttemptRecord::taskId, Collectors.counting()));
        assertThat(successes).as("every task stored exactly once").containsOnlyKeys(TASKS)
                .allSatisfy((task, n) -> assertThat(n).isEqualTo(1L));
        assertThat(detail.attempts()).filteredOn(a -> a.lease() == unstored)
                .extracting(AttemptRecord::state).containsExactly(AttemptState.SUCCEEDED);
    }

    private static Map<String, Object> finished(long lease, String log) {
        return Map.of("type", "finished", "lease", lease, "outcome", "success", "exitCode", 0, "durationMs", 3,
                "log", log);
    }
}
