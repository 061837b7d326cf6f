package io.taskshard.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.taskshard.model.AttemptRecord;
import io.taskshard.model.AttemptState;
import io.taskshard.model.TaskRecord;
import org.junit.jupiter.api.Test;

/**
 * Retry and reassign of a running task through a real coordinator: without the operator's
 * confirmation that it is running, the server refuses (it may have started since the dialog);
 * with it, the attempt restarts. Tasks carry their expected duration for the dialog's progress.
 */
class RunningTaskConfirmationTest extends ClientTestBase {

    @Test
    void retryOfARunningTaskNeedsConfirmation() {
        TestPeer a = join("slow-1", "confirm", 1);
        a.awaitWelcome();
        JsonNode assign = a.await("assign");
        long uid = client.task(TaskRef.id("t1")).task().uid();

        assertThatThrownBy(() -> client.retry(uid, false)).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status()).isEqualTo(409);
            assertThat(e.code()).isEqualTo("conflict");
            assertThat(e.serverMessage()).isEqualTo("task 't1' started running on slow-1 meanwhile; confirm to"
                    + " restart it");
        });
        assertThat(client.task(TaskRef.uid(uid)).attempts()).extracting(AttemptRecord::state)
                .as("nothing was cancelled").containsExactly(AttemptState.ASSIGNED);

        client.retry(uid, true);
        await().untilAsserted(() -> assertThat(client.task(TaskRef.uid(uid)).attempts())
                .extracting(AttemptRecord::state).containsExactly(AttemptState.CANCELLED, AttemptState.ASSIGNED));
        assertThat(a.await("cancel").path("lease").asLong()).isEqualTo(assign.path("lease").asLong());
    }

    @Test
    void reassignOfARunningTaskNeedsConfirmation() {
        TestPeer a = join("slow-1", "move", 1);
        a.awaitWelcome();
        a.await("assign");
        join("p2", "move", 1).awaitWelcome();
        long uid = client.task(TaskRef.id("t1")).task().uid();

        assertThatThrownBy(() -> client.reassign(uid, "p2", false)).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.serverMessage()).isEqualTo("task 't1' started running on slow-1 meanwhile;"
                        + " confirm to move it to p2"));

        TaskDetail moved = client.reassign(uid, "p2", true);
        assertThat(moved.task().task().preferredPeer()).isEqualTo("p2");
        assertThat(moved.attempts()).first().extracting(AttemptRecord::state).isEqualTo(AttemptState.CANCELLED);
    }

    @Test
    void aTaskCarriesHowLongItRanLastTime() {
        TestPeer first = join("a", "timed", 1);
        first.awaitWelcome();
        assertThat(client.task(TaskRef.id("t1")).task().task().expectedMs()).as("never ran: unknown").isZero();
        first.finish(first.await("assign")); // reports durationMs 5
        first.await("job-complete");
        first.leave();

        TestPeer second = join("b", "timed", 1);
        long job = second.awaitWelcome();
        second.await("assign");
        await().untilAsserted(() -> {
            TaskRecord t = client.task(TaskRef.id("t1", job)).task().task();
            assertThat(t.expectedMs()).isEqualTo(5);
        });
    }
}
