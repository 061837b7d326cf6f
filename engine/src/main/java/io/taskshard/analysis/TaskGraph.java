package io.taskshard.analysis;

import io.taskshard.model.TaskSpec;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The tasks of a job as a dependency graph over indices (spec order), with a topological order.
 * Built once per computation so the schedules and bounds work on int arrays, not maps.
 */
final class TaskGraph {
    /** How many task ids a cycle error names before it abbreviates. */
    private static final int MAX_NAMED_IN_ERROR = 10;

    final List<String> ids;
    final Map<String, Integer> index;
    final int[][] needs;
    final int[][] dependents;
    /** Every task after all of its needs. */
    final int[] topoOrder;

    private TaskGraph(List<String> ids, Map<String, Integer> index, int[][] needs, int[][] dependents,
            int[] topoOrder) {
        this.ids = ids;
        this.index = index;
        this.needs = needs;
        this.dependents = dependents;
        this.topoOrder = topoOrder;
    }

    /**
     * @throws IllegalArgumentException on a duplicate task id, a need naming no task of the job,
     *                                  or needs that form a cycle (naming the tasks involved)
     */
    static TaskGraph of(List<TaskSpec> specs) {
        int n = specs.size();
        List<String> ids = new ArrayList<>(n);
        Map<String, Integer> index = new HashMap<>(n * 2);
        for (TaskSpec spec : specs) {
            if (index.putIfAbsent(spec.id(), ids.size()) != null) {
                throw new IllegalArgumentException("task id '" + spec.id() + "' appears twice in the job's task list");
            }
            ids.add(spec.id());
        }
        int[][] needs = new int[n][];
        int[] dependentCount = new int[n];
        for (int i = 0; i < n; i++) {
            List<String> named = specs.get(i).needs();
            needs[i] = new int[named.size()];
            for (int k = 0; k < named.size(); k++) {
                Integer need = index.get(named.get(k));
                if (need == null) {
                    throw new IllegalArgumentException("task '" + ids.get(i) + "' needs '" + named.get(k)
                            + "', which is not a task of this job");
                }
                needs[i][k] = need;
                dependentCount[need]++;
            }
        }
        int[][] dependents = new int[n][];
        for (int i = 0; i < n; i++) {
            dependents[i] = new int[dependentCount[i]];
        }
        int[] filled = new int[n];
        for (int i = 0; i < n; i++) {
            for (int need : needs[i]) {
                dependents[need][filled[need]++] = i;
            }
        }
        return new TaskGraph(List.copyOf(ids), index, needs, dependents, topologicalOrder(ids, needs, dependents));
    }

    int size() {
        return ids.size();
    }

    private static int[] topologicalOrder(List<String> ids, int[][] needs, int[][] dependents) {
        int n = ids.size();
        int[] open = new int[n];
        ArrayDeque<Integer> ready = new ArrayDeque<>();
        for (int i = 0; i < n; i++) {
            open[i] = needs[i].length;
            if (open[i] == 0) {
                ready.add(i);
            }
        }
        int[] order = new int[n];
        int count = 0;
        while (!ready.isEmpty()) {
            int task = ready.poll();
            order[count++] = task;
            for (int dependent : dependents[task]) {
                if (--open[dependent] == 0) {
                    ready.add(dependent);
                }
            }
        }
        if (count < n) {
            List<String> stuck = new ArrayList<>();
            for (int i = 0; i < n && stuck.size() < MAX_NAMED_IN_ERROR; i++) {
                if (open[i] > 0) {
                    stuck.add(ids.get(i));
                }
            }
            throw new IllegalArgumentException("the needs of " + (n - count)
                    + " task(s) form a cycle, so they can never become ready: " + String.join(", ", stuck) + (n - count > stuck.size() ? ", ..." : ""));
        }
        return order;
    }
}
