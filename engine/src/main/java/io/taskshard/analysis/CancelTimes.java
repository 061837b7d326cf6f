package io.taskshard.analysis;

import io.taskshard.model.AttemptRecord;
import io.taskshard.model.JobState;
import io.taskshard.model.TaskRecord;
import io.taskshard.model.TaskSpec;
import io.taskshard.model.TaskState;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * When a task that ended {@code CANCELLED} outside an attempt was cancelled. Task records carry
 * no end time, so it is inferred from what the scheduler does (docs/analysis.md, "Cancelled
 * tasks"), first match wins:
 * <ol>
 *   <li>a need ended unsuccessfully: dependents are cancelled the moment it ended (the end of a
 *       failed need's last attempt, or the cancel time of a cancelled need);</li>
 *   <li>a task of the job failed for good: every waiting task is cancelled at the first such
 *       failure (the end of that task's last attempt);</li>
 *   <li>the job was cancelled: at the job's end (the cancel itself may have been earlier, while
 *       attempts drained);</li>
 *   <li>otherwise (an operator cancelled that one task): not recorded; the last instant known to
 *       precede it is used: the task's last attempt end, its {@code readySince}, else the job's
 *       creation.</li>
 * </ol>
 * Never later than {@code now}.
 */
final class CancelTimes {
    private final JobView view;
    private final long now;
    private final Map<String, TaskSpec> specs = new HashMap<>();
    private final Map<String, TaskRecord> records = new HashMap<>();
    private final Map<String, Long> lastEnd = new HashMap<>();
    private final Map<String, Long> memo = new HashMap<>();
    private final long firstFailure;

    CancelTimes(JobView view, long now) {
        this.view = view;
        this.now = now;
        for (TaskSpec s : view.specs()) {
            specs.put(s.id(), s);
        }
        for (TaskRecord t : view.tasks()) {
            records.put(t.taskId(), t);
        }
        for (AttemptRecord a : view.attempts()) {
            lastEnd.merge(a.taskId(), AttemptSpans.end(a, now), Math::max);
        }
        long first = Long.MAX_VALUE;
        for (TaskRecord t : view.tasks()) {
            Long end = lastEnd.get(t.taskId());
            if (t.state() == TaskState.FAILED && end != null) {
                first = Math.min(first, end);
            }
        }
        this.firstFailure = first;
    }

    /** The cancel instant of a cancelled task (epoch ms). */
    long of(String taskId) {
        Long known = memo.get(taskId);
        if (known != null) {
            return known;
        }
        memo.put(taskId, Long.MAX_VALUE); // needs form no cycle (JobView checks), but be safe
        long at = Math.min(infer(taskId), now);
        memo.put(taskId, at);
        return at;
    }

    private long infer(String taskId) {
        long byNeed = Long.MAX_VALUE;
        TaskSpec spec = specs.get(taskId);
        List<String> needs = spec == null ? List.of() : spec.needs();
        for (String need : needs) {
            TaskRecord n = records.get(need);
            if (n == null) {
                continue;
            }
            if (n.state() == TaskState.FAILED && lastEnd.containsKey(need)) {
                byNeed = Math.min(byNeed, lastEnd.get(need));
            } else if (n.state() == TaskState.CANCELLED) {
                byNeed = Math.min(byNeed, of(need));
            }
        }
        long earliest = Math.min(byNeed, firstFailure);
        if (earliest != Long.MAX_VALUE) {
            return Math.max(earliest, lastEnd.getOrDefault(taskId, Long.MIN_VALUE));
        }
        if (view.job().state() == JobState.CANCELLED && view.job().finishedAt() > 0) {
            return view.job().finishedAt();
        }
        long lower = view.job().createdAt();
        TaskRecord record = records.get(taskId);
        if (record != null && record.readySince() > 0) {
            lower = Math.max(lower, record.readySince());
        }
        return Math.max(lower, lastEnd.getOrDefault(taskId, Long.MIN_VALUE));
    }
}
