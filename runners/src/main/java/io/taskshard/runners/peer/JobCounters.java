package io.taskshard.runners.peer;

import io.taskshard.protocol.CoordinatorMessage;
import java.util.HashSet;
import java.util.Set;

/**
 * The job's done/total counters as a peer learns them: {@code welcome} gives the counts, then
 * {@code task-done} frames name the tasks that ended since. A task may end twice (an operator
 * retried a failed task), so ends are counted per task id, and never past the total. Pure.
 */
final class JobCounters {
    private long jobId;
    private String name = "";
    private int total;
    private int doneAtWelcome;
    private final Set<String> doneSince = new HashSet<>();
    private final Set<String> failed = new HashSet<>();
    private final Set<String> peers = new HashSet<>();

    /** A (new) welcome: its counts replace what was counted before. */
    void welcome(CoordinatorMessage.JobInfo job) {
        if (job == null) {
            return;
        }
        jobId = job.id();
        name = job.name() == null ? "" : job.name();
        total = job.tasks();
        doneAtWelcome = job.done();
        doneSince.clear();
    }

    void taskDone(CoordinatorMessage.TaskDone frame) {
        if (frame.tasks() == null) {
            return;
        }
        for (CoordinatorMessage.DoneTask t : frame.tasks()) {
            doneSince.add(t.task());
            if ("success".equals(t.outcome())) {
                failed.remove(t.task());
            } else {
                failed.add(t.task());
            }
            if (t.by() != null && !t.by().isEmpty()) {
                peers.add(t.by());
            }
        }
    }

    long jobId() {
        return jobId;
    }

    PeerListener.JobProgress progress() {
        int done = Math.min(total, doneAtWelcome + doneSince.size());
        return new PeerListener.JobProgress(jobId, name, done, total, failed.size(), peers.size());
    }
}
