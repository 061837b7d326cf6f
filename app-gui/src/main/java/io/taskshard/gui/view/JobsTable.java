package io.taskshard.gui.view;

import io.taskshard.model.JobRecord;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

/**
 * The jobs list: id, name, state, a progress bar of tasks done, the tasks per state, elapsed time and kind. Rows are replaced in
 * place by job id, so the selection survives every update.
 */
public final class JobsTable extends TableView<JobRecord> {
    private Consumer<JobRecord> onSelect = j -> { };
    private Clock clock = Clock.systemUTC();

    /** Words of the empty table while the coordinator answers, and while it does not (nothing is known then). */
    static final String NO_JOBS = "no jobs yet: peers form one when they join";
    static final String NOT_CONNECTED = "not connected to the coordinator: nothing to show (see the message above)";

    public JobsTable() {
        setId("jobs");
        setReachable(true);
        TableColumn<JobRecord, Number> id = column("job", 50, j -> j.id());
        TableColumn<JobRecord, String> name = column("name", 130, JobRecord::name);
        TableColumn<JobRecord, String> state = column("state", 200, ViewWords::state); // "succeeded, 2 cancelled (never ran)"
        TableColumn<JobRecord, JobRecord> progress = new TableColumn<>("progress");
        progress.setPrefWidth(110);
        progress.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        progress.setCellFactory(c -> new ProgressCell());
        // Wide enough for "30/40 ok, 3 running, 2 failed, 1 cancelled"; the table scrolls sideways rather
        // than cut it when the split is narrow.
        TableColumn<JobRecord, String> tasks = column("tasks", 230, ViewWords::counts);
        tasks.setMinWidth(tasks.getPrefWidth());
        TableColumn<JobRecord, String> elapsed = column("elapsed", 70, j -> ViewWords.elapsed(j, clock.millis()));
        elapsed.setMinWidth(elapsed.getPrefWidth());
        TableColumn<JobRecord, String> kind = column("kind", 75, j -> j.kind().name().toLowerCase(java.util.Locale.ROOT));
        getColumns().setAll(List.of(id, name, state, progress, tasks, elapsed, kind));
        // Every column keeps the width its words need ("cancelled", a job name): a narrow split
        // scrolls the table sideways instead of squeezing columns into "canc..." (seen under Xvfb).
        for (TableColumn<JobRecord, ?> c : getColumns()) {
            c.setMinWidth(c.getPrefWidth());
        }
        setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
        getSelectionModel().selectedItemProperty().addListener((o, old, job) -> {
            if (job != null && (old == null || old.id() != job.id())) {
                onSelect.accept(job);
            }
        });
    }

    /** The clock a running job's elapsed time is read from. */
    public void setClock(Clock c) {
        clock = c;
    }

    /** Re-reads the elapsed time of running jobs (the model changes nothing while they run quietly). */
    public void tick() {
        if (getItems().stream().anyMatch(j -> !j.state().isEnd())) {
            refresh();
        }
    }

    public void setOnSelectJob(Consumer<JobRecord> handler) {
        onSelect = handler;
    }

    /** The selected job's id, or 0. */
    public long selectedJobId() {
        JobRecord j = getSelectionModel().getSelectedItem();
        return j == null ? 0 : j.id();
    }

    /** Shows {@code jobs} (newest first), keeping the selected job selected. */
    public void show(List<JobRecord> jobs) {
        long selected = selectedJobId();
        if (getItems().size() == jobs.size()) {
            for (int i = 0; i < jobs.size(); i++) {
                if (!Objects.equals(getItems().get(i), jobs.get(i))) {
                    getItems().set(i, jobs.get(i));
                }
            }
        } else {
            getItems().setAll(jobs);
        }
        if (selected != 0) {
            for (int i = 0; i < jobs.size(); i++) {
                if (jobs.get(i).id() == selected && getSelectionModel().getSelectedIndex() != i) {
                    getSelectionModel().select(i);
                }
            }
        }
    }

    static <T, V> TableColumn<T, V> column(String title, double width, java.util.function.Function<T, V> value) {
        TableColumn<T, V> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        return c;
    }

    /** A progress bar with "done/total" on it, red-tinted for a failed job. */
    private static final class ProgressCell extends TableCell<JobRecord, JobRecord> {
        private final ProgressBar bar = new ProgressBar();

        ProgressCell() {
            bar.setMaxWidth(Double.MAX_VALUE);
            setContentDisplay(javafx.scene.control.ContentDisplay.GRAPHIC_ONLY);
        }

        @Override
        protected void updateItem(JobRecord job, boolean empty) {
            super.updateItem(job, empty);
            if (empty || job == null) {
                setGraphic(null);
                return;
            }
            bar.setProgress(job.taskCount() == 0 ? 0 : (double) job.doneCount() / job.taskCount());
            bar.setStyle(switch (job.state()) {
                case FAILED -> "-fx-accent: #e53935;";
                case CANCELLED -> "-fx-accent: #9e9e9e;";
                case SUCCEEDED -> "-fx-accent: #4caf50;";
                case RUNNING -> "";
            });
            setTooltip(new javafx.scene.control.Tooltip(job.doneCount() + " of " + job.taskCount() + " tasks done"));
            setGraphic(bar);
        }
    }

    /** An empty table says "no jobs yet" only when the coordinator said so; else that it cannot know. */
    public void setReachable(boolean reachable) {
        setPlaceholder(new javafx.scene.control.Label(reachable ? NO_JOBS : NOT_CONNECTED));
    }
}
