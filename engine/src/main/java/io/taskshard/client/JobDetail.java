package io.taskshard.client;

import io.taskshard.analysis.JobView;
import io.taskshard.model.AttemptRecord;
import io.taskshard.model.JobRecord;
import io.taskshard.model.PeerRecord;
import io.taskshard.model.TaskRecord;
import io.taskshard.model.TaskSpec;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One job with its tasks and all their attempts ({@code GET /api/v1/jobs/{id}}). The API nests
 * attempts in their task; here they are one list, by lease, as the analyses want them.
 *
 * @param job      the job
 * @param tasks    its tasks in schema order
 * @param attempts every attempt of the job, by lease
 */
public record JobDetail(JobRecord job, List<TaskInfo> tasks, List<AttemptRecord> attempts) {
    public JobDetail {
        Objects.requireNonNull(job, "job");
        tasks = List.copyOf(tasks);
        attempts = List.copyOf(attempts);
    }

    public Optional<TaskInfo> task(String taskId) {
        return tasks.stream().filter(t -> t.id().equals(taskId)).findFirst();
    }

    /** Attempts of one task, by lease. */
    public List<AttemptRecord> attempts(String taskId) {
        return attempts.stream().filter(a -> a.taskId().equals(taskId)).toList();
    }

    /** The specs the server sent, in schema order. */
    public List<TaskSpec> specs() {
        return tasks.stream().map(TaskInfo::spec).filter(Objects::nonNull).toList();
    }

    public List<TaskRecord> taskRecords() {
        return tasks.stream().map(TaskInfo::task).toList();
    }

    /**
     * The job as input for {@code io.taskshard.analysis} (Gantt rows, comparison): slot counts
     * come from {@code peers} (pass every peer you know; others are ignored).
     *
     * @throws IllegalArgumentException when the server left out a spec the attempts need
     */
    public JobView toJobView(Collection<PeerRecord> peers) {
        return JobView.of(job, specs(), taskRecords(), attempts, peers, Map.of());
    }
}
