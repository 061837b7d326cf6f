package io.taskshard.analysis;

import io.taskshard.model.AttemptRecord;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Where attempts sit on the time axis, and which slot lane of its peer each one takes.
 * The span of an attempt is the time its peer slot was held: from assignment to end.
 */
final class AttemptSpans {
    /** Shortest time an attempt is taken to hold its lane when lanes are assigned. */
    static final long MIN_LANE_HOLD_MS = 1;

    private AttemptSpans() {
    }

    /** When the attempt took its slot: assignment, or its start when no assignment time was recorded. */
    static long start(AttemptRecord a) {
        return a.assignedAt() > 0 ? a.assignedAt() : a.startedAt();
    }

    /** When it gave the slot back: its end, {@code now} while live; never before its start. */
    static long end(AttemptRecord a, long now) {
        long start = start(a);
        long end;
        if (a.state().isLive()) {
            end = now;
        } else {
            // An ended attempt without an end time (should not happen) is drawn as zero length, not guessed.
            end = a.endedAt() > 0 ? a.endedAt() : Math.max(a.startedAt(), start);
        }
        return Math.max(start, end);
    }

    /** Slot numbers (1-based, index-aligned with the attempts) and how many lanes each peer needed. */
    record Slots(int[] slotOf, Map<String, Integer> lanesByPeer) {
    }

    /**
     * Greedy interval colouring per peer: attempts in start order take the lowest slot that is
     * free at their start, so overlapping attempts of one peer never share a slot, and a peer
     * uses as many lanes as it ever held attempts at once. An attempt ending exactly when the
     * next starts hands its slot on. For this purpose every attempt holds its slot for at least
     * {@link #MIN_LANE_HOLD_MS}, so an instant attempt (cancelled the moment it was assigned)
     * gets a lane of its own instead of vanishing under, or on top of, another bar.
     */
    static Slots assign(List<AttemptRecord> attempts, long now) {
        int n = attempts.size();
        long[] start = new long[n];
        long[] end = new long[n];
        Map<String, List<Integer>> byPeer = new HashMap<>();
        for (int i = 0; i < n; i++) {
            AttemptRecord a = attempts.get(i);
            start[i] = start(a);
            end[i] = Math.max(end(a, now), start[i] + MIN_LANE_HOLD_MS);
            byPeer.computeIfAbsent(a.peerId(), p -> new ArrayList<>()).add(i);
        }
        int[] slotOf = new int[n];
        Map<String, Integer> lanesByPeer = new HashMap<>();
        Comparator<Integer> byStart = Comparator.<Integer>comparingLong(i -> start[i])
                .thenComparingLong(i -> end[i])
                .thenComparingLong(i -> attempts.get(i).lease());
        for (Map.Entry<String, List<Integer>> peer : byPeer.entrySet()) {
            List<Integer> order = peer.getValue();
            order.sort(byStart);
            PriorityQueue<long[]> busy = new PriorityQueue<>(Comparator.<long[]>comparingLong(b -> b[0])
                    .thenComparingLong(b -> b[1]));
            PriorityQueue<Integer> free = new PriorityQueue<>();
            int lanes = 0;
            for (int i : order) {
                while (!busy.isEmpty() && busy.peek()[0] <= start[i]) {
                    free.add((int) busy.poll()[1]);
                }
                int slot = free.isEmpty() ? ++lanes : free.poll();
                slotOf[i] = slot;
                busy.add(new long[] {end[i], slot});
            }
            lanesByPeer.put(peer.getKey(), lanes);
        }
        return new Slots(slotOf, lanesByPeer);
    }

    static String lane(String peerId, int slot) {
        return peerId + "#" + slot;
    }
}
