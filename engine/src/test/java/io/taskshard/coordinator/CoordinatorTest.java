package io.taskshard.coordinator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.taskshard.model.Change;
import io.taskshard.model.PeerState;
import io.taskshard.model.Schema;
import io.taskshard.model.TaskSpec;
import io.taskshard.protocol.CoordinatorMessage;
import io.taskshard.protocol.ErrorCode;
import io.taskshard.protocol.PeerMessage;
import io.taskshard.scheduler.Decision;
import io.taskshard.scheduler.Event;
import io.taskshard.scheduler.OperatorCommand;
import io.taskshard.scheduler.Scheduler;
import io.taskshard.scheduler.SchedulerConfig;
import io.taskshard.store.SqliteStore;
import io.taskshard.store.StoreOptions;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The coordinator loop with the real scheduler and a real SQLite store. The outbound side is
 * a plain recorder: it stands for the network, which the server integration tests cover.
 */
class CoordinatorTest {
    static final long GRACE_MS = 100;

    /** What the coordinator asked the network to do, in order. */
    static final class RecordingOutbound implements Outbound {
        final List<Object> calls = new CopyOnWriteArrayList<>();

        @Override
        public void send(String peerId, CoordinatorMessage message) {
            calls.add(new Decision.Send(peerId, message));
        }

        @Override
        public void disconnect(String peerId, String reason) {
            calls.add(new Decision.Disconnect(peerId, reason));
        }

        @Override
        public void closeAll(String code, String reason) {
            calls.add(List.of(code, reason));
        }

        @Override
        public void tellAll(String code, String message) {
            calls.add(List.of("tell", code, message));
        }

        List<String> welcomed() {
            return calls.stream().filter(c -> c instanceof Decision.Send s && s.message() instanceof CoordinatorMessage.Welcome)
                    .map(c -> ((Decision.Send) c).peerId()).toList();
        }
    }

    @TempDir
    Path dir;
    SqliteStore store;
    RecordingOutbound out;
    Coordinator coordinator;

    @BeforeEach
    void setUp() {
        store = SqliteStore.open(dir, StoreOptions.DEFAULTS);
        out = new RecordingOutbound();
        Scheduler scheduler = new Scheduler(SchedulerConfig.defaults().withGraceMs(GRACE_MS), store.recover(),
                Clock.systemUTC().millis());
        coordinator = new Coordinator(scheduler, store, Clock.systemUTC(), out, CoordinatorConfig.defaults());
    }

    @AfterEach
    void tearDown() {
        coordinator.close();
        store.close();
    }

    static Event.PeerJoined joined(String peer) {
        return new Event.PeerJoined(new PeerMessage.Hello(1, peer,
                new PeerMessage.SchemaMsg("unit", List.of(TaskSpec.ofTarget("a", "//a"), TaskSpec.ofTarget("b", "//b"))),
                "cache", Map.of(), false, 1, List.of(), null, null, List.of(), false));
    }

    @Test
    void eventsQueuedTogetherAreCommittedAsOneBatchBeforeAnythingIsSent() {
        List<Integer> batchSizes = new CopyOnWriteArrayList<>();
        List<Integer> sentBeforeBatch = new CopyOnWriteArrayList<>();
        coordinator.addListener((changes, now) -> {
            batchSizes.add((int) changes.stream().filter(c -> c instanceof Change.PeerChanged).count());
            sentBeforeBatch.add(out.welcomed().size());
        });
        for (int i = 0; i < 100; i++) {
            coordinator.enqueue(joined("p" + i)); // queued before start: handled in one loop turn
        }
        coordinator.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> out.welcomed().size() == 100);
        assertThat(batchSizes.get(0)).as("all 100 joins in the first committed batch").isGreaterThanOrEqualTo(100);
        assertThat(sentBeforeBatch.get(0)).as("listeners run before the batch's messages go out").isZero();
    }

    @Test
    void aCommandIsAnsweredOnlyAfterItsChangesAreStored() throws Exception {
        coordinator.start();
        Schema schema = new Schema("submitted", List.of(TaskSpec.ofTarget("x", "//x")));
        Decision.Reply reply = coordinator.command("alice",
                new OperatorCommand.Submit(schema, null, null, null, null, null)).get(10, TimeUnit.SECONDS);
        assertThat(reply.status()).as("created").isEqualTo(201);
        assertThat(store.recentJobs(10)).extracting(j -> j.name()).contains("submitted");
        assertThat(store.recentAudit(10)).extracting(a -> a.actor()).contains("alice");

        Decision.Reply refused = coordinator.command("bob", new OperatorCommand.Drain("nobody", true))
                .get(10, TimeUnit.SECONDS);
        assertThat(refused.status()).isGreaterThanOrEqualTo(400);
        assertThat(refused.message()).isNotBlank();
    }

    @Test
    void ticksComeWithoutEventsSoGracePeriodsExpire() {
        List<PeerState> peerStates = Collections.synchronizedList(new ArrayList<>());
        coordinator.addListener((changes, now) -> changes.forEach(c -> {
            if (c instanceof Change.PeerChanged p && p.peer().id().equals("gone")) {
                peerStates.add(p.peer().state());
            }
        }));
        coordinator.start();
        coordinator.enqueue(joined("gone"));
        await().atMost(Duration.ofSeconds(10)).until(() -> out.welcomed().contains("gone"));
        coordinator.enqueue(new Event.PeerDisconnected("gone"));
        // No further event is sent: only ticks can end the grace period.
        await().atMost(Duration.ofSeconds(10)).until(() -> peerStates.contains(PeerState.LOST));
        assertThat(peerStates).containsSubsequence(PeerState.CONNECTED, PeerState.DISCONNECTED, PeerState.LOST);
    }

    @Test
    void closeHandlesAndStoresEverythingAlreadyQueued() {
        coordinator.start();
        for (int i = 0; i < 50; i++) {
            coordinator.enqueue(joined("q" + i));
        }
        coordinator.close();
        assertThat(out.welcomed()).hasSize(50);
        assertThat(coordinator.isRunning()).isFalse();
        coordinator.close(); // idempotent
        coordinator.enqueue(joined("late")); // dropped, not an error
        assertThat(out.welcomed()).doesNotContain("late");
        assertThat(coordinator.command("x", new OperatorCommand.Drain("q1", true))).isCompletedExceptionally();
    }

    @Test
    void aFailedCommitSendsNothingOfItsBatchAndStopsForGood() {
        coordinator.start();
        coordinator.enqueue(joined("before"));
        await().atMost(Duration.ofSeconds(10)).until(() -> out.welcomed().contains("before"));

        store.close(); // every later commit fails
        CompletableFuture<Decision.Reply> pending = coordinator.command("ops",
                new OperatorCommand.Submit(new Schema("s", List.of(TaskSpec.ofTarget("y", "//y"))),
                        null, null, null, null, null));
        coordinator.enqueue(joined("after"));

        await().atMost(Duration.ofSeconds(10)).until(coordinator::isFailed);
        assertThat(coordinator.failure()).get().extracting(Throwable::getMessage).asString().contains("closed");
        assertThat(out.welcomed()).as("nothing of the failed batch was sent").doesNotContain("after");
        assertThat(out.calls).as("every peer told 'unavailable' and cut off")
                .anyMatch(c -> c instanceof List<?> l && l.get(0).equals(ErrorCode.UNAVAILABLE));
        assertThatThrownBy(() -> pending.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasMessageContaining("coordinator failed");
        assertThat(coordinator.command("ops", new OperatorCommand.Drain("before", true))).isCompletedExceptionally();
    }

    @Test
    void aSchedulerExceptionFailsTheCoordinatorFastAndNothingOfItsBatchIsStoredOrSent() {
        // queued before start: one loop turn handles both. A command the scheduler cannot handle
        // (no command at all) stands in for a scheduler bug.
        coordinator.enqueue(joined("same-batch"));
        CompletableFuture<Decision.Reply> broken = coordinator.command("ops", null);
        coordinator.start();

        await().atMost(Duration.ofSeconds(10)).until(coordinator::isFailed);
        assertThat(coordinator.failure()).get().isInstanceOf(NullPointerException.class);
        assertThat(out.welcomed()).as("nothing of the batch was sent").doesNotContain("same-batch");
        assertThat(store.recentJobs(10)).as("nor stored (its job)").isEmpty();
        assertThatThrownBy(() -> broken.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class);
        assertThat(coordinator.command("ops", new OperatorCommand.Drain("same-batch", true)))
                .isCompletedExceptionally();
    }

    @Test
    void listenersMustBeAddedBeforeStart() {
        coordinator.start();
        assertThatThrownBy(() -> coordinator.addListener((c, n) -> { })).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(coordinator::start).isInstanceOf(IllegalStateException.class);
    }
}
