package io.taskshard.tui.view;

import io.taskshard.tui.state.Dialog;
import java.util.ArrayList;
import java.util.List;

/** Boxes drawn over the view: the help overlay and the dialogs. */
public final class Overlays {
    /** The help text, one key per line. */
    public static final List<String> HELP = List.of(
            "Views       1 overview   2 gantt   3 comparison   Enter task detail",
            "            Esc back / close   ? this help   q or Ctrl-C quit",
            "Select      Up/Down or k/j   PgUp/PgDn   Tab jobs <-> peers (overview)",
            "            [ and ] previous / next job (ends following new jobs)",
            "            F follow new jobs: a job that starts is selected",
            "Gantt       g by peer <-> by task   + / - zoom in / out   0 fit",
            "            Left/Right, h/l or </> scroll   f or End back to now",
            "Commands    r reassign to a peer   t retry   c cancel task",
            "            p priority   C cancel job   d drain / undrain peer",
            "            every command asks first (y / n); the server's answer",
            "            shows in the status line",
            "Bars        :: blocked  .. waiting  >> running  == succeeded",
            "            XX failed   ?? lost     -- cancelled");

    private Overlays() {
    }

    public static void help(Canvas c) {
        box(c, "Help (any key closes)", HELP, Style.DIALOG);
    }

    public static void dialog(Canvas c, Dialog dialog) {
        switch (dialog) {
            case Dialog.Confirm confirm -> box(c, "Confirm", List.of(confirm.action().describe() + "?", "",
                    "y / Enter: send    n / Esc: cancel"), Style.DIALOG);
            case Dialog.PeerPicker picker -> {
                List<String> lines = new ArrayList<>();
                lines.add("Reassign " + picker.taskId() + " to:");
                if (!picker.running().isEmpty()) {
                    lines.add("(" + picker.running() + ": it restarts there)");
                }
                lines.add("");
                int header = lines.size();
                if (picker.peers().isEmpty()) {
                    lines.add("  (no eligible peer: none connected, undrained, in this job)");
                }
                for (int i = 0; i < picker.peers().size(); i++) {
                    String load = i < picker.loads().size() ? "  " + picker.loads().get(i) : "";
                    lines.add((i == picker.selected() ? "> " : "  ") + Text.fit(picker.peers().get(i), 14) + load);
                }
                lines.add("");
                lines.add("Up/Down choose   Enter pick   Esc cancel");
                int selectedLine = picker.peers().isEmpty() ? -1 : header + picker.selected();
                box(c, "Reassign", lines, Style.DIALOG, selectedLine);
            }
            case Dialog.PriorityPrompt prompt -> box(c, "Priority", List.of("Priority of " + prompt.taskId()
                    + " (now " + prompt.current() + "):", "", "  new: " + prompt.text() + "_", "",
                    "digits, - ; +/Up and Down step; Enter ok; Esc cancel"), Style.DIALOG);
        }
    }

    private static void box(Canvas c, String title, List<String> lines, Style style) {
        box(c, title, lines, style, -1);
    }

    private static void box(Canvas c, String title, List<String> lines, Style style, int selectedLine) {
        int inner = Math.max(title.length() + 2, lines.stream().mapToInt(String::length).max().orElse(0));
        inner = Math.min(inner, c.width() - 4);
        int w = inner + 4;
        int h = Math.min(lines.size() + 2, c.height());
        int x = Math.max(0, (c.width() - w) / 2);
        int y = Math.max(0, (c.height() - h) / 2);
        c.put(x, y, "+" + "-".repeat(w - 2) + "+", Style.DIALOG_TITLE);
        c.put(x + 2, y, " " + title + " ", Style.DIALOG_TITLE);
        for (int i = 0; i < h - 2; i++) {
            c.put(x, y + 1 + i, "| " + Text.fit(lines.get(i), inner) + " |", i == selectedLine ? Style.SELECTED : style);
        }
        c.put(x, y + h - 1, "+" + "-".repeat(w - 2) + "+", Style.DIALOG_TITLE);
    }
}
