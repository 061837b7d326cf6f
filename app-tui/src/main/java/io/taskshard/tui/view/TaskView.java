package io.taskshard.tui.view;

import io.taskshard.model.AttemptRecord;
import io.taskshard.model.Durations;
import io.taskshard.model.TaskRecord;
import io.taskshard.model.TaskSpec;
import io.taskshard.tui.state.Scene;
import io.taskshard.tui.state.ViewState;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One task: its state and spec (needs, labels), why it waits when it does ({@link TaskWait}), a
 * table of its attempts (peer, times relative to the job's start, outcome, exit code, why it
 * ended) and the log tail of the chosen attempt.
 */
public final class TaskView {
    private TaskView() {
    }

    public static void render(Canvas c, Scene scene, ViewState state, int top, int bottom) {
        Optional<TaskPick> pick = Selection.taskByUid(scene, state, state.taskUid());
        if (pick.isEmpty()) {
            c.put(1, top + 1, "Task " + state.taskUid() + " is not known here (its job may have left memory).",
                    Style.DIM);
            return;
        }
        TaskPick t = pick.get();
        TaskRecord r = t.task();
        long origin = t.job().job().createdAt();
        c.put(0, top, Text.fit("task " + r.taskId() + "  (uid " + r.uid() + ", job " + r.jobId() + ")", c.width()),
                Style.BOLD);
        String line2 = String.format(Locale.ROOT, "state %s   priority %d   attempts %d/%d   reassigned to %s",
                r.state().wire(), r.priority(), r.attemptsUsed(), t.spec().attempts(),
                r.preferredPeer() == null ? "-" : r.preferredPeer());
        c.put(0, top + 1, Text.fit(line2, c.width()), Style.NORMAL);
        String needs = t.spec().needs().isEmpty() ? "-" : String.join(" ", t.spec().needs());
        String labels = t.spec().labels().isEmpty() ? "-" : String.join(" ", t.spec().labels());
        c.put(0, top + 2, Text.fit("needs " + needs + "   labels " + labels + what(t.spec()), c.width()), Style.DIM);
        String why = TaskWait.why(t.job(), r, t.spec(), scene.live().peers(), scene.now());
        if (why != null) {
            c.put(0, top + 3, Text.fit(why, c.width()), Style.WARN);
        }

        List<AttemptRecord> attempts = t.attempts();
        int y = top + 4;
        c.put(0, y, Text.fit(String.format(Locale.ROOT, "  %-3s %-12s %-10s %9s %9s %8s %5s  %s", "#", "peer", "outcome",
                "started", "ended", "took", "exit", "reason"), c.width()), Style.BOLD);
        int chosen = state.attempt() < 0 || state.attempt() >= attempts.size() ? attempts.size() - 1 : state.attempt();
        int tableRows = Math.max(1, Math.min(attempts.size(), (bottom - y) / 2));
        int first = Math.max(0, Math.min(chosen - tableRows + 1, attempts.size() - tableRows));
        for (int i = 0; i < tableRows && first + i < attempts.size(); i++) {
            AttemptRecord a = attempts.get(first + i);
            boolean selected = first + i == chosen;
            long end = a.state().isLive() ? scene.now() : a.endedAt();
            long began = a.startedAt() > 0 ? a.startedAt() : a.assignedAt();
            String row = String.format(Locale.ROOT, "%s %-3d %-12s %-10s %9s %9s %8s %5s  %s",
                    selected ? ">" : " ", a.attempt(), Text.fit(a.peerId(), 12).strip(), a.state().wire(),
                    rel(began, origin), rel(a.endedAt(), origin),
                    end > 0 && began > 0 ? Durations.format(Math.max(0, end - began)) : "-",
                    a.exitCode() == null ? "-" : a.exitCode().toString(), a.reason() == null ? "" : a.reason());
            c.put(0, y + 1 + i, Text.fit(row, c.width()), selected ? Style.SELECTED : Glyphs.of(a.state()).style());
        }
        if (attempts.isEmpty()) {
            c.put(2, y + 1, "no attempt yet", Style.DIM);
            return;
        }
        AttemptRecord shown = attempts.get(chosen);
        int logTop = y + 2 + tableRows;
        c.put(0, logTop, Text.fit("log of attempt " + shown.attempt() + " on " + shown.peerId() + " (tail):",
                c.width()), Style.BOLD);
        List<String> lines = shown.log() == null || shown.log().isBlank() ? List.of("(no log reported"
                + (shown.state().isLive() ? " yet: peers send it when the attempt ends)" : ")"))
                : shown.log().lines().toList();
        int room = Math.max(0, bottom - logTop);
        List<String> tail = lines.subList(Math.max(0, lines.size() - room), lines.size());
        for (int i = 0; i < tail.size(); i++) {
            c.put(0, logTop + 1 + i, Text.fit("  " + tail.get(i).replace('\t', ' '), c.width()), Style.NORMAL);
        }
    }

    /** What the task runs: its command, else its target, else (simulated) how long it sleeps; "" for none. */
    static String what(TaskSpec spec) {
        if (spec.command() != null) {
            return "   command " + spec.command();
        }
        if (spec.target() != null) {
            return "   target " + spec.target();
        }
        Object simulate = spec.extra().get("simulate");
        return simulate == null ? "" : "   simulate " + simulate;
    }

    /** {@code +1.2s} from the job's start; {@code -} when not yet. */
    static String rel(long at, long origin) {
        return at <= 0 ? "-" : "+" + Durations.format(Math.max(0, at - origin));
    }
}
