package io.taskshard.tui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import com.googlecode.lanterna.screen.TerminalScreen;
import com.googlecode.lanterna.terminal.virtual.DefaultVirtualTerminal;
import io.taskshard.client.ClientOptions;
import io.taskshard.client.EventStream;
import io.taskshard.client.OperatorClient;
import io.taskshard.client.ServerAddress;
import io.taskshard.client.TaskDetail;
import io.taskshard.client.TaskRef;
import io.taskshard.model.AttemptRecord;
import io.taskshard.model.AttemptState;
import io.taskshard.model.PeerRecord;
import io.taskshard.model.PeerState;
import io.taskshard.model.Schema;
import io.taskshard.runners.peer.PeerClient;
import io.taskshard.runners.peer.PeerListener;
import io.taskshard.runners.peer.PeerOptions;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard on Lanterna's virtual terminal against a real coordinator with four simulated
 * peers (one slot each) sharing three long tasks: three peers run one each, one is idle.
 */
class TuiAppTest {
    static final Duration PATIENCE = Duration.ofSeconds(30);
    static final int WIDTH = 100;
    static final int HEIGHT = 30;
    static final String SCHEMA = """
            name: tui-test
            tasks:
              - {id: t1, simulate: 120s}
              - {id: t2, simulate: 120s}
              - {id: t3, simulate: 120s}
            """;

    @TempDir
    Path dir;
    TaskshardServer server;
    final List<PeerClient> peers = new ArrayList<>();
    OperatorClient api;
    EventStream stream;
    DefaultVirtualTerminal terminal;
    TuiApp app;
    Thread ui;
    final AtomicReference<Throwable> uiFailure = new AtomicReference<>();

    @BeforeEach
    void start() {
        server = new TaskshardServer(ServerConfig.defaults(dir.resolve("data")).withPort(0));
        int port = server.start();
        Schema schema = SchemaLoader.parse(SCHEMA, "tui-test.yaml");
        for (int i = 1; i <= 4; i++) {
            PeerOptions options = PeerOptions.builder(URI.create("ws://127.0.0.1:" + port + "/v1/peer"), "sim-" + i,
                    schema).stateDir(dir.resolve("peers")).build();
            PeerClient peer = new PeerClient(options, Runners.byName("sim", RunnerConfig.of(Map.of("seed", "1"))),
                    new PeerListener() { }, Clock.systemUTC());
            peers.add(peer);
            peer.start();
        }
        ServerAddress address = ServerAddress.parse("http://127.0.0.1:" + port);
        api = new OperatorClient(address);
        stream = EventStream.open(address, ClientOptions.defaults());
        terminal = new DefaultVirtualTerminal(new TerminalSize(WIDTH, HEIGHT));
        await().atMost(PATIENCE).until(() -> api.peers().stream().filter(p -> !p.running().isEmpty()).count() == 3);
    }

    private void open() throws Exception {
        app = new TuiApp(new TerminalScreen(terminal), api, stream, Clock.systemUTC(), "tui test",
                new CompletableFuture<>());
        ui = new Thread(() -> {
            try {
                app.run();
            } catch (Throwable e) {
                uiFailure.set(e);
            }
        }, "tui-test-ui");
        ui.start();
        awaitScreen("* live");
    }

    @AfterEach
    void stop() throws Exception {
        if (app != null) {
            app.requestQuit();
            ui.join(PATIENCE.toMillis());
            assertThat(ui.isAlive()).as("the dashboard quit").isFalse();
            assertThat(uiFailure.get()).isNull();
        }
        peers.parallelStream().forEach(PeerClient::shutdown);
        stream.close();
        api.close();
        server.close();
    }

    private List<String> screen() {
        List<String> lines = new ArrayList<>();
        for (int y = 0; y < HEIGHT; y++) {
            StringBuilder b = new StringBuilder();
            for (int x = 0; x < WIDTH; x++) {
                b.append(terminal.getCharacter(x, y).getCharacterString());
            }
            lines.add(b.toString());
        }
        return lines;
    }

    private String line(String start) {
        return screen().stream().filter(l -> l.startsWith(start)).findFirst().orElse("");
    }

    private void awaitScreen(String text) {
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(String.join("\n", screen())).contains(text));
    }

    private void press(char c) {
        terminal.addInput(new KeyStroke(c, false, false));
    }

    private void press(KeyType type) {
        terminal.addInput(new KeyStroke(type));
    }

    private boolean labelSelected(String start) {
        int y = screen().indexOf(line(start));
        return y >= 0 && terminal.getCharacter(0, y).isReversed();
    }

    @Test
    void theGanttShowsABarForEveryRunningAttempt() throws Exception {
        open();
        press('2');

        awaitScreen("[g] by peer");
        await().atMost(PATIENCE).untilAsserted(() -> {
            List<String> lanes = List.of(line("sim-1#1"), line("sim-2#1"), line("sim-3#1"), line("sim-4#1"));
            assertThat(lanes).allSatisfy(l -> assertThat(l).isNotEmpty());
            assertThat(lanes.stream().filter(l -> l.matches(".*>+t[123]>*.*"))).hasSize(3);
            assertThat(lanes.stream().filter(l -> l.substring(9).isBlank())).hasSize(1); // the idle peer
        });
        assertThat(String.join("\n", screen())).contains(">> running").contains("following now");
    }

    @Test
    void arrowKeysMoveTheSelectedLane() throws Exception {
        open();
        press('2');
        await().atMost(PATIENCE).until(() -> labelSelected("sim-1#1"));

        press(KeyType.ArrowDown);
        await().atMost(PATIENCE).until(() -> labelSelected("sim-2#1") && !labelSelected("sim-1#1"));
        press(KeyType.ArrowDown);
        press(KeyType.ArrowUp);
        press(KeyType.ArrowUp);
        await().atMost(PATIENCE).until(() -> labelSelected("sim-1#1") && !labelSelected("sim-2#1"));
    }

    @Test
    void reassignMovesARunningTaskToThePeerPickedInTheDialog() throws Exception {
        String runningOn = runningPeerOf("t1");
        String idle = api.peers().stream().filter(p -> p.running().isEmpty()).map(PeerRecord::id).findFirst()
                .orElseThrow();
        List<String> offered = api.peers().stream().map(PeerRecord::id).filter(id -> !id.equals(runningOn)).sorted()
                .toList();
        open();
        press('2');
        press('g'); // by task: the first lane is t1
        awaitScreen("[g] by task");
        await().atMost(PATIENCE).until(() -> labelSelected("t1 "));

        press('r');
        awaitScreen("Reassign t1 to:");
        assertThat(String.join("\n", screen())).doesNotContain("  " + runningOn + " ").contains(idle);
        for (int i = 0; i < offered.indexOf(idle); i++) {
            press(KeyType.ArrowDown);
        }
        awaitScreen("> " + idle);
        press(KeyType.Enter);
        awaitScreen("reassign t1 to " + idle); // a running t1 also says its progress and "restart it"
        press('y');

        awaitScreen("reassigned t1 to " + idle);
        await().atMost(PATIENCE).untilAsserted(() -> {
            TaskDetail t1 = api.task(TaskRef.id("t1"));
            assertThat(t1.task().task().preferredPeer()).isEqualTo(idle);
            assertThat(t1.attempts()).anySatisfy(a -> {
                assertThat(a.peerId()).isEqualTo(runningOn);
                assertThat(a.state()).isEqualTo(AttemptState.CANCELLED);
            });
            assertThat(t1.attempts()).anySatisfy(a -> {
                assertThat(a.peerId()).isEqualTo(idle);
                assertThat(a.state().isLive()).isTrue();
            });
        });
    }

    @Test
    void aRefusedCommandSaysWhyInTheServersWords() throws Exception {
        open();
        press('2');
        press('g');
        awaitScreen("[g] by task");
        press('p');
        awaitScreen("Priority of t1");
        press(KeyType.Enter);
        press('y');
        awaitScreen("priority of t1 is now 0");
        press('C');
        press('y');
        awaitScreen("job 1 is now cancelled");
        // A priority change of a task that ended is not offered: the key answers in the words the
        // coordinator would refuse it with (TaskActions), without a round trip.
        press('p');

        awaitScreen("not possible: task 't1' already ended (cancelled)");
    }

    @Test
    void aJobThatStartsIsSelectedWhileFollowingAndNotAfterChoosingAnother() throws Exception {
        open();
        press('2');
        awaitScreen("job 1 tui-test running");
        assertThat(screen().getFirst()).contains("following new jobs");

        startPeer("next-1", "name: tui-next\ntasks:\n  - {id: n1, simulate: 120s}\n");
        awaitScreen("job 2 tui-next running");

        press(']'); // the next job in the list (newest first): job 1, chosen by hand
        awaitScreen("job 1 tui-test running");
        await().atMost(PATIENCE).until(() -> !screen().getFirst().contains("following"));
        startPeer("last-1", "name: tui-last\ntasks:\n  - {id: l1, simulate: 120s}\n");
        press('1');
        awaitScreen("tui-last"); // job 3 has been drawn in the overview's list
        press('2');
        awaitScreen("job 1 tui-test running");
        assertThat(String.join("\n", screen())).doesNotContain("job 3 tui-last");

        press('F');
        awaitScreen("job 3 tui-last running");
        assertThat(screen().getFirst()).contains("following new jobs");
    }

    private void startPeer(String id, String yaml) {
        Schema schema = SchemaLoader.parse(yaml, id + ".yaml");
        PeerOptions options = PeerOptions.builder(URI.create("ws://127.0.0.1:" + server.port() + "/v1/peer"), id,
                schema).stateDir(dir.resolve("peers")).build();
        PeerClient peer = new PeerClient(options, Runners.byName("sim", RunnerConfig.of(Map.of("seed", "1"))),
                new PeerListener() { }, Clock.systemUTC());
        peers.add(peer);
        peer.start();
    }

    @Test
    void quittingRestoresTheScreenAndStopsTheUiThread() throws Exception {
        open();
        press('q');
        ui.join(PATIENCE.toMillis());

        assertThat(ui.isAlive()).isFalse();
        assertThat(uiFailure.get()).isNull();
        app = null; // already closed
    }

    private String runningPeerOf(String taskId) {
        return api.task(TaskRef.id(taskId)).attempts().stream().filter(a -> a.state().isLive())
                .map(AttemptRecord::peerId).findFirst().orElseThrow();
    }
}
