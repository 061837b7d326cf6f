package io.taskshard.tui.view;

import io.taskshard.analysis.JobView;
import io.taskshard.model.JobKind;
import io.taskshard.model.JobState;
import io.taskshard.model.PeerRecord;
import io.taskshard.model.Placement;
import io.taskshard.model.TaskRecord;
import io.taskshard.model.TaskSpec;
import io.taskshard.model.TaskState;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Why a task that has not started waits, in the words {@code taskshard status} gives. The hold
 * reason of a ready task of a running submitted job is {@link Placement#holdReason} applied to the
 * peers the live model has, the same function the server's {@code holdReason} field comes from
 * (server.api.Holds, which also says "waiting out its retry backoff until ..."); a blocked task
 * names its needs that have not succeeded. Pure.
 */
final class TaskWait {
    private TaskWait() {
    }

    /** The reason, or null when the task does not wait (it runs, ended, or simply waits for a slot). */
    static String why(JobView job, TaskRecord task, TaskSpec spec, Collection<PeerRecord> peers, long now) {
        if (task.state() == TaskState.BLOCKED) {
            Map<String, TaskState> states = job.tasks().stream()
                    .collect(Collectors.toMap(TaskRecord::taskId, TaskRecord::state, (a, b) -> a));
            List<String> open = spec.needs().stream()
                    .filter(n -> states.get(n) != TaskState.SUCCEEDED).toList();
            return open.isEmpty() ? null : "waiting for its needs: " + String.join(", ", open);
        }
        boolean submittedRunning = job.job().kind() == JobKind.SUBMITTED && job.job().state() == JobState.RUNNING;
        if (task.state() != TaskState.READY || !submittedRunning) {
            return null;
        }
        if (task.readySince() > now) {
            return "waiting out its retry backoff until " + Instant.ofEpochMilli(task.readySince());
        }
        String hold = Placement.holdReason(spec, peers);
        return hold == null ? null : "on hold: " + hold;
    }
}
