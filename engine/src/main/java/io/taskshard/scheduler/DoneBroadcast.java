package io.taskshard.scheduler;

import io.taskshard.model.PeerState;
import io.taskshard.protocol.CoordinatorMessage;
import io.taskshard.protocol.CoordinatorMessage.DoneTask;
import java.util.ArrayList;
import java.util.List;

/**
 * The task-done entries of one job on their way to its peers. Every peer must hear of every
 * task, coalesced to at most one frame per peer per interval (PROTOCOL.md). Sending the whole
 * job's frame to every peer at the same tick made a burst of work every interval (a hundred
 * copies of a 250 KB frame at once) that delayed assigns queued behind it; so the peers are
 * split into {@link #GROUPS} groups by id and, one group per step of a fifth of the interval,
 * each group gets a frame of what ended since its last one. Each group still hears at most
 * once per interval, and its frame is one object shared by the group (encoded once).
 */
final class DoneBroadcast {
    /** Peer groups flushed in turn; each step is a {@code 1/GROUPS} of the interval. */
    static final int GROUPS = 5;

    private final List<List<DoneTask>> pending = new ArrayList<>(GROUPS);
    /** The group flushed at the next step. */
    private int next;
    private long lastStepAt = Long.MIN_VALUE;

    DoneBroadcast() {
        for (int g = 0; g < GROUPS; g++) {
            pending.add(new ArrayList<>());
        }
    }

    static int groupOf(String peerId) {
        return Math.floorMod(peerId.hashCode(), GROUPS);
    }

    void add(DoneTask done) {
        for (List<DoneTask> group : pending) {
            group.add(done);
        }
    }

    private boolean isEmpty() {
        return pending.stream().allMatch(List::isEmpty);
    }

    /** When a step is due ({@code intervalMs / GROUPS} after the last), flushes the next group. */
    void step(Iterable<Peer> peers, long intervalMs, long now, Out out) {
        if (isEmpty() || (lastStepAt != Long.MIN_VALUE && now - lastStepAt < intervalMs / GROUPS)) {
            return;
        }
        lastStepAt = now;
        flush(next, peers, out);
        next = (next + 1) % GROUPS;
    }

    /** Sends every group what it has not heard yet (the job ends: nothing may be held back). */
    void flushAll(Iterable<Peer> peers, Out out) {
        for (int g = 0; g < GROUPS; g++) {
            flush(g, peers, out);
        }
    }

    private void flush(int group, Iterable<Peer> peers, Out out) {
        List<DoneTask> entries = pending.get(group);
        if (entries.isEmpty()) {
            return;
        }
        CoordinatorMessage.TaskDone frame = new CoordinatorMessage.TaskDone(List.copyOf(entries));
        entries.clear();
        for (Peer p : peers) {
            if (p.state == PeerState.CONNECTED && p.doneGroup == group) {
                out.send(p.id, frame);
            }
        }
    }
}
