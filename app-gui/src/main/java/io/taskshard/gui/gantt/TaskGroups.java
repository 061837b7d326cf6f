package io.taskshard.gui.gantt;

import io.taskshard.analysis.Gantt;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which group a task belongs to, for its bars' hue (like Dask's task stream colours by task
 * prefix): a target's package ({@code //services/billing:test} is in {@code //services/billing}),
 * else the name without a trailing number ({@code slow-12} is in {@code slow}). Pure.
 */
public final class TaskGroups {
    private TaskGroups() {
    }

    /** The group of {@code taskId}; "" for none. */
    public static String of(String taskId) {
        if (taskId == null) {
            return "";
        }
        int colon = taskId.lastIndexOf(':');
        if (colon > 0) {
            return taskId.substring(0, colon);
        }
        int end = taskId.length();
        while (end > 0 && Character.isDigit(taskId.charAt(end - 1))) {
            end--;
        }
        while (end > 0 && (taskId.charAt(end - 1) == '-' || taskId.charAt(end - 1) == '_' || taskId.charAt(end - 1) == '.')) {
            end--;
        }
        return end == 0 ? taskId : taskId.substring(0, end);
    }

    /**
     * A hue number per task of {@code lanes}: groups numbered in the order they first appear, so
     * the first {@link BarStyle#GROUP_HUES} groups of a chart never share a hue.
     */
    static Map<String, Integer> hues(List<List<Gantt.Bar>> lanes) {
        return huesInOrder(lanes.stream().flatMap(List::stream).map(Gantt.Bar::taskId).toList());
    }

    /**
     * A hue number per task of {@code taskIds}, groups numbered in that order: a job's charts
     * number by its task order, so a task has the same hue by peer and by task.
     */
    public static Map<String, Integer> huesInOrder(List<String> taskIds) {
        Map<String, Integer> groups = new HashMap<>();
        Map<String, Integer> tasks = new HashMap<>();
        for (String task : taskIds) {
            if (task != null && !tasks.containsKey(task)) {
                tasks.put(task, groups.computeIfAbsent(of(task), g -> groups.size()));
            }
        }
        return Map.copyOf(tasks);
    }
}
