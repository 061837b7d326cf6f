package io.taskshard.model;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * Whether a task of a submitted job can go to any connected worker, and if not, why. The
 * scheduler uses the same rule ({@link #fits}) when it hands out work, so what the operator
 * is told is what the scheduler does. Pure.
 */
public final class Placement {
    /** At most this many workers are named in one hold reason. */
    public static final int MAX_WORKERS_NAMED = 5;

    private Placement() {
    }

    /** A peer offering {@code labels} and {@code offer} may run a task needing {@code spec}'s labels and resources. */
    public static boolean fits(TaskSpec spec, List<String> labels, Resources offer) {
        return labels.containsAll(spec.labels()) && spec.resources().fitsIn(offer);
    }

    /**
     * Why a ready task of a submitted job is on hold: no connected, undrained worker fits it.
     * Null when some worker fits (the task then only waits for a free slot).
     */
    public static String holdReason(TaskSpec spec, Collection<PeerRecord> peers) {
        List<String> why = new ArrayList<>();
        int workers = 0;
        for (PeerRecord p : peers) {
            if (!p.worker() || p.state() != PeerState.CONNECTED) {
                continue;
            }
            workers++;
            String not = whyNot(spec, p);
            if (not == null) {
                return null;
            }
            if (why.size() < MAX_WORKERS_NAMED) {
                why.add(p.id() + " " + not);
            }
        }
        if (workers == 0) {
            return "no worker is connected";
        }
        String more = workers > why.size() ? "; and " + (workers - why.size()) + " more" : "";
        return "no connected worker fits: " + String.join("; ", why) + more;
    }

    /**
     * Why this peer cannot take the task ("lacks label gpu", "offers cpu 2 < 4", "is draining"),
     * or null when it can; slots and connection are not considered. Public for the dashboards'
     * wait reasons of shared jobs' tasks ({@code analysis.TaskWaits}), which use the same words.
     */
    public static String whyNot(TaskSpec spec, PeerRecord p) {
        List<String> missing = spec.labels().stream().filter(l -> !p.labels().contains(l)).toList();
        if (!missing.isEmpty()) {
            return "lacks label" + (missing.size() == 1 ? " " : "s ") + String.join(", ", missing);
        }
        Resources need = spec.resources();
        Resources offer = p.resources();
        if (offer.cpu() != 0 && need.cpu() > offer.cpu()) {
            return "offers cpu " + number(offer.cpu()) + " < " + number(need.cpu());
        }
        if (offer.memoryMb() != 0 && need.memoryMb() > offer.memoryMb()) {
            return "offers memoryMb " + offer.memoryMb() + " < " + need.memoryMb();
        }
        if (p.draining()) {
            return "is draining";
        }
        return null;
    }

    private static String number(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.2f", v);
    }
}
