package io.taskshard.gui.gantt;

import io.taskshard.analysis.Gantt;
import io.taskshard.model.Durations;
import java.util.Locale;

/**
 * How a bar looks and what its tooltip says: colours by outcome as 0xRRGGBB (the painter turns
 * them into toolkit colours), and the hover text. Pure.
 */
public final class BarStyle {
    public static final int SUCCEEDED = 0x4caf50;
    public static final int FAILED = 0xe53935;
    public static final int ERROR = 0xfb8c00;
    public static final int LOST = 0x8e24aa;
    public static final int CANCELLED = 0x9e9e9e;
    public static final int RUNNING = 0x1e88e5;
    public static final int ASSIGNED = 0x90caf9;
    public static final int WAITING = 0xffe082;
    public static final int BLOCKED = 0xe0e0e0;
    /** A task that ended cancelled without running (no attempt): darker than a cancelled attempt. */
    public static final int NEVER_RAN = 0x616161;

    private BarStyle() {
    }

    /** The fill colour of a bar, by its kind and outcome. */
    public static int color(Gantt.Bar bar) {
        if (bar.kind() == Gantt.Kind.WAITING) {
            return WAITING;
        }
        if (bar.kind() == Gantt.Kind.BLOCKED) {
            return BLOCKED;
        }
        if (bar.kind() == Gantt.Kind.CANCELLED || bar.state() == null) {
            return NEVER_RAN; // no attempt, so no attempt state: painting it threw on every frame
        }
        return switch (bar.state()) {
            case SUCCEEDED -> SUCCEEDED;
            case FAILED -> FAILED;
            case ERROR -> ERROR;
            case LOST -> LOST;
            case CANCELLED -> CANCELLED;
            case RUNNING -> RUNNING;
            case ASSIGNED -> ASSIGNED;
        };
    }

    /** Hover text: task, peer, attempt, times (relative to {@code origin}) and exit code. */
    public static String tooltip(Gantt.Bar bar, long start, long end, long origin) {
        StringBuilder s = new StringBuilder(bar.taskId() == null ? "" : bar.taskId());
        String times = String.format(Locale.ROOT, "%s to %s (%s)", offset(start - origin), offset(end - origin),
                Durations.format(Math.max(0, end - start)));
        if (bar.kind() != Gantt.Kind.ATTEMPT) {
            s.append('\n').append(switch (bar.kind()) {
                case WAITING -> "waiting";
                case BLOCKED -> "blocked on its needs";
                default -> "cancelled: it never ran";
            });
            return s.append('\n').append(times).toString();
        }
        if (bar.peerId() != null) {
            s.append("\npeer ").append(bar.peerId());
        }
        if (bar.attempt() > 0) {
            s.append(", attempt ").append(bar.attempt());
        }
        if (bar.lease() > 0) {
            s.append(" (lease ").append(bar.lease()).append(')');
        }
        s.append('\n').append(bar.state().wire()).append(", ").append(times);
        if (bar.exitCode() != null) {
            s.append("\nexit code ").append(bar.exitCode());
        }
        return s.toString();
    }

    private static String offset(long ms) {
        return (ms < 0 ? "-" : "+") + Durations.format(Math.abs(ms));
    }
}
