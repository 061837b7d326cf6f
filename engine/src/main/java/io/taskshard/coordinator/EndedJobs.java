package io.taskshard.coordinator;

import io.taskshard.model.JobState;
import io.taskshard.model.StoredJob;
import io.taskshard.scheduler.OperatorCommand;
import io.taskshard.store.Store;
import io.taskshard.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a command needs from the store before it reaches the scheduler: for a retry, the task's
 * job as stored when it has ended there (an ended job leaves the scheduler's memory, and the retry
 * re-opens it). Called on the caller's thread, so the coordinator thread never waits on a read;
 * the scheduler ignores it when the job is still in memory.
 */
final class EndedJobs {
    private static final Logger LOG = LoggerFactory.getLogger(EndedJobs.class);

    private EndedJobs() {
    }

    static StoredJob forRetry(Store store, OperatorCommand command) {
        if (!(command instanceof OperatorCommand.Retry retry)) {
            return null;
        }
        try {
            return store.jobOfTask(retry.taskUid())
                    .filter(d -> d.job().state() != JobState.RUNNING)
                    .map(Store.JobDetail::toStoredJob)
                    .orElse(null);
        } catch (StoreException e) {
            // the retry still goes ahead for a job in memory; one that left it gets "no task N"
            LOG.warn("could not read the job of task {} for a retry: {}", retry.taskUid(), e.getMessage());
            return null;
        }
    }
}
