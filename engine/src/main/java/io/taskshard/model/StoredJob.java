package io.taskshard.model;

import java.util.List;

/**
 * A whole job as the store holds it: its record, specs in schema order, tasks and every attempt
 * (in lease order). The scheduler takes an ended job back in this form when an operator retries
 * one of its tasks after the job left memory.
 */
public record StoredJob(JobRecord job, List<TaskSpec> specs, List<TaskRecord> tasks, List<AttemptRecord> attempts) {
    public StoredJob {
        specs = List.copyOf(specs);
        tasks = List.copyOf(tasks);
        attempts = List.copyOf(attempts);
    }
}
