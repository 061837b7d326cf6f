package io.taskshard.gui;

import io.taskshard.analysis.Gantt;
import io.taskshard.client.TaskActions;
import io.taskshard.gui.view.GanttView;
import io.taskshard.model.Durations;
import io.taskshard.model.JobRecord;
import io.taskshard.model.TaskRecord;
import io.taskshard.model.TaskState;
import java.util.Optional;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;

/**
 * Reassign and retry of a task, with the confirmations in front of them: a reassignment (dragged
 * or from the menu) always says what it will do and runs only if {@link TaskActions} allows it;
 * restarting a running task shows how far it got, and only a yes sends confirmRunning.
 */
final class TaskCommands {
    private final Dashboard d;
    private final Actions actions;

    TaskCommands(Dashboard dashboard, Actions actions) {
        this.d = dashboard;
        this.actions = actions;
    }

    /** Why the coordinator would refuse to reassign {@code task} now (TaskActions' words), or null. */
    String whyNotReassign(String task) {
        JobRecord job = d.jobs.getSelectionModel().getSelectedItem();
        TaskRecord record = taskRecord(task).orElse(null);
        return job == null || record == null ? null
                : TaskActions.whyNot(job, record, TaskActions.TaskAction.REASSIGN);
    }

    /** Reassign {@code r.taskId()} to {@code r.peerId()} after a confirmation saying what it does. */
    void reassign(GanttView.Reassign r) {
        String why = whyNotReassign(r.taskId());
        if (why != null) {
            d.status.error("cannot reassign " + r.taskId() + ": " + why);
            return;
        }
        Alert confirm = confirmation(ReassignWords.question(r), ReassignWords.consequence(r, progress(r.taskId())),
                r.running() ? "taskshard: restart a running task elsewhere" : "taskshard: reassign a task");
        if (confirm.showAndWait().orElse(ButtonType.CANCEL) != ButtonType.OK) {
            d.status.info("reassignment of " + r.taskId() + " cancelled");
            return;
        }
        actions.reassign(job(), r.taskId(), r.peerId(), r.running());
    }

    /** Retry: a running task restarts only after a confirmation that shows its progress. */
    void retry(String task) {
        boolean running = taskRecord(task).map(t -> t.state() == TaskState.RUNNING).orElse(false);
        if (running && confirmation("Retry the running task " + task + "?", progress(task)
                + "\nIts attempt is cancelled and the task runs again.", "taskshard: restart a running task")
                .showAndWait().orElse(ButtonType.CANCEL) != ButtonType.OK) {
            d.status.info("retry of " + task + " cancelled");
            return;
        }
        actions.retry(job(), task, running);
    }

    private Alert confirmation(String header, String text, String title) {
        Alert confirm = new Alert(Alert.AlertType.CONFIRMATION, text, ButtonType.OK, ButtonType.CANCEL);
        confirm.initOwner(d.stage());
        confirm.setTitle(title);
        confirm.setHeaderText(header);
        confirm.getDialogPane().setId("confirm-" + (header.startsWith("Move") ? "reassign" : "retry"));
        return confirm;
    }

    /** "slow-1 has run 29 s of ~30 s: restart it?" from the live model (expectedMs 0: no estimate). */
    private String progress(String task) {
        TaskRecord record = taskRecord(task).orElse(null);
        if (record == null || record.state() != TaskState.RUNNING) {
            return task + " is running: restart it?";
        }
        var bar = d.gantt.timeline().locate(task).map(ref -> d.gantt.timeline().index().bar(ref.lane(), ref.bar()))
                .filter(b -> b.kind() == Gantt.Kind.ATTEMPT);
        String peer = bar.map(Gantt.Bar::peerId).orElse("its peer");
        long ran = bar.map(b -> Math.max(0, d.options().clock().millis() - b.start())).orElse(-1L);
        String of = record.expectedMs() > 0 ? " of ~" + Durations.format(record.expectedMs()) : "";
        return ran < 0 ? peer + " is running it: restart it?"
                : peer + " has run " + Durations.format(ran) + of + ": restart it?";
    }

    Optional<TaskRecord> taskRecord(String task) {
        return d.connection().model().view().tasks(job()).stream().filter(t -> t.id().equals(task))
                .map(t -> t.task()).findFirst();
    }

    private long job() {
        return d.jobs.selectedJobId();
    }
}
