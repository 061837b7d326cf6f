package io.taskshard.gui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.taskshard.client.ClientOptions;
import io.taskshard.client.OperatorClient;
import io.taskshard.client.ServerAddress;
import io.taskshard.client.TaskRef;
import io.taskshard.gui.gantt.Timeline;
import io.taskshard.model.AttemptState;
import io.taskshard.model.JobRecord;
import io.taskshard.model.JobState;
import io.taskshard.model.Schema;
import io.taskshard.model.TaskState;
import io.taskshard.runners.peer.PeerClient;
import io.taskshard.runners.peer.PeerListener;
import io.taskshard.runners.peer.PeerOptions;
import io.taskshard.runners.peer.PeerResult;
import io.taskshard.runners.spi.RunnerConfig;
import io.taskshard.runners.spi.Runners;
import io.taskshard.schema.SchemaLoader;
import io.taskshard.server.ServerConfig;
import io.taskshard.server.TaskshardServer;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import javafx.animation.AnimationTimer;
import javafx.geometry.Point2D;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The dashboard against a real coordinator (TaskshardServer on port 0, SQLite in a temp dir)
 * and real simulated peers (PeerClient with the "sim" runner over WebSockets), headless on
 * Monocle. Only the operator API is used to check what the GUI did.
 */
class DashboardFxTest {
    private static final Duration WAIT = Duration.ofSeconds(40);

    @TempDir
    Path dir;

    private TaskshardServer server;
    private OperatorClient api;
    private final List<PeerClient> peers = new ArrayList<>();
    private final List<CompletableFuture<PeerResult>> results = new ArrayList<>();
    private Dashboard dashboard;
    private Stage stage;
    private final FxRobot robot = new FxRobot();

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @BeforeEach
    void coordinator() {
        server = new TaskshardServer(ServerConfig.defaults(dir.resolve("coordinator")).withPort(0));
        server.start();
        api = new OperatorClient(address());
    }

    @AfterEach
    void stop() throws Exception {
        if (stage != null) {
            FxToolkit.setupFixture(() -> stage.close());
        }
        peers.parallelStream().forEach(PeerClient::shutdown);
        api.close();
        server.close();
    }

    @Test
    void jobs_list_and_gantt_fill_as_the_job_runs_and_the_comparison_shows_three_strips() throws Exception {
        // Four rounds of 1 s on three peers: the job is part-done for about 3 s, long enough for a
        // lagging UI on a loaded machine to be seen mid-run (300 ms tasks left a window of 0.9 s).
        Schema schema = schema(12, "1s");
        open();
        startPeers(schema, 3, 1.0);

        await().atMost(WAIT).until(() -> fx(() -> dashboard.jobs.getItems().size()) == 1);
        await().atMost(WAIT).until(() -> fx(() -> {
            JobRecord job = dashboard.jobs.getItems().get(0);
            return job.doneCount() > 0 && job.doneCount() < job.taskCount()
                    && dashboard.gantt.timeline().barCount() > 0 && dashboard.gantt.lastDrawn() > 0;
        }));
        int barsWhileRunning = fx(() -> dashboard.gantt.timeline().barCount());

        await().atMost(WAIT).until(() -> fx(() -> dashboard.jobs.getItems().get(0).state()) == JobState.SUCCEEDED);
        await().atMost(WAIT).until(() -> fx(() -> attemptBars(dashboard.gantt.timeline())) == 12);
        assertThat(fx(() -> dashboard.gantt.timeline().lanes().stream().filter(l -> l.kind()
                == Timeline.LaneKind.PEER_SLOT).map(Timeline.Lane::peerId).collect(Collectors.toSet())))
                .isEqualTo(Set.of("sim-1", "sim-2", "sim-3"));
        assertThat(barsWhileRunning).isGreaterThan(0);

        // Ctrl+T, the shortcut, switches to the comparison tab.
        robot.press(javafx.scene.input.KeyCode.CONTROL, javafx.scene.input.KeyCode.T)
                .release(javafx.scene.input.KeyCode.T, javafx.scene.input.KeyCode.CONTROL);
        await().atMost(WAIT).until(() -> fx(() -> dashboard.tabs.getSelectionModel().getSelectedItem()
                == dashboard.comparisonTab));
        await().atMost(WAIT).until(() -> fx(() -> dashboard.comparison.comparison() != null));
        List<String> strips = fx(() -> dashboard.comparison.timeline().lanes().stream()
                .filter(l -> l.kind() == Timeline.LaneKind.RUN).map(Timeline.Lane::group).distinct().toList());
        assertThat(strips).containsExactly("linear", "parallel", "sharded");
        assertThat(fx(() -> dashboard.comparison.timeline().markerAt())).isPositive();
        // The engine's words (Comparison.summary()), the same the TUI and the API show.
        String words = fx(() -> dashboard.comparison.comparison().summary());
        assertThat(words).contains("vs linear");
        assertThat(fx(dashboard.comparison::summaryText)).endsWith(words);
    }

    @Test
    void dragging_a_waiting_task_onto_another_peers_lane_asks_then_reassigns_it_and_the_chart_shows_the_pin()
            throws Exception {
        // Tasks far longer than the test: once both peers run their first task the job stands
        // still, so the lanes located below are where the robot presses and drops (with 3 s tasks
        // a task starting between the locating and the press moved the lanes under the pointer).
        Schema schema = schema(10, "10m");
        open();
        startPeers(schema, 2, 1.0);
        String last = schema.tasks().get(schema.tasks().size() - 1).id();

        await().atMost(WAIT).until(() -> fx(() -> dashboard.gantt.locate(last).isPresent()
                && runs(dashboard.gantt.timeline(), "sim-1") && runs(dashboard.gantt.timeline(), "sim-2")));
        Point2D from = fx(() -> dashboard.gantt.localToScreen(dashboard.gantt.locate(last).orElseThrow()));
        Point2D to = fx(() -> dashboard.gantt.localToScreen(dashboard.gantt.locatePeerLane("sim-2").orElseThrow()));

        robot.drag(from).moveBy(0, 6).moveTo(to).release(javafx.scene.input.MouseButton.PRIMARY);

        // It asks first, saying what it will do, for the task picked up.
        await().atMost(WAIT).until(() -> fx(() -> confirmation() != null));
        assertThat(fx(() -> confirmation().getHeaderText())).isEqualTo("Move " + last + " (waiting) to peer sim-2?");
        assertThat(fx(() -> confirmation().getContentText())).contains("only sim-2 may take it from now on");
        FxToolkit.setupFixture(() -> ((javafx.scene.control.Button) confirmation().lookupButton(
                javafx.scene.control.ButtonType.OK)).fire());

        long jobId = fx(() -> dashboard.jobs.selectedJobId());
        await().atMost(WAIT).untilAsserted(() -> {
            var task = api.task(TaskRef.id(last, jobId)).task().task();
            assertThat(task.preferredPeer()).isEqualTo("sim-2");
            assertThat(task.state()).isIn(TaskState.READY, TaskState.RUNNING, TaskState.SUCCEEDED);
        });
        await().atMost(WAIT).until(() -> fx(dashboard.status::messageText).contains("only sim-2 may take it"));
        assertThat(api.audit(5)).anyMatch(a -> a.action().contains("reassign") && a.accepted());
        // The chart shows where the task is pinned (the coordinator's preferredPeer): a mark on its
        // bar and its wait on sim-2's lane.
        await().atMost(WAIT).until(() -> fx(() -> "sim-2".equals(dashboard.gantt.timeline().pinnedTo(last))
                && dashboard.gantt.lastPinMarks() > 0));
    }

    /** The open reassign confirmation's pane, or null. */
    private static javafx.scene.control.DialogPane confirmation() {
        return javafx.stage.Window.getWindows().stream().map(w -> w.getScene() == null ? null
                : w.getScene().lookup("#confirm-reassign")).filter(n -> n != null).findFirst()
                .map(n -> (javafx.scene.control.DialogPane) n).orElse(null);
    }

    @Test
    void a_chart_that_cannot_be_built_shows_what_failed_and_the_log_file_not_the_previous_chart() throws Exception {
        open();
        startPeers(schema(2, "10m"), 1, 1.0);
        await().atMost(WAIT).until(() -> fx(() -> dashboard.gantt.timeline().barCount()) > 0);
        FxToolkit.setupFixture(() -> {
            dashboard.timelines = (job, grouping, now) -> {
                throw new IllegalStateException("rows of job " + job.job().id() + " are inconsistent");
            };
            dashboard.setGrouping(io.taskshard.gui.gantt.Timelines.Grouping.BY_TASK); // a rebuild
        });
        await().atMost(WAIT).until(() -> fx(dashboard.gantt::errorText) != null);
        assertThat(fx(dashboard.gantt::errorText)).contains("could not build the Gantt chart of job 1")
                .contains("rows of job 1 are inconsistent").contains(GuiLog.describe());
        assertThat(fx(() -> dashboard.gantt.timeline().barCount())).isZero();
        assertThat(fx(dashboard.status::messageText)).contains("could not build the Gantt chart of job 1");
    }

    @Test
    void a_closed_dashboard_stops_ticking_so_a_pending_rebuild_reaches_no_stopped_builder() throws Throwable {
        open();
        startPeers(schema(2, "10m"), 1, 1.0);
        await().atMost(WAIT).until(() -> fx(() -> dashboard.jobs.selectedJobId()) != 0); // its chart is built
        Stage closing = stage;
        stage = null;
        FxToolkit.setupFixture(() -> {
            closing.close(); // the window's close shuts the chart builder down
            dashboard.setGrouping(io.taskshard.gui.gantt.Timelines.Grouping.BY_TASK); // a rebuild is pending
        });
        // Pulses run every animation timer in turn: after a few, a dashboard still ticking would have
        // handed the stopped builder its rebuild, and the FX thread would have thrown.
        AtomicInteger pulses = new AtomicInteger();
        AnimationTimer counter = new AnimationTimer() {
            @Override
            public void handle(long now) {
                pulses.incrementAndGet();
            }
        };
        FxToolkit.setupFixture(counter::start);
        await().atMost(WAIT).until(() -> pulses.get() >= 5);
        FxToolkit.setupFixture(counter::stop);
        WaitForAsyncUtils.checkException();
    }

    private void open() throws Exception {
        DashboardOptions options = new DashboardOptions(address(), ClientOptions.defaults(), "test",
                GuiSettings.load(dir.resolve("config")), Clock.systemUTC(), new CompletableFuture<>());
        FxToolkit.setupFixture(() -> {
            stage = new Stage();
            dashboard = new Dashboard(options);
            dashboard.show(stage);
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(fx(stage::getTitle)).startsWith("taskshard");
        await().atMost(WAIT).until(() -> fx(dashboard.status::connectionText).endsWith("live"));
    }

    private void startPeers(Schema schema, int count, double scale) {
        for (int i = 1; i <= count; i++) {
            PeerOptions options = PeerOptions.builder(URI.create("ws://127.0.0.1:" + server.port() + "/v1/peer"),
                    "sim-" + i, schema).slots(1).stateDir(dir.resolve("peers")).build();
            PeerClient client = new PeerClient(options, Runners.byName("sim", RunnerConfig.of(Map.of("seed", "1",
                    "scale", Double.toString(scale)))), new PeerListener() { }, Clock.systemUTC());
            peers.add(client);
            results.add(client.start());
        }
    }

    /** {@code n} independent tasks t01..tNN of {@code each} simulated time. */
    private static Schema schema(int n, String each) {
        StringBuilder yaml = new StringBuilder("name: gui-test\ntasks:\n");
        for (int i = 1; i <= n; i++) {
            yaml.append(String.format("  - {id: t%02d, simulate: %s}%n", i, each));
        }
        return SchemaLoader.parse(yaml.toString(), "gui-test.yaml");
    }

    private ServerAddress address() {
        return ServerAddress.parse("http://127.0.0.1:" + server.port());
    }

    /** Whether a lane of {@code peer} shows a running attempt (a started task, not just an assigned one). */
    private static boolean runs(Timeline t, String peer) {
        return t.lanes().stream().filter(l -> l.kind() == Timeline.LaneKind.PEER_SLOT && peer.equals(l.peerId()))
                .flatMap(l -> l.bars().stream()).anyMatch(b -> b.state() == AttemptState.RUNNING);
    }

    private static long attemptBars(Timeline t) {
        return t.lanes().stream().filter(l -> l.kind() == Timeline.LaneKind.PEER_SLOT)
                .mapToLong(l -> l.bars().size()).sum();
    }

    private static <T> T fx(Callable<T> call) throws Exception {
        return io.taskshard.gui.FxThread.call(call);
    }
}
