package io.taskshard.server.api;

import io.taskshard.coordinator.ReadModel;
import io.taskshard.model.JobKind;
import io.taskshard.model.JobRecord;
import io.taskshard.model.JobState;
import io.taskshard.model.Placement;
import io.taskshard.model.TaskRecord;
import io.taskshard.model.TaskSpec;
import io.taskshard.model.TaskState;
import java.time.Instant;
import java.util.List;

/**
 * Why a task of a submitted job waits although it is ready: no connected worker fits it (it is
 * "on hold"; {@link Placement#holdReason}), or it waits out its retry backoff. Computed when read,
 * from the peers as the read model has them at that moment.
 *
 * @param peers the peers now
 * @param now   the coordinator's time now (epoch millis)
 */
record Holds(List<io.taskshard.model.PeerRecord> peers, long now) {

    static Holds of(ReadModel readModel, long now) {
        return new Holds(readModel.peers(), now);
    }

    /** Hold reasons are given for the tasks of running submitted jobs only. */
    boolean applies(JobRecord job) {
        return job.kind() == JobKind.SUBMITTED && job.state() == JobState.RUNNING;
    }

    /** The reason, or null when the task is not waiting for a worker it cannot get. */
    String reason(JobRecord job, TaskRecord task, TaskSpec spec) {
        if (task == null || spec == null || !applies(job) || task.state() != TaskState.READY) {
            return null;
        }
        if (task.readySince() > now) {
            return "waiting out its retry backoff until " + Instant.ofEpochMilli(task.readySince());
        }
        return Placement.holdReason(spec, peers);
    }

    /** How many ready tasks of a running submitted job are on hold; null for other jobs. */
    Integer count(ReadModel readModel, JobRecord job) {
        if (!applies(job)) {
            return null;
        }
        int n = 0;
        for (TaskRecord t : readModel.tasksOf(job.id())) {
            if (reason(job, t, readModel.spec(job.id(), t.taskId()).orElse(null)) != null) {
                n++;
            }
        }
        return n;
    }
}
