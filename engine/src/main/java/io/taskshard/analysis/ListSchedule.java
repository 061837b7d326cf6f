package io.taskshard.analysis;

import java.util.Comparator;
import java.util.PriorityQueue;

/**
 * Greedy list scheduling of a task graph on identical slots, with zero overhead: whenever a slot
 * is free and a task is ready (all its needs ended), the longest ready task starts on the lowest
 * free slot. Ties go to spec order. Times start at 0.
 *
 * @param makespan when the last task ends
 * @param start    start per task index
 * @param end      end per task index
 * @param slot     1-based slot per task index
 */
record ListSchedule(long makespan, long[] start, long[] end, int[] slot) {

    static ListSchedule run(TaskGraph graph, long[] durations, int slots) {
        if (slots < 1) {
            throw new IllegalArgumentException("a schedule needs at least 1 slot, got " + slots);
        }
        int n = graph.size();
        long[] start = new long[n];
        long[] end = new long[n];
        int[] slotOf = new int[n];
        int[] open = new int[n];
        PriorityQueue<Integer> ready = new PriorityQueue<>(
                Comparator.<Integer>comparingLong(i -> -durations[i]).thenComparingInt(i -> i));
        for (int i = 0; i < n; i++) {
            open[i] = graph.needs[i].length;
            if (open[i] == 0) {
                ready.add(i);
            }
        }
        PriorityQueue<Integer> free = new PriorityQueue<>();
        for (int s = 1; s <= Math.min(slots, Math.max(n, 1)); s++) {
            free.add(s);
        }
        PriorityQueue<Integer> running = new PriorityQueue<>(
                Comparator.<Integer>comparingLong(i -> end[i]).thenComparingInt(i -> slotOf[i]));
        long now = 0;
        long makespan = 0;
        while (true) {
            while (!ready.isEmpty() && !free.isEmpty()) {
                int task = ready.poll();
                start[task] = now;
                end[task] = now + durations[task];
                slotOf[task] = free.poll();
                running.add(task);
            }
            if (running.isEmpty()) {
                break;
            }
            now = end[running.peek()];
            // Free every slot ending now before choosing, so the longest of all newly ready tasks goes first.
            while (!running.isEmpty() && end[running.peek()] == now) {
                int done = running.poll();
                makespan = Math.max(makespan, end[done]);
                free.add(slotOf[done]);
                for (int dependent : graph.dependents[done]) {
                    if (--open[dependent] == 0) {
                        ready.add(dependent);
                    }
                }
            }
        }
        return new ListSchedule(makespan, start, end, slotOf);
    }
}
