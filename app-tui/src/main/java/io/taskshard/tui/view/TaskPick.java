package io.taskshard.tui.view;

import io.taskshard.analysis.JobView;
import io.taskshard.client.TaskRef;
import io.taskshard.model.AttemptRecord;
import io.taskshard.model.TaskRecord;
import io.taskshard.model.TaskSpec;
import java.util.List;

/**
 * The task a command or the task view is about, with its job.
 *
 * @param job  the job as the analyses see it
 * @param task the task's changing state
 * @param spec what its schema says
 */
public record TaskPick(JobView job, TaskRecord task, TaskSpec spec) {
    /** How commands name it: by uid, which is unique across the coordinator. */
    public TaskRef ref() {
        return TaskRef.uid(task.uid());
    }

    public String id() {
        return task.taskId();
    }

    /** Its attempts, by lease. */
    public List<AttemptRecord> attempts() {
        return job.attempts().stream().filter(a -> a.taskId().equals(task.taskId()))
                .sorted(java.util.Comparator.comparingLong(AttemptRecord::lease)).toList();
    }
}
