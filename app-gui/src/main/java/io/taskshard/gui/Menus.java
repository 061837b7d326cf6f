package io.taskshard.gui;

import io.taskshard.analysis.Gantt;
import io.taskshard.client.TaskActions;
import io.taskshard.gui.gantt.Timelines;
import io.taskshard.gui.view.ConnectDialog;
import io.taskshard.gui.view.GanttView;
import io.taskshard.model.PeerRecord;
import io.taskshard.model.PeerState;
import java.io.File;
import java.util.List;
import java.util.Optional;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.TextInputDialog;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCombination;
import javafx.stage.FileChooser;

/**
 * The dashboard's commands as the user reaches them: the toolbar, keyboard shortcuts, the
 * context menus of bars, jobs and peers, and the confirmations and dialogs in front of them.
 */
final class Menus {
    /** Shortcut, what it does: shown in the toolbar's help and in docs/gui.md. */
    static final List<String[]> SHORTCUTS = List.of(
            new String[] {"Ctrl+K", "connect to another coordinator"},
            new String[] {"Ctrl+1 / Ctrl+2", "Gantt by peer / by task"},
            new String[] {"Ctrl+T", "switch between Gantt and comparison"},
            new String[] {"Ctrl+F", "follow now on/off"},
            new String[] {"Ctrl+0", "fit the whole job"},
            new String[] {"Ctrl+= / Ctrl+-", "zoom in / out (or Ctrl+wheel)"},
            new String[] {"Ctrl+R", "retry the selected task"},
            new String[] {"Ctrl+Delete", "cancel the selected task"},
            new String[] {"Ctrl+P", "change the selected task's priority"},
            new String[] {"Ctrl+D", "drain / undrain the selected peer"},
            new String[] {"Ctrl+E", "export the job's timeline as Chrome trace JSON"},
            new String[] {"F5", "read the comparison and task again"},
            new String[] {"F1", "this list"},
            new String[] {"Ctrl+Q", "close the window"});

    private final Dashboard d;
    private final Actions actions;
    private final TaskCommands commands;
    private final ToggleButton follow = new ToggleButton("Follow now");
    private final ToggleButton byPeer = new ToggleButton("By peer");
    private final ToggleButton byTask = new ToggleButton("By task");

    Menus(Dashboard dashboard, Actions actions) {
        this.d = dashboard;
        this.actions = actions;
        this.commands = new TaskCommands(dashboard, actions);
    }

    ToolBar toolbar() {
        Button connect = button("Connect…", "Ctrl+K", this::connectDialog);
        ToggleGroup group = new ToggleGroup();
        byPeer.setToggleGroup(group);
        byTask.setToggleGroup(group);
        byPeer.setSelected(true);
        byPeer.setOnAction(e -> grouping(Timelines.Grouping.BY_PEER));
        byTask.setOnAction(e -> grouping(Timelines.Grouping.BY_TASK));
        follow.setOnAction(e -> d.gantt.setFollow(follow.isSelected()));
        follow.setTooltip(new Tooltip("keep the present at the right edge (Ctrl+F)"));
        Button fit = button("Fit", "Ctrl+0", d.gantt::fit);
        Button export = button("Export trace…", "Ctrl+E", this::exportTrace);
        Button help = button("Keys", "F1", this::showShortcuts);
        return new ToolBar(connect, byPeer, byTask, follow, fit, export, help);
    }

    void install(Scene scene) {
        var keys = scene.getAccelerators();
        keys.put(KeyCombination.keyCombination("Shortcut+K"), this::connectDialog);
        keys.put(KeyCombination.keyCombination("Shortcut+1"), () -> grouping(Timelines.Grouping.BY_PEER));
        keys.put(KeyCombination.keyCombination("Shortcut+2"), () -> grouping(Timelines.Grouping.BY_TASK));
        keys.put(KeyCombination.keyCombination("Shortcut+T"), () -> d.tabs.getSelectionModel()
                .select(d.tabs.getSelectionModel().getSelectedItem() == d.ganttTab ? d.comparisonTab : d.ganttTab));
        keys.put(KeyCombination.keyCombination("Shortcut+F"), () -> {
            follow.setSelected(!follow.isSelected());
            d.gantt.setFollow(follow.isSelected());
        });
        keys.put(KeyCombination.keyCombination("Shortcut+0"), d.gantt::fit);
        keys.put(KeyCombination.keyCombination("Shortcut+EQUALS"), () -> d.gantt.zoom(1.5));
        keys.put(KeyCombination.keyCombination("Shortcut+MINUS"), () -> d.gantt.zoom(1 / 1.5));
        keys.put(KeyCombination.keyCombination("Shortcut+R"), () -> withTask(this::retry));
        keys.put(KeyCombination.keyCombination("Shortcut+DELETE"), () -> withTask(t -> actions.cancel(job(), t)));
        keys.put(KeyCombination.keyCombination("Shortcut+P"), () -> withTask(this::priorityDialog));
        keys.put(KeyCombination.keyCombination("Shortcut+D"), () -> d.peers.selectedPeer().ifPresentOrElse(
                p -> actions.drain(p.id(), !p.draining()), () -> d.status.error("select a peer first")));
        keys.put(KeyCombination.keyCombination("Shortcut+E"), this::exportTrace);
        keys.put(KeyCombination.keyCombination("F5"), d::refreshComparison);
        keys.put(KeyCombination.keyCombination("F1"), this::showShortcuts);
        keys.put(KeyCombination.keyCombination("Shortcut+Q"), () -> d.stage().close());
        d.peers.setContextMenu(peerMenu());
        d.jobs.setContextMenu(jobMenu());
        d.gantt.setReassignRefusal(this::whyNotReassign);
        d.gantt.setOnRefused(d.status::error);
    }

    /** A bar was dropped on another peer's lane: reassign, after a confirmation saying what it does. */
    void reassignDropped(GanttView.Reassign r) {
        commands.reassign(r);
    }

    /** Why the task may not be reassigned now, or null: the chart does not let such a bar be dragged. */
    String whyNotReassign(String task) {
        return commands.whyNotReassign(task);
    }

    private void retry(String task) {
        commands.retry(task);
    }

    private Optional<io.taskshard.model.TaskRecord> taskRecord(String task) {
        return commands.taskRecord(task);
    }

    /** Right click on a bar: what can be done to its task, only what its state allows (TaskActions). */
    void barMenu(GanttView.BarAt at) {
        Gantt.Bar bar = at.bar();
        if (bar.taskId() == null || at.lane().kind() == io.taskshard.gui.gantt.Timeline.LaneKind.RUN) {
            return;
        }
        String task = bar.taskId();
        d.selectTask(task);
        var jobRecord = d.jobs.getSelectionModel().getSelectedItem();
        var record = taskRecord(task).orElse(null);
        java.util.function.Function<TaskActions.TaskAction, String> why = a -> jobRecord == null || record == null
                ? null : TaskActions.whyNot(jobRecord, record, a);
        Menu reassign = new Menu("Reassign to");
        boolean running = bar.kind() == Gantt.Kind.ATTEMPT && bar.state().isLive();
        for (PeerRecord p : d.connection().model().view().peers()) {
            if (p.state() == PeerState.CONNECTED && (p.jobId() == job() || p.worker())) {
                MenuItem item = new MenuItem(p.id() + (p.draining() ? " (draining)" : ""));
                item.setOnAction(e -> reassignDropped(new GanttView.Reassign(task, p.id(), running, bar.peerId())));
                reassign.getItems().add(item);
            }
        }
        MenuItem retry = item("Retry", () -> retry(task));
        MenuItem cancel = item("Cancel task", () -> actions.cancel(job(), task));
        MenuItem priority = item("Change priority…", () -> priorityDialog(task));
        offer(reassign, why.apply(TaskActions.TaskAction.REASSIGN));
        if (reassign.getItems().isEmpty() && !reassign.isDisable()) {
            reassign.setText("Reassign to (no connected peer)");
            reassign.setDisable(true);
        }
        offer(retry, why.apply(TaskActions.TaskAction.RETRY));
        offer(cancel, why.apply(TaskActions.TaskAction.CANCEL));
        offer(priority, why.apply(TaskActions.TaskAction.PRIORITY));
        MenuItem details = item("Show attempts and log", () -> d.selectTask(task));
        new ContextMenu(reassign, retry, cancel, priority, new SeparatorMenuItem(), details)
                .show(d.gantt, at.screenX(), at.screenY());
    }

    /** Disables an action the server would refuse, saying why in its words. */
    private static void offer(MenuItem item, String whyNot) {
        if (whyNot != null) {
            item.setText(item.getText() + " (not possible: " + whyNot + ")");
            item.setDisable(true);
        }
    }

    private ContextMenu peerMenu() {
        MenuItem drain = item("Drain (finish current work, take nothing new)", () -> d.peers.selectedPeer()
                .ifPresent(p -> actions.drain(p.id(), true)));
        MenuItem undrain = item("Undrain", () -> d.peers.selectedPeer().ifPresent(p -> actions.drain(p.id(), false)));
        return new ContextMenu(drain, undrain);
    }

    private ContextMenu jobMenu() {
        MenuItem export = item("Export trace…", this::exportTrace);
        MenuItem cancel = item("Cancel job", () -> {
            long job = job();
            Alert confirm = new Alert(Alert.AlertType.CONFIRMATION, "Every unfinished task of job " + job
                    + " is cancelled.", ButtonType.OK, ButtonType.CANCEL);
            confirm.initOwner(d.stage());
            confirm.setHeaderText("Cancel job " + job + "?");
            if (job != 0 && confirm.showAndWait().orElse(ButtonType.CANCEL) == ButtonType.OK) {
                actions.cancelJob(job);
            }
        });
        return new ContextMenu(export, cancel);
    }

    private void priorityDialog(String task) {
        TextInputDialog dialog = new TextInputDialog();
        dialog.initOwner(d.stage());
        dialog.setTitle("taskshard: priority");
        dialog.setHeaderText("New priority of " + task + " (higher runs first)");
        Optional<String> text = dialog.showAndWait();
        text.ifPresent(t -> {
            try {
                actions.priority(job(), task, Integer.parseInt(t.strip()));
            } catch (NumberFormatException e) {
                d.status.error("the priority must be a whole number, got '" + t + "'");
            }
        });
    }

    private void connectDialog() {
        ConnectDialog dialog = new ConnectDialog(d.stage(), d.options().settings().servers().servers(),
                d.connection().address().authority());
        dialog.showAndWait().ifPresent(choice -> {
            var options = d.options().client().withToken(choice.token());
            d.connect(choice.address(), options);
            d.status.info("showing " + choice.address().authority());
        });
    }

    private void exportTrace() {
        long job = job();
        if (job == 0) {
            d.status.error("select a job to export its trace");
            return;
        }
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export job " + job + " as Chrome trace JSON");
        chooser.setInitialFileName("taskshard-job-" + job + "-trace.json");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Chrome trace JSON", "*.json"));
        File file = chooser.showSaveDialog(d.stage());
        if (file != null) {
            actions.exportTrace(job, file.toPath());
        }
    }

    private void showShortcuts() {
        StringBuilder text = new StringBuilder();
        for (String[] s : SHORTCUTS) {
            text.append(String.format("%-18s %s%n", s[0], s[1]));
        }
        Alert help = new Alert(Alert.AlertType.INFORMATION, text.toString(), ButtonType.OK);
        help.initOwner(d.stage());
        help.setTitle("taskshard: keyboard shortcuts");
        help.setHeaderText("Keyboard shortcuts (Ctrl is Cmd on macOS). Drag a waiting or running bar onto"
                + " another peer's lane to reassign it; right-click a bar for more.");
        help.getDialogPane().setStyle("-fx-font-family: monospace;");
        help.show();
    }

    private void grouping(Timelines.Grouping g) {
        (g == Timelines.Grouping.BY_PEER ? byPeer : byTask).setSelected(true);
        d.setGrouping(g);
    }

    private void withTask(java.util.function.Consumer<String> action) {
        String task = d.gantt.timeline() == null ? null : selectedTask();
        if (task == null) {
            d.status.error("select a task first (click its bar)");
        } else {
            action.accept(task);
        }
    }

    private String selectedTask() {
        return d.selectedTask();
    }

    private long job() {
        return d.jobs.selectedJobId();
    }

    private static Button button(String text, String key, Runnable action) {
        Button b = new Button(text);
        b.setTooltip(new Tooltip(key));
        b.setOnAction(e -> action.run());
        return b;
    }

    private static MenuItem item(String text, Runnable action) {
        MenuItem i = new MenuItem(text);
        i.setOnAction(e -> action.run());
        return i;
    }
}
