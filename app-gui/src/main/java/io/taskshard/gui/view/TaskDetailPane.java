package io.taskshard.gui.view;

import io.taskshard.client.TaskDetail;
import io.taskshard.model.AttemptRecord;
import io.taskshard.model.Durations;
import io.taskshard.model.TaskRecord;
import java.util.Comparator;
import java.util.List;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.layout.BorderPane;

/**
 * The selected task: its state and priority, every attempt (peer, state, times, exit code,
 * why it ended) and the log tail of the latest attempt that sent one.
 */
public final class TaskDetailPane extends BorderPane {
    private final Label header = new Label("select a bar or a task to see its attempts");
    private final TableView<AttemptRecord> attempts = new TableView<>();
    private final TextArea log = new TextArea();

    public TaskDetailPane() {
        setId("task-detail");
        header.setPadding(new Insets(4, 6, 4, 6));
        header.setStyle("-fx-font-weight: bold;");
        attempts.setPlaceholder(new Label("no attempts"));
        TableColumn<AttemptRecord, Number> n = JobsTable.column("#", 35, AttemptRecord::attempt);
        TableColumn<AttemptRecord, String> peer = JobsTable.column("peer", 80, AttemptRecord::peerId);
        TableColumn<AttemptRecord, String> state = JobsTable.column("state", 80, a -> a.state().wire());
        TableColumn<AttemptRecord, String> took = JobsTable.column("took", 70, a -> a.endedAt() > 0
                ? Durations.format(a.endedAt() - Math.max(a.assignedAt(), a.startedAt() > 0 ? a.startedAt()
                        : a.assignedAt())) : "running");
        TableColumn<AttemptRecord, String> exit = JobsTable.column("exit", 45, a -> a.exitCode() == null ? ""
                : a.exitCode().toString());
        TableColumn<AttemptRecord, String> reason = JobsTable.column("reason", 160, a -> a.reason() == null ? ""
                : a.reason());
        attempts.getColumns().setAll(List.of(n, peer, state, took, exit, reason));
        attempts.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        attempts.getSelectionModel().selectedItemProperty().addListener((o, old, a) -> showLog(a));
        log.setEditable(false);
        log.setWrapText(false);
        log.setStyle("-fx-font-family: monospace; -fx-font-size: 11;");
        log.setPromptText("log tail");
        SplitPane split = new SplitPane(attempts, log);
        split.setDividerPositions(0.55);
        setTop(header);
        setCenter(split);
    }

    /** Shows a task fetched from the operator API. */
    public void show(TaskDetail detail) {
        TaskRecord t = detail.task().task();
        header.setText(t.taskId() + "  (uid " + t.uid() + ", job " + t.jobId() + "): " + t.state().wire()
                + ", priority " + t.priority() + ", attempts " + t.attemptsUsed() + "/"
                + (detail.task().spec() == null ? "?" : detail.task().spec().attempts())
                + (t.preferredPeer() == null ? "" : ", reassigned to " + t.preferredPeer()));
        attempts.getItems().setAll(detail.attempts());
        AttemptRecord withLog = detail.attempts().stream().filter(a -> a.log() != null && !a.log().isEmpty())
                .max(Comparator.comparingLong(AttemptRecord::lease)).orElse(null);
        if (withLog != null) {
            attempts.getSelectionModel().select(withLog);
        } else if (!detail.attempts().isEmpty()) {
            attempts.getSelectionModel().selectLast();
        }
        showLog(attempts.getSelectionModel().getSelectedItem());
    }

    /** Says why there is nothing to show (no selection, or the fetch failed). */
    public void showMessage(String message) {
        header.setText(message);
        attempts.getItems().clear();
        log.clear();
    }

    public String headerText() {
        return header.getText();
    }

    private void showLog(AttemptRecord a) {
        if (a == null) {
            log.clear();
            return;
        }
        log.setText(a.log() == null || a.log().isEmpty() ? "(attempt " + a.attempt() + " sent no log)" : a.log());
    }
}
