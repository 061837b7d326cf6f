package io.taskshard.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A peer that stops sending (SIGSTOP, a long GC pause) is cut off after 3 heartbeats but gets
 * the grace period like any peer whose socket closed (docs/protocol.md): back in time, it keeps
 * its lease and its result counts; its task never goes to another peer meanwhile.
 */
class SilentPeerTest extends ServerTestBase {
    static final long HEARTBEAT_MS = 200;
    /** Far longer than the test needs: the silent peer is back well within it. */
    static final long GRACE_MS = 30_000;

    private final ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor();

    @Override
    ServerConfig config(Path dir) {
        return super.config(dir).withHeartbeatMs(HEARTBEAT_MS).withGraceMs(GRACE_MS);
    }

    @AfterEach
    void stopHeartbeats() {
        heartbeats.shutdownNow();
    }

    @Test
    void aPeerSilentForThreeHeartbeatsIsCutOffButKeepsItsWorkWithinTheGracePeriod() {
        List<String> ids = taskIds("s", 2);
        RawPeer paused = peer("paused");
        paused.send(RawPeer.hello("paused", "silence", ids));
        paused.await("welcome");
        JsonNode assign = paused.await("assign");
        long lease = assign.path("lease").asLong();
        String task = assign.path("task").path("id").asText();
        paused.send(Map.of("type", "started", "lease", lease));

        RawPeer busy = peer("busy");
        busy.send(RawPeer.hello("busy", "silence", ids));
        busy.await("welcome");
        heartbeats.scheduleAtFixedRate(() -> busy.send(Map.of("type", "heartbeat")), 0, HEARTBEAT_MS / 2,
                TimeUnit.MILLISECONDS);
        busy.autoRun("success"); // idle once its own task is done: a requeued task would reach it

        paused.awaitClosed(); // the coordinator gave up on the silence (no frame for 3 x 200 ms)

        RawPeer back = peer("paused-again");
        back.send(RawPeer.hello("paused", "silence", ids, Map.of("running", List.of(Map.of("lease", lease, "task", task)))));
        back.await("welcome");
        back.send(Map.of("type", "finished", "lease", lease, "outcome", "success", "exitCode", 0, "durationMs", 3));
        assertThat(back.await("ack").path("lease").asLong()).isEqualTo(lease);
        assertThat(back.await("job-complete").path("outcome").asText()).isEqualTo("success");
        assertThat(back.received("cancel")).as("its lease stayed its own").isEmpty();
        assertThat(busy.received("assign")).extracting(a -> a.path("task").path("id").asText())
                .as("the paused peer's task never went to another peer").doesNotContain(task);
    }
}
