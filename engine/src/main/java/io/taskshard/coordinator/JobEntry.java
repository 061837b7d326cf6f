package io.taskshard.coordinator;

import io.taskshard.model.AttemptRecord;
import io.taskshard.model.JobRecord;
import io.taskshard.model.TaskRecord;
import io.taskshard.model.TaskSpec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One job in the {@link ReadModel}: its specs (fixed at creation) and the latest record of its
 * job, tasks and attempts. Written by the coordinator thread only; read from any thread.
 */
final class JobEntry {
    volatile JobRecord job;
    final List<TaskSpec> specs;
    final Map<String, TaskSpec> specById;
    final Map<String, Integer> specOrder;
    final ConcurrentHashMap<String, TaskRecord> tasks = new ConcurrentHashMap<>();
    final ConcurrentHashMap<Long, AttemptRecord> attempts = new ConcurrentHashMap<>();

    JobEntry(JobRecord job, List<TaskSpec> specs) {
        this.job = job;
        this.specs = List.copyOf(specs);
        Map<String, TaskSpec> byId = new HashMap<>();
        Map<String, Integer> order = new HashMap<>();
        for (int i = 0; i < this.specs.size(); i++) {
            byId.put(this.specs.get(i).id(), this.specs.get(i));
            order.put(this.specs.get(i).id(), i);
        }
        this.specById = Map.copyOf(byId);
        this.specOrder = Map.copyOf(order);
    }

    /** Tasks in schema order (tasks without a spec last, by uid). */
    List<TaskRecord> orderedTasks() {
        List<TaskRecord> out = new ArrayList<>(tasks.values());
        out.sort(Comparator.comparingInt((TaskRecord t) -> specOrder.getOrDefault(t.taskId(), Integer.MAX_VALUE))
                .thenComparingLong(TaskRecord::uid));
        return out;
    }

    List<AttemptRecord> orderedAttempts() {
        List<AttemptRecord> out = new ArrayList<>(attempts.values());
        out.sort(Comparator.comparingLong(AttemptRecord::lease));
        return out;
    }
}
