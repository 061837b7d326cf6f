package io.taskshard.coordinator;

import io.taskshard.model.AttemptRecord;
import io.taskshard.model.JobRecord;
import io.taskshard.model.TaskRecord;
import io.taskshard.model.TaskSpec;
import java.util.ArrayList;
import java.util.Collections;
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
    final ConcurrentHashMap<String, TaskRecord> tasks;
    final ConcurrentHashMap<Long, AttemptRecord> attempts = new ConcurrentHashMap<>();

    JobEntry(JobRecord job, List<TaskSpec> specs) {
        this.job = job;
        this.specs = List.copyOf(specs);
        this.tasks = new ConcurrentHashMap<>(Math.max(16, this.specs.size())); // no rehash while loading
        Map<String, TaskSpec> byId = HashMap.newHashMap(this.specs.size());
        for (TaskSpec spec : this.specs) {
            byId.put(spec.id(), spec);
        }
        this.specById = Collections.unmodifiableMap(byId);
    }

    /** Tasks in schema order (tasks without a spec last, by uid). */
    List<TaskRecord> orderedTasks() {
        // Walking the specs is O(n); sorting by a looked-up index cost n log n map probes, a
        // third of recovering a 1,000,000-task job.
        List<TaskRecord> out = new ArrayList<>(tasks.size());
        for (TaskSpec spec : specs) {
            TaskRecord t = tasks.get(spec.id());
            if (t != null) {
                out.add(t);
            }
        }
        if (out.size() < tasks.size()) {
            tasks.values().stream().filter(t -> !specById.containsKey(t.taskId()))
                    .sorted(Comparator.comparingLong(TaskRecord::uid)).forEach(out::add);
        }
        return out;
    }

    List<AttemptRecord> orderedAttempts() {
        List<AttemptRecord> out = new ArrayList<>(attempts.values());
        out.sort(Comparator.comparingLong(AttemptRecord::lease));
        return out;
    }
}
