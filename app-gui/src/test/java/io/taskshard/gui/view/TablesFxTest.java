package io.taskshard.gui.view;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskshard.client.LiveView;
import io.taskshard.model.JobKind;
import io.taskshard.model.JobRecord;
import io.taskshard.model.JobState;
import io.taskshard.model.PeerRecord;
import io.taskshard.model.PeerState;
import io.taskshard.model.TaskCounts;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** What the jobs and peers tables put in their cells (headless on Monocle, fixed clock). */
class TablesFxTest {
    private static final long NOW = 1_000_000;
    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC);

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @Test
    void jobs_table_shows_counts_per_state_and_elapsed_time() throws Exception {
        JobRecord running = new JobRecord(2, JobKind.SUBMITTED, "b", "h", "", null, false, JobState.RUNNING, 40, 33,
                new TaskCounts(4, 3, 0, 30, 2, 1), null, NOW - 12_500, 0);
        JobRecord ended = new JobRecord(1, JobKind.SUBMITTED, "a", "h", "", null, false, JobState.SUCCEEDED, 5, 5,
                new TaskCounts(0, 0, 0, 5, 0, 0), null, NOW - 100_000, NOW - 35_000);

        List<String> cells = fx(() -> {
            JobsTable t = new JobsTable();
            t.setClock(CLOCK);
            t.show(List.of(running, ended));
            return List.of(cell(t, "tasks", 0), cell(t, "elapsed", 0), cell(t, "tasks", 1), cell(t, "elapsed", 1));
        });

        assertThat(cells).containsExactly("30/40 ok, 2 failed, 1 cancelled", "12.5s", "5/5 ok", "1m05s");
    }

    @Test
    void peers_table_says_heard_only_for_a_late_peer() throws Exception {
        PeerRecord onTime = peer("sim-1", PeerState.CONNECTED, NOW - 30_000); // heartbeats do not refresh it
        PeerRecord late = peer("sim-2", PeerState.DISCONNECTED, NOW - 12_000);
        LiveView view = new LiveView(true, 1, List.of(), List.of(onTime, late), Map.of(), Map.of(), List.of());

        List<String> cells = fx(() -> {
            PeersTable t = new PeersTable();
            t.show(view, CLOCK);
            return List.of(cell(t, "heard", 0), cell(t, "heard", 1));
        });

        assertThat(cells).containsExactly("", "12.0s ago");
    }

    @Test
    void empty_tables_do_not_claim_there_are_no_jobs_or_peers_while_the_coordinator_cannot_be_reached()
            throws Exception {
        List<String> words = fx(() -> {
            JobsTable jobs = new JobsTable();
            PeersTable peers = new PeersTable();
            String reachable = ((javafx.scene.control.Label) jobs.getPlaceholder()).getText();
            jobs.setReachable(false);
            peers.setReachable(false);
            return List.of(reachable, ((javafx.scene.control.Label) jobs.getPlaceholder()).getText(),
                    ((javafx.scene.control.Label) peers.getPlaceholder()).getText());
        });

        assertThat(words.get(0)).isEqualTo("no jobs yet: peers form one when they join");
        assertThat(words.subList(1, 3)).allSatisfy(w -> assertThat(w).startsWith("not connected to the coordinator"));
    }

    private static PeerRecord peer(String id, PeerState state, long lastSeenAt) {
        return new PeerRecord(id, 1, state, 1, List.of(), null, false, false, List.of(), 0, 1, lastSeenAt);
    }

    private static <T> String cell(TableView<T> table, String title, int row) {
        TableColumn<T, ?> column = table.getColumns().stream().filter(c -> c.getText().equals(title)).findFirst()
                .orElseThrow(() -> new AssertionError("no column " + title));
        return String.valueOf(column.getCellData(row));
    }

    private static <T> T fx(Callable<T> call) throws Exception {
        return io.taskshard.gui.FxThread.call(call);
    }
}
