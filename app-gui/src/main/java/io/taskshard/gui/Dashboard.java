package io.taskshard.gui;

import io.taskshard.client.ClientOptions;
import io.taskshard.client.JobDetail;
import io.taskshard.client.LiveView;
import io.taskshard.client.ModelChange;
import io.taskshard.client.ServerAddress;
import io.taskshard.client.TaskRef;
import io.taskshard.analysis.JobView;
import io.taskshard.gui.gantt.Timelines;
import io.taskshard.gui.view.ComparisonPane;
import io.taskshard.gui.view.GanttView;
import io.taskshard.gui.view.JobsTable;
import io.taskshard.gui.view.PeersTable;
import io.taskshard.gui.view.StatusBar;
import io.taskshard.gui.view.TaskDetailPane;
import io.taskshard.model.JobRecord;
import io.taskshard.model.TaskRecord;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.geometry.Orientation;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The main window: jobs and peers on the left, the selected job's Gantt chart (or its
 * comparison) on the right above the selected task's detail, a toolbar on top and the status
 * bar with the connection indicator below. It shows one coordinator at a time, through the
 * operator API and the event stream only; the connect dialog switches to another.
 *
 * <p>Threads: the event stream's listener only signals a {@link Coalescer}; everything else
 * runs on the FX thread, and blocking API calls go through {@link Actions}.
 */
public final class Dashboard {
    /** The Gantt chart of a job is rebuilt from the model at most this often. */
    static final long DEFAULT_REBUILD_MS = 100;
    /** A running job's comparison is read again this often while its tab is shown. */
    static final long DEFAULT_COMPARISON_REFRESH_MS = 2_000;
    /** How often the tables re-read the clock (elapsed of running jobs, "heard" of silent peers). */
    static final long DEFAULT_TABLE_CLOCK_MS = 1_000;
    private static final Logger log = LoggerFactory.getLogger(Dashboard.class);

    private final DashboardOptions options;
    final JobsTable jobs = new JobsTable();
    final PeersTable peers = new PeersTable();
    final GanttView gantt;
    final ComparisonPane comparison;
    final TaskDetailPane detail = new TaskDetailPane();
    final StatusBar status = new StatusBar();
    final TabPane tabs = new TabPane();
    final Tab ganttTab = new Tab("Gantt");
    final Tab comparisonTab = new Tab("Comparison");
    final Label notice = new Label();
    private final SplitPane main = new SplitPane();
    private final SplitPane left = new SplitPane();
    private final SplitPane right = new SplitPane();
    private final Map<Long, JobView> fetchedJobs = new HashMap<>();
    private final Actions actions;
    private final Menus menus;
    private Stage stage;
    private Connection connection;
    private Coalescer coalescer;
    private Timelines.Grouping grouping = Timelines.Grouping.BY_PEER;
    /** Builds a job's chart; a field so a test can make it fail. */
    interface TimelineBuilder {
        io.taskshard.gui.gantt.Timeline build(JobView job, Timelines.Grouping grouping, long now);
    }

    TimelineBuilder timelines = Timelines::of;
    private boolean rebuildPending;
    private boolean rebuilding;
    private final java.util.concurrent.ExecutorService builder = java.util.concurrent.Executors
            .newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "taskshard-gui-gantt");
                t.setDaemon(true);
                return t;
            });
    private long lastRebuildMs;
    /** Drives {@link #tick()} on every FX pulse while the window is open; stopped by {@link #close()}. */
    private final AnimationTimer ticker = new AnimationTimer() {
        @Override
        public void handle(long pulse) {
            tick();
        }
    };
    private long lastComparisonMs;
    private long lastTableClockMs;
    private String selectedTask;
    private TaskRecord selectedTaskRecord;

    public Dashboard(DashboardOptions options) {
        this.options = options;
        GuiLog.start();
        this.gantt = new GanttView(options.clock(), true);
        this.comparison = new ComparisonPane(options.clock());
        jobs.setClock(options.clock());
        this.actions = new Actions(() -> connection.client(), status, () -> stage);
        this.menus = new Menus(this, actions);
    }

    /** Builds the window into {@code stage}, connects, and shows it. Call on the FX thread. */
    public void show(Stage target) {
        this.stage = target;
        WindowLayout layout = options.settings().layout();
        left.setOrientation(Orientation.VERTICAL);
        left.getItems().setAll(jobs, peers);
        ganttTab.setContent(gantt);
        comparisonTab.setContent(comparison);
        tabs.getTabs().setAll(ganttTab, comparisonTab);
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.getSelectionModel().selectedItemProperty().addListener((o, a, tab) -> {
            if (tab == comparisonTab) {
                refreshComparison();
            }
        });
        right.setOrientation(Orientation.VERTICAL);
        right.getItems().setAll(tabs, detail);
        main.getItems().setAll(left, right);
        notice.setId("notice");
        notice.setMaxWidth(Double.MAX_VALUE);
        notice.setVisible(false);
        notice.setManaged(false);
        BorderPane top = new BorderPane(notice, menus.toolbar(), null, null, null);
        BorderPane root = new BorderPane(main, top, null, status, null);
        Scene scene = new Scene(root, layout.width(), layout.height());
        menus.install(scene);
        jobs.setOnSelectJob(job -> jobSelected());
        gantt.setOnSelect(bar -> selectTask(bar.taskId()));
        gantt.setOnReassign(menus::reassignDropped);
        gantt.setOnContextMenu(menus::barMenu);
        stage.setScene(scene);
        if (!Double.isNaN(layout.x())) {
            stage.setX(layout.x());
            stage.setY(layout.y());
        }
        stage.setMaximized(layout.maximized());
        // An added handler, not setOnHidden: the launcher's own handler (which lets main return and
        // the process end) must keep running when the window closes.
        stage.addEventHandler(javafx.stage.WindowEvent.WINDOW_HIDDEN, e -> close());
        connect(options.server(), options.client());
        options.notice().whenComplete((text, error) -> Platform.runLater(() -> showNotice(
                error != null ? "the demo ended with an error: " + error.getMessage() : text)));
        ticker.start();
        stage.show();
        main.setDividerPositions(layout.mainSplit());
        left.setDividerPositions(layout.leftSplit());
        right.setDividerPositions(layout.rightSplit());
    }

    /** Shows another coordinator; the previous stream and client are closed. */
    void connect(ServerAddress address, ClientOptions clientOptions) {
        if (connection != null) {
            connection.close();
        }
        fetchedJobs.clear();
        connection = Connection.open(address, clientOptions);
        Connection mine = connection;
        coalescer = new Coalescer(Platform::runLater, () -> {
            if (mine == connection) {
                refresh();
            }
        });
        mine.model().addListener(this::modelChanged);
        mine.stream().addStateListener(state -> Platform.runLater(() -> {
            if (mine == connection) {
                status.connection(address.authority(), state);
                connectionBanner(address, state);
            }
        }));
        status.connection(address.authority(), mine.stream().state());
        stage.setTitle("taskshard: " + address.authority()
                + (options.subtitle().isEmpty() || !address.equals(options.server()) ? "" : " (" + options.subtitle() + ")"));
        options.settings().rememberServer(address.authority());
        coalescer.signal();
    }

    /** On the stream's thread: only signal, never touch the UI here. */
    private void modelChanged(ModelChange change) {
        coalescer.signal();
    }

    /** One coalesced update: tables now, the chart within {@link #DEFAULT_REBUILD_MS}. */
    private void refresh() {
        LiveView view = connection.model().view();
        jobs.show(view.jobs());
        peers.show(view, options.clock());
        if (jobs.selectedJobId() == 0 && !view.jobs().isEmpty()) {
            jobs.getSelectionModel().select(0);
        }
        rebuildPending = true;
        selectedTaskChanged(view);
    }

    private void tick() {
        long now = options.clock().millis();
        if (rebuildPending && !rebuilding && now - lastRebuildMs >= DEFAULT_REBUILD_MS) {
            rebuildPending = false;
            lastRebuildMs = now;
            rebuildGantt();
        }
        if (connection != null && now - lastTableClockMs >= DEFAULT_TABLE_CLOCK_MS) {
            // A silent peer changes nothing in the model, yet its "heard" must appear.
            lastTableClockMs = now;
            jobs.tick();
            peers.show(connection.model().view(), options.clock());
        }
        if (tabs.getSelectionModel().getSelectedItem() == comparisonTab && selectedJobRunning()
                && now - lastComparisonMs >= DEFAULT_COMPARISON_REFRESH_MS) {
            refreshComparison();
        }
    }

    private void rebuildGantt() {
        long jobId = jobs.selectedJobId();
        if (jobId == 0) {
            gantt.setTimeline(io.taskshard.gui.gantt.Timeline.EMPTY);
            return;
        }
        LiveView view = connection.model().view();
        Optional<JobView> jobView = view.jobView(jobId).or(() -> Optional.ofNullable(fetchedJobs.get(jobId)));
        if (jobView.isEmpty()) {
            // A finished job from the snapshot: its tasks come only from the API.
            actions.read("job " + jobId, c -> c.job(jobId), (JobDetail d) -> {
                fetchedJobs.put(jobId, d.toJobView(connection.model().view().peers()));
                rebuildPending = true;
            }, status::error);
            return;
        }
        // Building rows for a big job takes a while (about 0.3 s at 100,000 attempts): off the FX
        // thread, one at a time; a change meanwhile just schedules the next build.
        rebuilding = true;
        JobView input = jobView.get();
        Timelines.Grouping g = grouping;
        long now = options.clock().millis();
        builder.execute(() -> {
            io.taskshard.gui.gantt.Timeline built = null;
            RuntimeException failure = null;
            try {
                built = timelines.build(input, g, now);
            } catch (RuntimeException e) {
                log.error("could not build the Gantt chart of job {}", input.job().id(), e);
                failure = e;
            }
            io.taskshard.gui.gantt.Timeline result = built;
            RuntimeException failed = failure;
            Platform.runLater(() -> {
                rebuilding = false;
                if (jobs.selectedJobId() != input.job().id() || g != grouping) {
                    return;
                }
                if (result != null) {
                    gantt.setTimeline(result);
                } else {
                    // Never the previous job's chart: an empty one that says what failed and where to read more.
                    String text = "could not build the Gantt chart of job " + input.job().id() + ": " + failed
                            + "\nthe stack trace is in " + GuiLog.describe();
                    gantt.showError(text);
                    status.error("could not build the Gantt chart of job " + input.job().id() + " (see the chart)");
                }
            });
        });
    }

    void refreshComparison() {
        long jobId = jobs.selectedJobId();
        lastComparisonMs = options.clock().millis();
        if (jobId == 0) {
            comparison.showMessage("select a job to compare how it ran");
            return;
        }
        actions.read("the comparison of job " + jobId, c -> c.comparison(jobId), c -> {
            if (c.jobId() == jobs.selectedJobId()) {
                comparison.show(c);
            }
        }, comparison::showMessage);
    }

    private void jobSelected() {
        gantt.setTimeline(io.taskshard.gui.gantt.Timeline.EMPTY); // never another job's chart, even briefly
        selectedTask = null;
        selectedTaskRecord = null;
        gantt.select(null);
        detail.showMessage("select a bar or a task to see its attempts");
        rebuildPending = true;
        lastRebuildMs = 0;
        if (tabs.getSelectionModel().getSelectedItem() == comparisonTab) {
            refreshComparison();
        }
    }

    /** Shows {@code taskId} of the selected job in the detail pane, read from the operator API. */
    void selectTask(String taskId) {
        selectedTask = taskId;
        selectedTaskRecord = null;
        gantt.select(taskId);
        fetchSelectedTask();
    }

    private void selectedTaskChanged(LiveView view) {
        if (selectedTask == null) {
            return;
        }
        TaskRecord now = view.tasks(jobs.selectedJobId()).stream().filter(t -> t.id().equals(selectedTask))
                .map(t -> t.task()).findFirst().orElse(null);
        if (now != null && !now.equals(selectedTaskRecord)) {
            selectedTaskRecord = now;
            fetchSelectedTask();
        }
    }

    private void fetchSelectedTask() {
        long jobId = jobs.selectedJobId();
        String taskId = selectedTask;
        if (jobId == 0 || taskId == null) {
            return;
        }
        actions.read("task " + taskId, c -> c.task(TaskRef.id(taskId, jobId)), d -> {
            if (taskId.equals(selectedTask)) {
                detail.show(d);
            }
        }, detail::showMessage);
    }

    void setGrouping(Timelines.Grouping g) {
        grouping = g;
        rebuildPending = true;
        lastRebuildMs = 0;
    }

    private boolean selectedJobRunning() {
        JobRecord j = jobs.getSelectionModel().getSelectedItem();
        return j != null && !j.state().isEnd();
    }

    /** A connection problem in full, above everything, until the stream is live again. */
    private void connectionBanner(ServerAddress address, io.taskshard.client.ConnectionState state) {
        String problem = connectionProblem(address.authority(), state);
        jobs.setReachable(problem == null);
        peers.setReachable(problem == null);
        if (problem == null) {
            if (notice.getProperties().containsKey("connection")) {
                notice.getProperties().remove("connection");
                notice.setVisible(false);
                notice.setManaged(false);
            }
            return;
        }
        notice.getProperties().put("connection", true);
        notice.setWrapText(true);
        notice.setText(problem + "\n(Ctrl+K connects elsewhere or with another token; log lines are in "
                + GuiLog.describe() + ")");
        notice.setStyle("-fx-background-color: #ffebee; -fx-text-fill: #b71c1c; -fx-padding: 6 10; -fx-font-weight: bold;");
        notice.setVisible(true);
        notice.setManaged(true);
    }

    /** The banner's words for a connection that is not live; null while it is (or is connecting). */
    static String connectionProblem(String authority, io.taskshard.client.ConnectionState state) {
        return switch (state) {
            case io.taskshard.client.ConnectionState.Refused r -> authority + " refused this dashboard (HTTP "
                    + r.status() + "): " + r.reason() + "\nWhat to do: " + r.whatToDo();
            case io.taskshard.client.ConnectionState.Reconnecting r -> "cannot reach " + authority + ": " + r.describe();
            case io.taskshard.client.ConnectionState.Closed c -> "cannot reach " + authority + ": " + c.describe();
            default -> null;
        };
    }

    private void showNotice(String text) {
        notice.setText(text);
        notice.setStyle("-fx-background-color: #e8f5e9; -fx-padding: 6 10; -fx-font-weight: bold;");
        notice.setVisible(true);
        notice.setManaged(true);
        status.info(text);
        refreshComparison();
    }

    /** The task shown in the detail pane, or null. */
    String selectedTask() {
        return selectedTask;
    }

    Stage stage() {
        return stage;
    }

    Connection connection() {
        return connection;
    }

    DashboardOptions options() {
        return options;
    }

    /** Saves the layout and lets go of the coordinator. Runs when the window closes. */
    private void close() {
        try {
            options.settings().rememberLayout(new WindowLayout(stage.getX(), stage.getY(), stage.getWidth(),
                    stage.getHeight(), stage.isMaximized(), divider(main), divider(left), divider(right)));
        } finally {
            // Before the builder goes: a tick after close would hand it a rebuild it must reject
            // (RejectedExecutionException on the FX thread), and would keep this window alive.
            ticker.stop();
            actions.close();
            builder.shutdownNow();
            if (connection != null) {
                connection.close();
            }
            log.debug("dashboard closed");
        }
    }

    private static double divider(SplitPane pane) {
        double[] d = pane.getDividerPositions();
        return d.length == 0 ? 0.5 : d[0];
    }
}
