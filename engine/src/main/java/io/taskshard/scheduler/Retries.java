package io.taskshard.scheduler;

import io.taskshard.model.AttemptState;
import io.taskshard.model.Change;
import io.taskshard.model.JobState;
import io.taskshard.model.TaskState;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The operator's retry of a task (docs/scheduling.md, "Operator retry"). A running task is
 * restarted; a failed or cancelled task of a job that still runs is run again, with what it takes
 * for that run to count:
 * <ul>
 *   <li>the tasks it needs that did not succeed (they must run first);</li>
 *   <li>the tasks that were cancelled because it did not succeed;</li>
 *   <li>in a failing job, every failed task and every task the failure cancelled: while one task
 *       stays failed the job cannot succeed and starts nothing, so retrying one failure alone
 *       would run nothing. Tasks an operator cancelled stay cancelled.</li>
 * </ul>
 * Every re-run task gets its full attempts again: operator-caused attempts never count against
 * the limit.
 *
 * <p>A task of a job that has ended (failed, cancelled, or succeeded with tasks an operator
 * cancelled) re-opens the job: it runs again, and only the work picked as above runs; what
 * succeeded stays done. Its peers were told the job is over and are leaving, so they get no new
 * work: a submitted job's work goes to the worker pool; a shared job waits for a peer of the same
 * job to say hello again (e.g. the CI job re-run), and ends as abandoned if none comes.
 */
final class Retries {
    private final State s;
    private final Lifecycle life;

    Retries(State s, Lifecycle life) {
        this.s = s;
        this.life = life;
    }

    /** Why the retry cannot be done, in the words the dashboards show; null when it can. */
    String whyNot(TaskRun t) {
        Job job = t.job;
        String name = "task '" + t.spec.id() + "'";
        if (job.state != JobState.RUNNING) {
            return t.state() == TaskState.SUCCEEDED ? name + " succeeded; there is nothing to retry" : null;
        }
        if (job.cancelRequested) {
            return "job " + job.id + " is being cancelled; start a new run instead";
        }
        return switch (t.state()) {
            case SUCCEEDED -> name + " succeeded; there is nothing to retry";
            case BLOCKED, READY -> name + " is waiting to run already (" + t.state().wire() + ")";
            case RUNNING -> job.failing
                    ? "job " + job.id + " is failing: retry a failed task (that re-runs all the failed work)"
                    : null;
            case FAILED, CANCELLED -> null;
        };
    }

    /** Does the retry (after {@link #whyNot} said it can); returns what it re-runs, the task first. */
    List<TaskRun> retry(TaskRun t, long now, Out out) {
        if (t.state() == TaskState.RUNNING) {
            life.revoke(t.current, AttemptState.CANCELLED, "restarted by operator", now, out);
            t.failuresCounted = 0;
            t.forgetFailures();
            life.requeue(t, now, out);
            return List.of(t);
        }
        Set<TaskRun> rerun = whatToRerun(t);
        boolean ended = t.job.state != JobState.RUNNING;
        if (ended) {
            reopenJob(t.job, now);
            out.persist(t.job.published()); // before its tasks: a read model that forgot the job learns it first
        }
        rerun(t.job, rerun, now, out);
        return List.copyOf(rerun);
    }

    /** An ended job runs again; its end is undone (a second end sends job-complete again). */
    private void reopenJob(Job job, long now) {
        job.state = JobState.RUNNING;
        job.finishedAt = 0;
        job.cancelRequested = false;
        job.idleSince = now; // a shared job's peers left: the abandonment clock starts now
    }

    private static Set<TaskRun> whatToRerun(TaskRun t) {
        Job job = t.job;
        Set<TaskRun> rerun = new LinkedHashSet<>();
        rerun.add(t);
        if (job.failing) {
            for (TaskRun x : job.tasks) {
                if (x.state() == TaskState.FAILED
                        || (x.state() == TaskState.CANCELLED && !x.cancelledByOperator)) {
                    rerun.add(x);
                }
            }
        }
        // One closure both ways: a task re-run needs its needs that did not succeed (they run first),
        // and what was cancelled because it did not succeed runs again, with its own needs in turn
        // (a dependent also waiting on another cancelled task would otherwise be blocked for ever).
        Deque<TaskRun> todo = new ArrayDeque<>(rerun);
        while (!todo.isEmpty()) {
            TaskRun x = todo.pop();
            for (String need : x.spec.needs()) {
                TaskRun n = job.byTaskId.get(need);
                if (n != null && n.state().isEnd() && n.state() != TaskState.SUCCEEDED && rerun.add(n)) {
                    todo.push(n);
                }
            }
            for (TaskRun d : x.dependents()) {
                if (d.state() == TaskState.CANCELLED && rerun.add(d)) {
                    todo.push(d);
                }
            }
        }
        return rerun;
    }

    private void rerun(Job job, Set<TaskRun> rerun, long now, Out out) {
        for (TaskRun x : rerun) {
            if (x.state() == TaskState.FAILED) {
                job.failedTasks.remove(x.spec.id());
            }
            job.endedTasks--;
            x.failuresCounted = 0;
            x.forgetFailures();
            x.cancelledByOperator = false;
            x.moveTo(TaskState.BLOCKED); // until its needs are counted below
        }
        job.failing = !job.failedTasks.isEmpty();
        for (TaskRun x : rerun) {
            x.unmetNeeds = 0;
            for (String need : x.spec.needs()) {
                TaskRun n = job.byTaskId.get(need);
                if (n != null && n.state() != TaskState.SUCCEEDED) {
                    x.unmetNeeds++;
                }
            }
        }
        for (TaskRun x : new ArrayList<>(rerun)) {
            life.requeue(x, now, out);
        }
        for (Peer p : job.peers) { // a failing job's peers may have been left out of dispatch
            if (p.canTakeWork()) { // not those told the job was over
                job.mayTakeWork.add(p);
            }
        }
        s.markDirty(job);
        out.persist(job.published());
    }
}
