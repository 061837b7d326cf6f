package io.taskshard.store;

import io.taskshard.model.AttemptRecord;
import io.taskshard.model.AuditRecord;
import io.taskshard.model.Change;
import io.taskshard.model.JobRecord;
import io.taskshard.model.RecoveredState;
import io.taskshard.model.StoredJob;
import io.taskshard.model.TaskRecord;
import io.taskshard.model.TaskSpec;
import java.util.List;
import java.util.Optional;

/**
 * Durable state of the coordinator. One writer (the coordinator thread) calls
 * {@link #commit}; any thread may call the read methods (they use their own connection).
 */
public interface Store extends AutoCloseable {

    /** Everything needed to resume unfinished jobs; see {@link RecoveredState}. */
    RecoveredState recover();

    /**
     * Writes a batch in one transaction. When this returns, the batch is durable (to the
     * configured synchronous level); when it throws, none of it is.
     *
     * @param now the batch's time (the coordinator's one {@code now} for all its events), recorded
     *            where the store stamps rows (duration history): the store reads no clock
     *
     * @throws StoreException when the database cannot be written (disk full, read-only, ...)
     */
    void commit(List<Change> changes, long now);

    /** Most recent jobs first, finished or not. */
    List<JobRecord> recentJobs(int limit);

    /** A job with its specs, tasks and attempts, from disk. */
    Optional<JobDetail> job(long jobId);

    /** The job the task with this uid belongs to, from disk; empty when no task has the uid. */
    Optional<JobDetail> jobOfTask(long taskUid);

    List<AuditRecord> recentAudit(int limit);

    @Override
    void close();

    /** A whole job as stored. */
    record JobDetail(JobRecord job, List<TaskSpec> specs, List<TaskRecord> tasks, List<AttemptRecord> attempts) {
        /** The same, as the scheduler takes it back (it does not know the store). */
        public StoredJob toStoredJob() {
            return new StoredJob(job, specs, tasks, attempts);
        }
    }
}
