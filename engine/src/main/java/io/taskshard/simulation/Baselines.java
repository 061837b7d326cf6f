package io.taskshard.simulation;

import java.util.PriorityQueue;

/**
 * What other ways of splitting the same tasks would take, with zero overhead, for comparison
 * with the scheduler: pure arithmetic on a {@link Workload}'s actual durations.
 */
public final class Baselines {
    private Baselines() {
    }

    /**
     * A FIFO dynamic queue (ci-queue, Knapsack Pro queue mode): tasks in schema order, each slot
     * that frees takes the next one. Knows nothing of durations.
     */
    public static long fifoQueue(Workload w, int totalSlots) {
        return listSchedule(w.actualMs(), 0, 1, totalSlots);
    }

    /**
     * A static split by count (round-robin shards, e.g. {@code --shard i/N}): task k goes to peer
     * {@code k mod peers} before anything runs; each peer works through its own share on its
     * slots. The job ends when the slowest shard does.
     */
    public static long staticSplit(Workload w, int peers, int slotsPerPeer) {
        long makespan = 0;
        for (int peer = 0; peer < peers; peer++) {
            makespan = Math.max(makespan, listSchedule(w.actualMs(), peer, peers, slotsPerPeer));
        }
        return makespan;
    }

    /** Tasks first, first+step, ... in that order on {@code slots} identical slots. */
    private static long listSchedule(long[] durations, int first, int step, int slots) {
        PriorityQueue<Long> slotFreeAt = new PriorityQueue<>();
        for (int s = 0; s < slots; s++) {
            slotFreeAt.add(0L);
        }
        long makespan = 0;
        for (int i = first; i < durations.length; i += step) {
            long end = slotFreeAt.poll() + durations[i];
            makespan = Math.max(makespan, end);
            slotFreeAt.add(end);
        }
        return makespan;
    }
}
