package io.taskshard.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.taskshard.client.ConnectionState.Closed;
import io.taskshard.client.ConnectionState.Connecting;
import io.taskshard.client.ConnectionState.Live;
import io.taskshard.client.ConnectionState.Reconnecting;
import io.taskshard.model.AttemptState;
import io.taskshard.model.JobState;
import io.taskshard.model.PeerState;
import io.taskshard.model.TaskState;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The event stream into a live model, against a real coordinator that peers work for and that restarts. */
class EventStreamTest extends ClientTestBase {

    /** The model holds exactly what the REST API says: the job, its tasks and attempts, every peer. */
    private void assertMatchesServer(LiveView view, long jobId) {
        JobDetail detail = client.job(jobId);
        assertThat(view.job(jobId)).contains(detail.job());
        assertThat(view.tasks(jobId)).isEqualTo(detail.tasks());
        assertThat(view.attempts(jobId)).isEqualTo(detail.attempts());
        assertThat(view.peers()).isEqualTo(client.peers());
        assertThat(view.jobs()).isEqualTo(client.jobs());
    }

    @Test
    void theModelFoldsTheStreamIntoTheServersExactStateWhileAJobRuns() {
        EventStream early = stream();
        await().until(() -> early.state() instanceof Live);
        TestPeer a = join("a", "fold", 40);
        long jobId = a.awaitWelcome();
        TestPeer b = join("b", "fold", 40);
        b.awaitWelcome();
        var held = b.await("assign"); // the job cannot end before b finishes this one
        a.autoRun();
        EventStream late = stream(); // subscribes while a's tasks are being run and committed
        await().until(() -> late.state() instanceof Live);
        b.finish(held);
        b.autoRun();

        await().until(() -> client.job(jobId).job().state() == JobState.SUCCEEDED);

        for (EventStream s : List.of(early, late)) {
            await().untilAsserted(() -> assertMatchesServer(s.model().view(), jobId));
            LiveView v = s.model().view();
            assertThat(v.tasks(jobId)).hasSize(40).allMatch(t -> t.task().state() == TaskState.SUCCEEDED);
            assertThat(v.jobView(jobId)).get().satisfies(jv -> assertThat(jv.slotsByPeer()).containsKeys("a", "b"));
            assertThat(s.state()).isInstanceOf(Live.class);
        }
    }

    @Test
    void afterTheServerRestartsTheStreamReconnectsAndTheModelIsFreshAndConsistent() {
        LiveModel model = new LiveModel();
        List<ModelChange> changes = new CopyOnWriteArrayList<>();
        model.addListener(changes::add);
        EventStream s = EventStream.open(address, TEST_OPTIONS, model);
        streams.add(s);
        List<ConnectionState> states = new CopyOnWriteArrayList<>();
        s.addStateListener(states::add);
        await().until(() -> s.state() instanceof Live);
        TestPeer a = join("a", "restart", 3);
        long jobId = a.awaitWelcome();
        a.await("assign");
        client.setPriority(TaskRef.id("t3"), 7);
        await().until(() -> s.model().view().attempts(jobId).size() == 1);

        restartServer(); // the peer does not come back: its attempt ends lost after the grace period

        await().untilAsserted(() -> {
            assertThat(s.state()).isInstanceOf(Live.class);
            assertThat(s.model().view().attempts(jobId)).singleElement()
                    .satisfies(at -> assertThat(at.state()).isEqualTo(AttemptState.LOST));
            assertMatchesServer(s.model().view(), jobId);
        });
        LiveView v = s.model().view();
        assertThat(v.peer("a")).get().extracting(p -> p.state()).isEqualTo(PeerState.LOST);
        assertThat(v.tasks(jobId)).allMatch(t -> t.task().state() == TaskState.READY);
        assertThat(changes).filteredOn(c -> c instanceof ModelChange.Resynced).hasSize(2);
        await().untilAsserted(() -> assertThat(s.model().view().audit())
                .as("audit entries read over REST after the new snapshot").isNotEmpty()
                .allMatch(e -> e.action().equals("setpriority")));
        await().untilAsserted(() -> {
            List<ConnectionState> seen = states.stream().dropWhile(st -> !(st instanceof Live)).toList();
            assertThat(seen).first().isEqualTo(new Live());
            assertThat(seen).element(1).isInstanceOfSatisfying(Reconnecting.class, r -> {
                assertThat(r.attempt()).isEqualTo(1);
                assertThat(r.reason()).containsAnyOf("the server closed the stream", "the connection dropped");
            });
            assertThat(seen).last().isEqualTo(new Live());
        });
        assertThat(states).first().as("told the state at once when added").isIn(new Connecting(0), new Live());
    }

    @Test
    void closingStopsTheStreamAndKeepsTheLastModel() {
        EventStream s = stream();
        join("a", "close", 2).awaitWelcome();
        await().until(() -> s.state() instanceof Live && s.model().view().jobs().size() == 1);
        List<ConnectionState> states = new CopyOnWriteArrayList<>();
        s.addStateListener(states::add);

        s.close();

        await().until(() -> states.size() == 2);
        assertThat(states).containsExactly(new Live(), new Closed("closed by the client"));
        assertThat(s.model().view().jobs()).hasSize(1);
        await().until(() -> client.health().eventSubscribers() == 0);
    }

    @Test
    void withNobodyListeningTheStreamKeepsRetryingAndSaysWhy() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort(); // free once closed: nothing listens there
        }
        EventStream s = EventStream.open(ServerAddress.parse("127.0.0.1:" + port), TEST_OPTIONS);
        streams.add(s);

        await().until(() -> s.state() instanceof Reconnecting r && r.attempt() >= 3);

        Reconnecting r = (Reconnecting) s.state();
        assertThat(r.reason()).startsWith("cannot connect to ws://127.0.0.1:" + port + "/api/v1/events");
        assertThat(r.nextDelay()).isLessThanOrEqualTo(TEST_OPTIONS.reconnectMaxDelay());
        assertThat(r.describe()).startsWith("reconnecting in ");
        assertThat(s.model().view().synced()).isFalse();
    }
}
