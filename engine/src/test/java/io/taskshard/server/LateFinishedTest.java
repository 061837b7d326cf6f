package io.taskshard.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.taskshard.model.AttemptRecord;
import io.taskshard.model.AttemptState;
import io.taskshard.store.Store;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A peer that lost its lease (gone longer than the grace period, the task reassigned) comes
 * back and reports the old lease finished. PROTOCOL.md: only the current lease counts; the late
 * {@code finished} gets {@code error{code: stale-lease, fatal: false}} and changes nothing. The
 * store keeps the old attempt as lost and the new holder's result as the only success.
 */
class LateFinishedTest extends ServerTestBase {

    @Test
    void aLateFinishedFromTheOldHolderAfterReassignmentIsRejectedAndNotRecorded() {
        List<String> tasks = List.of("only");
        RawPeer old = peer("old");
        old.send(RawPeer.hello("old", "late", tasks));
        long jobId = old.await("welcome").path("job").path("id").asLong();
        long oldLease = old.await("assign").path("lease").asLong();
        old.send(Map.of("type", "started", "lease", oldLease));
        old.abort(); // crashes without goodbye: its lease is held for the grace period, then lost

        RawPeer next = peer("next");
        next.send(RawPeer.hello("next", "late", tasks));
        next.await("welcome");
        JsonNode reassigned = next.await("assign"); // only after the grace period ran out
        long newLease = reassigned.path("lease").asLong();
        assertThat(reassigned.path("task").path("id").asText()).isEqualTo("only");
        assertThat(newLease).as("leases are fencing tokens: the new one is higher").isGreaterThan(oldLease);
        next.send(Map.of("type", "started", "lease", newLease));

        // The old holder comes back, still believing it runs its lease, and reports it finished.
        RawPeer back = peer("old-again");
        back.send(RawPeer.hello("old", "late", tasks,
                Map.of("running", List.of(Map.of("lease", oldLease, "task", "only")))));
        back.await("welcome");
        back.send(Map.of("type", "finished", "lease", oldLease, "outcome", "success", "exitCode", 0, "durationMs", 9));
        JsonNode stale = back.awaitError("stale-lease");
        assertThat(stale.path("fatal").asBoolean()).as("stale-lease is not fatal").isFalse();
        assertThat(stale.path("message").asText()).contains(Long.toString(oldLease));
        assertThat(back.received("ack")).as("a stale result is never acked").isEmpty();
        assertThat(back.isClosed()).as("the peer stays connected").isFalse();

        Store.JobDetail midway = server.store().job(jobId).orElseThrow();
        assertThat(attempt(midway, oldLease).state()).as("the old attempt stays lost").isEqualTo(AttemptState.LOST);
        assertThat(midway.job().doneCount()).as("the stale result did not complete the task").isZero();

        next.send(Map.of("type", "finished", "lease", newLease, "outcome", "success", "exitCode", 0, "durationMs", 5));
        assertThat(next.await("ack").path("lease").asLong()).isEqualTo(newLease);
        next.await("job-complete");

        // Even once the task is done, the old lease's result is still refused and never stored.
        back.send(Map.of("type", "finished", "lease", oldLease, "outcome", "failure", "exitCode", 1, "durationMs", 9));
        assertThat(back.awaitError("stale-lease").path("fatal").asBoolean()).isFalse();
        await().atMost(Duration.ofSeconds(10)).until(() -> server.store().job(jobId).orElseThrow().job().doneCount() == 1);
        Store.JobDetail after = server.store().job(jobId).orElseThrow();
        assertThat(attempt(after, oldLease).state()).isEqualTo(AttemptState.LOST);
        assertThat(attempt(after, newLease).state()).isEqualTo(AttemptState.SUCCEEDED);
        assertThat(after.attempts()).filteredOn(a -> a.state() == AttemptState.SUCCEEDED).hasSize(1);
        assertThat(back.received("ack")).isEmpty();
    }

    private static AttemptRecord attempt(Store.JobDetail detail, long lease) {
        return detail.attempts().stream().filter(a -> a.lease() == lease).findFirst()
                .orElseThrow(() -> new AssertionError("no attempt with lease " + lease + " in " + detail.attempts()));
    }
}
