package io.taskshard.server.api;

import static io.taskshard.coordinator.Fixtures.attempt;
import static io.taskshard.coordinator.Fixtures.created;
import static io.taskshard.coordinator.Fixtures.peer;
import static io.taskshard.coordinator.Fixtures.task;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.taskshard.coordinator.ReadModel;
import io.taskshard.model.AttemptState;
import io.taskshard.model.Change;
import io.taskshard.model.PeerState;
import io.taskshard.model.TaskState;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EventHubTest {
    private final ReadModel model = new ReadModel();
    private final ExecutorService completer = Executors.newSingleThreadExecutor();

    @AfterEach
    void stop() {
        completer.shutdownNow();
    }

    /** Both listeners, in the order the operator API runs them. */
    private void commit(EventHub hub, Change... changes) {
        model.onCommitted(List.of(changes), 0);
        hub.onCommitted(List.of(changes), 0);
    }

    @Test
    void aClientGetsTheSnapshotThenEveryDeltaInOrder() throws Exception {
        EventHub hub = new EventHub(model);
        commit(hub, created(1, "a", "b"), new Change.PeerChanged(peer("p1", 1, PeerState.CONNECTED, 5)));
        RecordingSink sink = new RecordingSink(false);
        hub.subscribe(sink);
        commit(hub, new Change.TaskChanged(task(100, 1, "a", TaskState.RUNNING, 3)),
                new Change.AttemptChanged(attempt(3, 1, "a", 1, "p1", AttemptState.ASSIGNED, 10, 0)));
        commit(hub, new Change.DurationObserved("k", 5)); // nothing to show: no frame
        commit(hub, new Change.Audited(io.taskshard.coordinator.Fixtures.audit(9, "drain")));

        List<JsonNode> frames = sink.frames();
        assertThat(frames).hasSize(3);
        JsonNode snap = frames.get(0);
        assertThat(snap.get("type").asText()).isEqualTo("snapshot");
        assertThat(snap.get("version").asLong()).isEqualTo(1);
        assertThat(snap.get("jobs").get(0).get("state").asText()).isEqualTo("running");
        assertThat(snap.get("tasks")).hasSize(2);
        assertThat(snap.get("tasks").get(0).get("target").asText()).isEqualTo("//pkg:a");
        assertThat(snap.get("peers").get(0).get("id").asText()).isEqualTo("p1");
        assertThat(snap.get("attempts")).isEmpty();

        JsonNode delta = frames.get(1);
        assertThat(delta.get("type").asText()).isEqualTo("delta");
        assertThat(delta.get("version").asLong()).isEqualTo(2);
        assertThat(delta.get("changes").get(0).get("kind").asText()).isEqualTo("task");
        assertThat(delta.get("changes").get(0).get("state").asText()).isEqualTo("running");
        assertThat(delta.get("changes").get(0).get("id").asText()).isEqualTo("a");
        assertThat(delta.get("changes").get(1).get("kind").asText()).isEqualTo("attempt");
        assertThat(delta.get("changes").get(1).get("peer").asText()).isEqualTo("p1");
        assertThat(delta.get("changes").get(2).get("kind").asText()).as("the peer now runs lease 3").isEqualTo("peer");
        assertThat(delta.get("changes").get(2).get("running").get(0).asLong()).isEqualTo(3);
        assertThat(frames.get(2).get("version").asLong()).isEqualTo(4);
        assertThat(frames.get(2).get("changes").get(0).get("kind").asText()).isEqualTo("audit");
    }

    @Test
    void aJobCreatedDeltaCarriesTheJobAndEachTask() throws Exception {
        EventHub hub = new EventHub(model);
        RecordingSink sink = new RecordingSink(false);
        hub.subscribe(sink);
        commit(hub, created(1, "a", "b"));

        JsonNode changes = sink.frames().get(1).get("changes");
        assertThat(changes).extracting(c -> c.get("kind").asText()).containsExactly("job", "task", "task");
        assertThat(changes.get(2).get("uid").asLong()).isEqualTo(101);
    }

    @Test
    void deltasHeldBeforeTheSnapshotAreSentAfterItAndOnlyIfNewer() throws Exception {
        RecordingSink sink = new RecordingSink(false);
        Subscriber s = new Subscriber(sink, 100, () -> { });
        s.offer(4, "{\"v\":4}");
        s.offer(5, "{\"v\":5}");
        s.offer(6, "{\"v\":6}");
        s.start(5, "{\"v\":\"snap\"}");

        assertThat(sink.texts()).containsExactly("{\"v\":\"snap\"}", "{\"v\":6}");
    }

    @Test
    void neverTwoSendsAtOnceAndNothingLostWhenSendsCompleteOnAnotherThread() {
        RecordingSink sink = new RecordingSink(true);
        Subscriber s = new Subscriber(sink, 100_000, () -> { });
        s.start(0, "snap");
        for (int v = 1; v <= 5_000; v++) {
            s.offer(v, Integer.toString(v));
        }

        await().until(() -> sink.texts().size() == 5_001);
        List<String> expected = new ArrayList<>(List.of("snap"));
        for (int v = 1; v <= 5_000; v++) {
            expected.add(Integer.toString(v));
        }
        assertThat(sink.texts()).isEqualTo(expected);
        assertThat(sink.maxInFlight.get()).isEqualTo(1);
    }

    @Test
    void aClientTooFarBehindIsClosedWithAReasonAndForgotten() {
        EventHub hub = new EventHub(model, 3);
        commit(hub, created(1, "a"));
        StuckSink sink = new StuckSink();
        hub.subscribe(sink); // the snapshot send never completes
        for (int i = 0; i < 4; i++) {
            commit(hub, new Change.TaskChanged(task(100, 1, "a", TaskState.RUNNING, i)));
        }

        assertThat(sink.closeCode).isEqualTo(Subscriber.CLOSE_TOO_SLOW);
        assertThat(sink.closeReason).startsWith("too slow");
        assertThat(hub.subscriberCount()).isZero();
        assertThat(sink.sends.get()).isEqualTo(1);
    }

    @Test
    void aFailedSendDropsTheClient() {
        EventHub hub = new EventHub(model);
        hub.subscribe(new EventSink() {
            @Override
            public void send(String text, Runnable onSent, Consumer<Throwable> onFailed) {
                onFailed.accept(new java.io.IOException("broken pipe"));
            }

            @Override
            public void close(int code, String reason) {
            }

            @Override
            public String describe() {
                return "broken";
            }
        });
        assertThat(hub.subscriberCount()).isZero();
    }

    /** Records frames; completes each send inline, or later on another thread. */
    private final class RecordingSink implements EventSink {
        private final boolean async;
        private final List<String> texts = new java.util.concurrent.CopyOnWriteArrayList<>();
        private final AtomicInteger inFlight = new AtomicInteger();
        final AtomicInteger maxInFlight = new AtomicInteger();

        RecordingSink(boolean async) {
            this.async = async;
        }

        @Override
        public void send(String text, Runnable onSent, Consumer<Throwable> onFailed) {
            maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            texts.add(text);
            Runnable done = () -> {
                inFlight.decrementAndGet();
                onSent.run();
            };
            if (async) {
                completer.execute(done);
            } else {
                done.run();
            }
        }

        @Override
        public void close(int code, String reason) {
        }

        @Override
        public String describe() {
            return "recording";
        }

        List<String> texts() {
            return List.copyOf(texts);
        }

        List<JsonNode> frames() throws Exception {
            List<JsonNode> out = new ArrayList<>();
            for (String t : texts) {
                out.add(Json.MAPPER.readTree(t));
            }
            return out;
        }
    }

    private static final class StuckSink implements EventSink {
        final AtomicInteger sends = new AtomicInteger();
        volatile int closeCode;
        volatile String closeReason;

        @Override
        public void send(String text, Runnable onSent, Consumer<Throwable> onFailed) {
            sends.incrementAndGet();
        }

        @Override
        public void close(int code, String reason) {
            closeCode = code;
            closeReason = reason;
        }

        @Override
        public String describe() {
            return "stuck";
        }
    }
}
