package io.taskshard.client;

import io.taskshard.analysis.JobView;
import io.taskshard.model.AttemptRecord;
import io.taskshard.model.AuditRecord;
import io.taskshard.model.JobRecord;
import io.taskshard.model.PeerRecord;
import io.taskshard.model.TaskSpec;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An immutable snapshot of a {@link LiveModel}: what a UI draws in one frame. Holding one
 * never blocks the model; take a fresh one with {@link LiveModel#view()} when told of a change.
 *
 * <p>A finished job known only from a snapshot has no tasks here (the event stream does not
 * send them); {@link #hasAllTasks} says so, and {@link OperatorClient#job} fetches them.
 *
 * @param synced        false until the first snapshot was applied (everything is empty then)
 * @param version       the coordinator's version this view is at
 * @param jobs          every job held, newest (highest id) first
 * @param peers         every peer held, by id
 * @param tasksByJob    tasks of each job in schema order
 * @param attemptsByJob attempts of each job by lease (at most
 *                      {@link LiveModel#DEFAULT_MAX_ATTEMPTS_PER_JOB} by default, the oldest ended
 *                      ones dropped first)
 * @param audit         recent operator actions, newest first
 */
public record LiveView(boolean synced, long version, List<JobRecord> jobs, List<PeerRecord> peers,
                       Map<Long, List<TaskInfo>> tasksByJob, Map<Long, List<AttemptRecord>> attemptsByJob,
                       List<AuditRecord> audit) {
    /** Before the first snapshot. */
    public static final LiveView EMPTY = new LiveView(false, 0, List.of(), List.of(), Map.of(), Map.of(), List.of());

    private static final Logger log = LoggerFactory.getLogger(LiveView.class);

    public LiveView {
        jobs = List.copyOf(jobs);
        peers = List.copyOf(peers);
        tasksByJob = Map.copyOf(tasksByJob);
        attemptsByJob = Map.copyOf(attemptsByJob);
        audit = List.copyOf(audit);
    }

    public Optional<JobRecord> job(long id) {
        return jobs.stream().filter(j -> j.id() == id).findFirst();
    }

    /** The job's tasks in schema order; empty when not known here. */
    public List<TaskInfo> tasks(long jobId) {
        return tasksByJob.getOrDefault(jobId, List.of());
    }

    /** Whether every task of the job is here (not so for a finished job first seen in a snapshot). */
    public boolean hasAllTasks(long jobId) {
        return job(jobId).map(j -> tasks(jobId).size() == j.taskCount()).orElse(false);
    }

    public Optional<TaskInfo> task(long uid) {
        return tasksByJob.values().stream().flatMap(List::stream).filter(t -> t.uid() == uid).findFirst();
    }

    /** The job's attempts by lease. */
    public List<AttemptRecord> attempts(long jobId) {
        return attemptsByJob.getOrDefault(jobId, List.of());
    }

    /** One task's attempts by lease. */
    public List<AttemptRecord> attempts(long jobId, String taskId) {
        return attempts(jobId).stream().filter(a -> a.taskId().equals(taskId)).toList();
    }

    /** The attempt with this lease (e.g. one of {@link PeerRecord#running()}). */
    public Optional<AttemptRecord> attempt(long lease) {
        for (List<AttemptRecord> list : attemptsByJob.values()) {
            for (AttemptRecord a : list) {
                if (a.lease() == lease) {
                    return Optional.of(a);
                }
            }
        }
        return Optional.empty();
    }

    public Optional<PeerRecord> peer(String id) {
        return peers.stream().filter(p -> p.id().equals(id)).findFirst();
    }

    /**
     * The job as input for {@code io.taskshard.analysis} (Gantt rows, comparison), with slot
     * counts from the peers here. Empty when the job or some of its tasks are not here: then
     * use {@code OperatorClient.job(id).toJobView(view.peers())}.
     */
    public Optional<JobView> jobView(long jobId) {
        Optional<JobRecord> job = job(jobId);
        if (job.isEmpty() || !hasAllTasks(jobId)) {
            return Optional.empty();
        }
        List<TaskInfo> tasks = tasks(jobId);
        List<TaskSpec> specs = tasks.stream().map(TaskInfo::spec).filter(Objects::nonNull).toList();
        if (specs.size() != tasks.size()) {
            return Optional.empty();
        }
        try {
            return Optional.of(JobView.of(job.get(), specs, tasks.stream().map(TaskInfo::task).toList(),
                    attempts(jobId), peers, Map.of()));
        } catch (IllegalArgumentException e) {
            log.warn("job {} as held here is not consistent enough to analyse: {}", jobId, e.getMessage());
            return Optional.empty();
        }
    }
}
