package io.taskshard.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.taskshard.model.AttemptRecord;
import io.taskshard.model.AttemptState;
import io.taskshard.store.Store;
import io.taskshard.store.StoreTestHooks;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The disk fills up under a running coordinator (simulated with SQLite's {@code max_page_count}
 * on the writer connection). The result that could not be stored is never acked; peers are told
 * {@code unavailable} (not fatal) with the reason, {@code /healthz} says 503 and why. When space
 * returns the coordinator stores the held batch by itself, without a restart: the ack goes out
 * on the same connection and the job completes with every task stored exactly once.
 */
class DiskFullTest extends ServerTestBase {
    static final List<String> TASKS = List.of("d1", "d2", "d3", "d4");
    /** A log tail this big needs new database pages, so the capped database cannot take it. */
    static final String BIG_LOG = "x".repeat(200_000);

    @Test
    void aFullDiskAcksNothingSaysWhyAndResumesByItselfWhenSpaceReturns() {
        long started = System.nanoTime();
        RawPeer p = peer("filler");
        p.send(RawPeer.hello("filler", "diskfull", TASKS));
        long jobId = p.await("welcome").path("job").path("id").asLong();
        long first = p.await("assign").path("lease").asLong();
        p.send(finished(first));
        assertThat(p.await("ack").path("lease").asLong()).isEqualTo(first);
        long unstored = p.await("assign").path("lease").asLong();

        long cap = StoreTestHooks.limitPages(server.store(), 1); // SQLite keeps it at the current size
        p.send(finished(unstored));
        JsonNode error = p.awaitError("unavailable");
        assertThat(error.path("fatal").asBoolean()).as("the peer stays connected").isFalse();
        assertThat(error.path("message").asText()).contains("cannot store").contains("database or disk is full")
                .contains("retries");
        ApiClient api = new ApiClient(port);
        ApiClient.Response health = api.get("/healthz");
        assertThat(health.status()).isEqualTo(503);
        assertThat(health.json().path("status").asText()).isEqualTo("stalled");
        assertThat(health.json().path("message").asText()).contains("database or disk is full");
        p.send(Map.of("type", "heartbeat")); // frames keep arriving; they wait for the database
        assertThat(p.received("ack")).extracting(a -> a.path("lease").asLong())
                .as("only the result stored before the disk filled is acked").containsExactly(first);
        assertThat(server.store().job(jobId).orElseThrow().job().doneCount()).as("nothing more stored").isEqualTo(1);
        assertThat(p.isClosed()).isFalse();

        StoreTestHooks.limitPages(server.store(), Integer.MAX_VALUE); // space returns
        assertThat(p.await("ack", a -> a.path("lease").asLong() == unstored)).as("acked once stored").isNotNull();
        await().atMost(Duration.ofSeconds(10)).until(() -> api.get("/healthz").status() == 200);
        p.autoRun("success");
        assertThat(p.await("job-complete").path("outcome").asText()).isEqualTo("success");
        assertThat(server.coordinator().isFailed()).isFalse();

        Store.JobDetail detail = server.store().job(jobId).orElseThrow();
        Map<String, Long> successes = detail.attempts().stream().filter(a -> a.state() == AttemptState.SUCCEEDED)
                .collect(Collectors.groupingBy(AttemptRecord::taskId, Collectors.counting()));
        assertThat(successes).as("every task stored exactly once").containsOnlyKeys(TASKS)
                .allSatisfy((task, n) -> assertThat(n).isEqualTo(1L));
        assertThat(detail.attempts()).filteredOn(a -> a.lease() == unstored).extracting(AttemptRecord::state)
                .containsExactly(AttemptState.SUCCEEDED);
        System.out.printf("DiskFullTest: database capped at %d pages; lease %d held unacked (peer told: %s;"
                        + " /healthz %d %s); acked after space returned, no restart; job of %d tasks completed,"
                        + " each stored once; %d ms%n", cap, unstored, error.path("message").asText(), health.status(),
                health.json().path("status").asText(), TASKS.size(),
                Duration.ofNanos(System.nanoTime() - started).toMillis());
    }

    private static Map<String, Object> finished(long lease) {
        return Map.of("type", "finished", "lease", lease, "outcome", "success", "exitCode", 0, "durationMs", 3,
                "log", BIG_LOG);
    }
}
