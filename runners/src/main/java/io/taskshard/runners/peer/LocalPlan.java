package io.taskshard.runners.peer;

import io.taskshard.model.TaskSpec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The order a peer runs a schema in on its own ({@code --fallback-local}): a task is ready when
 * every task it {@code needs} succeeded; ready tasks go by priority (higher first), then schema
 * order; a task whose need failed is skipped, and so are the tasks needing it. Pure.
 */
final class LocalPlan {
    private enum State { WAITING, RUNNING, SUCCEEDED, FAILED, SKIPPED }

    private final List<TaskSpec> tasks;
    private final Map<String, Integer> order = new HashMap<>();
    private final Map<String, TaskSpec> byId = new HashMap<>();
    private final Map<String, State> state = new HashMap<>();
    private final Map<String, List<String>> dependents = new HashMap<>();

    LocalPlan(List<TaskSpec> tasks) {
        this.tasks = List.copyOf(tasks);
        for (int i = 0; i < tasks.size(); i++) {
            TaskSpec t = tasks.get(i);
            order.put(t.id(), i);
            byId.put(t.id(), t);
            state.put(t.id(), State.WAITING);
        }
        for (TaskSpec t : tasks) {
            for (String need : t.needs()) {
                dependents.computeIfAbsent(need, k -> new ArrayList<>()).add(t.id());
            }
        }
    }

    /** Up to {@code max} ready tasks, now marked running, best first. */
    List<TaskSpec> take(int max) {
        List<TaskSpec> ready = new ArrayList<>();
        for (TaskSpec t : tasks) {
            if (state.get(t.id()) == State.WAITING && t.needs().stream()
                    .allMatch(n -> state.get(n) == State.SUCCEEDED || !byId.containsKey(n))) {
                ready.add(t);
            }
        }
        ready.sort(Comparator.comparingInt(TaskSpec::priority).reversed()
                .thenComparingInt(t -> order.get(t.id())));
        List<TaskSpec> taken = ready.subList(0, Math.min(Math.max(0, max), ready.size()));
        taken.forEach(t -> state.put(t.id(), State.RUNNING));
        return List.copyOf(taken);
    }

    /** A running task goes back to waiting (it is retried). */
    void retry(String id) {
        state.put(id, State.WAITING);
    }

    void succeeded(String id) {
        state.put(id, State.SUCCEEDED);
    }

    /** The task failed for good: everything that needs it, directly or not, is skipped. */
    void failed(String id) {
        state.put(id, State.FAILED);
        List<String> todo = new ArrayList<>(dependents.getOrDefault(id, List.of()));
        while (!todo.isEmpty()) {
            String d = todo.removeLast();
            if (state.get(d) == State.WAITING) {
                state.put(d, State.SKIPPED);
                todo.addAll(dependents.getOrDefault(d, List.of()));
            }
        }
    }

    /**
     * True when nothing runs and nothing waits. (Schemas have no cycles, and a failure skips its
     * dependents, so while nothing runs a waiting task always has a ready one ahead of it.)
     */
    boolean isOver() {
        return state.values().stream().noneMatch(s -> s == State.RUNNING || s == State.WAITING);
    }

    /** Tasks that failed, then tasks skipped because of them, in schema order each. */
    List<String> failedTasks() {
        Set<String> out = new LinkedHashSet<>();
        tasks.stream().filter(t -> state.get(t.id()) == State.FAILED).forEach(t -> out.add(t.id()));
        tasks.stream().filter(t -> state.get(t.id()) == State.SKIPPED).forEach(t -> out.add(t.id()));
        return List.copyOf(out);
    }

    int skippedCount() {
        return (int) state.values().stream().filter(s -> s == State.SKIPPED).count();
    }
}
