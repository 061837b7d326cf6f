package io.taskshard.gui.gantt;

import io.taskshard.analysis.Gantt;
import io.taskshard.model.Durations;
import java.util.Locale;

/**
 * How a bar looks and what its tooltip says: colours as 0xRRGGBB (the painter turns them into
 * toolkit colours), the text written on it and the hover text. Pure.
 *
 * <p>Colour = state and task group, like Dask's task stream: a succeeded attempt has its group's
 * hue ({@link TaskGroups}), a running one a lighter tint of it, an assigned one lighter still;
 * the outcomes that need attention keep fixed colours no group hue uses (failed red, runner error
 * orange, lost purple, cancelled grey), as do waiting (yellow) and blocked (light grey) time.
 */
public final class BarStyle {
    /** Succeeded, in the first group's hue (a chart of one group looks as before groups had hues). */
    public static final int SUCCEEDED = 0x4caf50;
    public static final int FAILED = 0xe53935;
    public static final int ERROR = 0xfb8c00;
    public static final int LOST = 0x8e24aa;
    public static final int CANCELLED = 0x9e9e9e;
    public static final int WAITING = 0xffe082;
    public static final int BLOCKED = 0xe0e0e0;
    /** A task that ended cancelled without running (no attempt): darker than a cancelled attempt. */
    public static final int NEVER_RAN = 0x616161;

    /**
     * The groups' hues, for succeeded attempts: none of them red, orange, purple, grey or yellow,
     * so failures, cancellations and waiting time stay recognisable whatever the group.
     */
    static final int[] GROUP_HUES = {SUCCEEDED, 0x1e88e5, 0x00acc1, 0x795548, 0x3949ab, 0x00796b, 0x9ccc65};
    /** How far a running attempt's colour is towards white from its group's hue. */
    static final double RUNNING_TINT = 0.45;
    /** How far an assigned (not yet started) attempt's colour is towards white. */
    static final double ASSIGNED_TINT = 0.7;
    /** How far a bar's outline is towards black from its fill: consecutive bars stay apart. */
    static final double OUTLINE_SHADE = 0.4;
    /** Fills darker than this (0-255, perceived) get white text. */
    static final double DEFAULT_DARK_LUMINANCE = 120;

    private BarStyle() {
    }

    /** The fill colour of a bar of the first group, by its kind and outcome. */
    public static int color(Gantt.Bar bar) {
        return color(bar, 0);
    }

    /**
     * The fill colour of a bar by its kind and outcome, in the hue of group number {@code group}
     * (from {@link Timeline#hue}) for succeeded, running and assigned attempts.
     */
    public static int color(Gantt.Bar bar, int group) {
        int hue = GROUP_HUES[Math.floorMod(group, GROUP_HUES.length)];
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
            case SUCCEEDED -> hue;
            case FAILED -> FAILED;
            case ERROR -> ERROR;
            case LOST -> LOST;
            case CANCELLED -> CANCELLED;
            case RUNNING -> mix(hue, 0xffffff, RUNNING_TINT);
            case ASSIGNED -> mix(hue, 0xffffff, ASSIGNED_TINT);
        };
    }

    /** Whether text on {@code fill} should be white (dark hues such as indigo or brown). */
    public static boolean darkFill(int fill) {
        double luminance = 0.299 * ((fill >> 16) & 0xff) + 0.587 * ((fill >> 8) & 0xff) + 0.114 * (fill & 0xff);
        return luminance < DEFAULT_DARK_LUMINANCE;
    }

    /** The outline of a bar filled with {@code fill}: a darker shade of it. */
    public static int outline(int fill) {
        return mix(fill, 0x000000, OUTLINE_SHADE);
    }

    /**
     * What is written on a bar wide enough: in a by-task lane (the lane names the task) the peer
     * that ran the attempt, elsewhere the task; null for nothing.
     */
    public static String label(Timeline.LaneKind lane, Gantt.Bar bar) {
        if (lane == Timeline.LaneKind.TASK) {
            return bar.kind() == Gantt.Kind.ATTEMPT ? bar.peerId() : null;
        }
        return bar.taskId();
    }

    /** {@code a} moved {@code t} (0..1) of the way towards {@code b}, per channel. */
    static int mix(int a, int b, double t) {
        int out = 0;
        for (int shift = 16; shift >= 0; shift -= 8) {
            int ca = (a >> shift) & 0xff;
            int cb = (b >> shift) & 0xff;
            out |= ((int) Math.round(ca + (cb - ca) * t) & 0xff) << shift;
        }
        return out;
    }

    /** Hover text: task, peer, attempt, times (relative to {@code origin}) and exit code. */
    public static String tooltip(Gantt.Bar bar, long start, long end, long origin) {
        return tooltip(bar, start, end, origin, null);
    }

    /** As {@link #tooltip(Gantt.Bar, long, long, long)}, saying the peer the task is pinned to (null: none). */
    public static String tooltip(Gantt.Bar bar, long start, long end, long origin, String pinnedTo) {
        String text = plainTooltip(bar, start, end, origin);
        return pinnedTo == null ? text : text + "\npinned to " + pinnedTo + " by an operator: only " + pinnedTo
                + " may run it";
    }

    private static String plainTooltip(Gantt.Bar bar, long start, long end, long origin) {
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
