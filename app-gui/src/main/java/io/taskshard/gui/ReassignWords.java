package io.taskshard.gui;

import io.taskshard.gui.view.GanttView;

/**
 * What the confirmation of a reassignment says it will do: the task, the peer it is on (or that it
 * waits), the peer it goes to and what happens to a running attempt. Pure.
 */
final class ReassignWords {
    private ReassignWords() {
    }

    /** "Move //a:b from peer p1 to p2?" (running), "Move //a:b (waiting) to peer p2?" (not started). */
    static String question(GanttView.Reassign r) {
        return r.running() && r.fromPeer() != null
                ? "Move " + r.taskId() + " from peer " + r.fromPeer() + " to " + r.peerId() + "?"
                : "Move " + r.taskId() + " (waiting) to peer " + r.peerId() + "?";
    }

    /**
     * The consequence; for a running task after its progress ("p1 has run 29 s of ~30 s: restart
     * it?", the words of the running-task confirmation of retry).
     */
    static String consequence(GanttView.Reassign r, String progress) {
        String pin = "only " + r.peerId() + " may take it from now on";
        return r.running()
                ? progress + "\nIts attempt on " + (r.fromPeer() == null ? "its peer" : r.fromPeer())
                        + " is cancelled and it starts again on " + r.peerId() + ": " + pin + "."
                : "It is pinned to " + r.peerId() + ": " + pin + "; it waits until " + r.peerId()
                        + " has a free slot.";
    }
}
