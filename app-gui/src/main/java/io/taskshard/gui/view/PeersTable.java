package io.taskshard.gui.view;

import io.taskshard.client.LiveView;
import io.taskshard.model.AttemptRecord;
import io.taskshard.model.PeerRecord;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

/**
 * The peers table: state (and draining), slots, labels, the task(s) it runs, tasks done and how
 * long ago it was last heard from (only while it is disconnected). Drain and undrain are in its context menu (the dashboard adds them).
 */
public final class PeersTable extends TableView<PeersTable.Row> {
    /** One peer with what the model knows about its current work. */
    public record Row(PeerRecord peer, String current, long lastSeenAgoMs) {
    }

    public PeersTable() {
        setId("peers");
        setReachable(true);
        TableColumn<Row, String> id = JobsTable.column("peer", 60, r -> r.peer().id());
        TableColumn<Row, String> state = JobsTable.column("state", 80, r -> r.peer().state().wire()
                + (r.peer().draining() ? ", draining" : ""));
        TableColumn<Row, Number> slots = JobsTable.column("slots", 48, r -> r.peer().slots());
        TableColumn<Row, String> labels = JobsTable.column("labels", 50, r -> String.join(",", r.peer().labels()));
        TableColumn<Row, String> current = JobsTable.column("running", 100, Row::current);
        TableColumn<Row, Number> done = JobsTable.column("done", 48, r -> r.peer().tasksDone());
        // Only a disconnected peer says when it was last heard from: a column of "1.2s ago" is noise.
        TableColumn<Row, String> seen = JobsTable.column("heard", 80, r -> ViewWords.heard(r.peer().state(),
                r.lastSeenAgoMs()));
        // Headers stay readable when the split is narrow: the table scrolls sideways instead.
        for (TableColumn<Row, ?> narrow : List.of(slots, done, seen)) {
            narrow.setMinWidth(narrow.getPrefWidth());
        }
        getColumns().setAll(List.of(id, state, slots, labels, current, done, seen));
        setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    }

    /** The selected peer, if any. */
    public Optional<PeerRecord> selectedPeer() {
        return Optional.ofNullable(getSelectionModel().getSelectedItem()).map(Row::peer);
    }

    /** Shows the peers of {@code view}, keeping the selected peer selected. */
    public void show(LiveView view, Clock clock) {
        String selected = selectedPeer().map(PeerRecord::id).orElse(null);
        long now = clock.millis();
        java.util.Map<Long, String> live = liveTasksByLease(view);
        List<Row> rows = view.peers().stream().map(p -> new Row(p, current(live, p),
                p.lastSeenAt() > 0 ? Math.max(0, now - p.lastSeenAt()) : -1)).toList();
        getItems().setAll(rows);
        if (selected != null) {
            for (int i = 0; i < rows.size(); i++) {
                if (rows.get(i).peer().id().equals(selected)) {
                    getSelectionModel().select(i);
                }
            }
        }
    }

    private static String current(java.util.Map<Long, String> live, PeerRecord p) {
        return p.running().stream().map(lease -> live.getOrDefault(lease, "lease " + lease))
                .collect(Collectors.joining(", "));
    }

    /** One pass over the attempts instead of one search per running lease. */
    private static java.util.Map<Long, String> liveTasksByLease(LiveView view) {
        java.util.Map<Long, String> live = new java.util.HashMap<>();
        for (List<AttemptRecord> attempts : view.attemptsByJob().values()) {
            for (AttemptRecord a : attempts) {
                if (a.state().isLive()) {
                    live.put(a.lease(), a.taskId());
                }
            }
        }
        return live;
    }

    /** An empty table says "no peers connected" only when the coordinator said so. */
    public void setReachable(boolean reachable) {
        setPlaceholder(new javafx.scene.control.Label(reachable ? "no peers connected" : JobsTable.NOT_CONNECTED));
    }
}
