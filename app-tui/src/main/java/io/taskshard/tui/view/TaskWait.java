package io.taskshard.tui.view;

import io.taskshard.analysis.JobView;
import io.taskshard.analysis.TaskWaits;
import io.taskshard.model.JobKind;
import io.taskshard.model.JobState;
import io.taskshard.model.PeerRecord;
import io.taskshard.model.PeerState;
import io.taskshard.model.TaskRecord;
import io.taskshard.model.TaskSpec;
import io.taskshard.model.TaskState;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Why a task that has not started waits: {@link TaskWaits#why} (the hold reason of a submitted
 * job's task in the words {@code taskshard status} gives, from the same function as the server's
 * {@code holdReason} field; for a shared job's task, which peers of the job it waits for), and
 * for a job that has run nothing yet, one line saying why. Pure.
 */
final class TaskWait {
    private TaskWait() {
    }

    /** The reason, or null when the task does not wait (it runs, ended, or a free slot is about to take it). */
    static String why(JobView job, TaskRecord task, TaskSpec spec, Collection<PeerRecord> peers, long now) {
        return TaskWaits.why(job, task, spec, peers, now);
    }

    /**
     * One line saying why nothing of a running job has run yet, or null when something has run
     * (or the job ended): no peer connected, every ready task on hold (with the reason when they
     * share it), every task waiting for its needs, or ready tasks waiting for a peer to take them.
     */
    static String nothingRuns(JobView job, Collection<PeerRecord> peers, long now) {
        if (!job.attempts().isEmpty() || job.job().state() != JobState.RUNNING) {
            return null;
        }
        boolean submitted = job.job().kind() == JobKind.SUBMITTED;
        boolean anyPeer = peers.stream().anyMatch(p -> p.state() == PeerState.CONNECTED
                && (submitted ? p.worker() : p.jobId() == job.job().id()));
        if (!anyPeer) {
            return "nothing has run yet: no " + (submitted ? "worker" : "peer of this job") + " is connected";
        }
        Map<String, TaskSpec> specs = job.specs().stream()
                .collect(Collectors.toMap(TaskSpec::id, s -> s, (a, b) -> a));
        int blocked = 0;
        int ready = 0;
        Set<String> holds = new LinkedHashSet<>();
        int held = 0;
        for (TaskRecord t : job.tasks()) {
            if (t.state() == TaskState.BLOCKED) {
                blocked++;
            } else if (t.state() == TaskState.READY) {
                ready++;
                TaskSpec spec = specs.get(t.taskId());
                String why = spec == null ? null : why(job, t, spec, peers, now);
                if (why != null) {
                    held++;
                    holds.add(why);
                }
            }
        }
        String needs = blocked == 0 ? "" : blocked == 1 ? (ready == 0 ? "its task" : "1 more") + " waits for its needs"
                : (ready == 0 ? "all " + blocked + " tasks" : blocked + " more") + " wait for their needs";
        if (ready == 0) {
            return blocked == 0 ? null : "nothing has run yet: " + needs;
        }
        String readyPart;
        if (held == ready) {
            String who = ready == 1 ? "the ready task" : "all " + ready + " ready tasks";
            readyPart = who + (ready == 1 ? " is " : " are ") + (holds.size() == 1 ? holds.iterator().next()
                    : "on hold (see each task)");
        } else {
            readyPart = ready + " ready task" + (ready == 1 ? " waits" : "s wait") + " for a peer to take "
                    + (ready == 1 ? "it" : "them");
        }
        return "nothing has run yet: " + readyPart + (needs.isEmpty() ? "" : "; " + needs);
    }
}
