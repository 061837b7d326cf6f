package io.taskshard.analysis;

import io.taskshard.model.AttemptRecord;
import io.taskshard.model.AttemptState;
import io.taskshard.model.TaskRecord;
import io.taskshard.model.TaskSpec;
import io.taskshard.model.TaskState;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * How long each task of a job takes, as used for the linear and parallel runs and the lower
 * bound (docs/analysis.md, "Task duration"): the run time of its successful attempt; for a task
 * that ended without success, the run time of its last attempt (the work that was done), or 0
 * when it never ran; for a task not ended yet, its expected duration.
 *
 * @param byTaskMs     duration per task id, in spec order
 * @param estimated    ids of the tasks whose duration is expected rather than measured (only tasks
 *                     not ended yet)
 * @param unsuccessful ids of the tasks that ended without success but ran (counted with their last attempt)
 * @param neverRan     ids of the tasks that ended without ever running (counted as 0)
 */
public record TaskDurations(Map<String, Long> byTaskMs, Set<String> estimated, Set<String> unsuccessful,
        Set<String> neverRan) {

    public TaskDurations {
        byTaskMs = Collections.unmodifiableMap(new LinkedHashMap<>(byTaskMs));
        estimated = Collections.unmodifiableSet(new LinkedHashSet<>(estimated));
        unsuccessful = Collections.unmodifiableSet(new LinkedHashSet<>(unsuccessful));
        neverRan = Collections.unmodifiableSet(new LinkedHashSet<>(neverRan));
    }

    /**
     * Measured duration of a successful attempt is its reported {@code durationMs} when positive,
     * else {@code endedAt - startedAt}. When a task succeeded more than once (should not happen)
     * the latest lease wins. Otherwise: {@code expectedMs} of the view (history), else the mean of
     * the tasks measured in this job (a running job's likeliest guess; the fixed default is far off
     * for short tasks and made "linear" look hundreds of times slower mid-run), else the default.
     */
    public static TaskDurations of(JobView view) {
        Map<String, AttemptRecord> succeeded = new HashMap<>();
        Map<String, AttemptRecord> last = new HashMap<>();
        for (AttemptRecord a : view.attempts()) {
            if (a.state() == AttemptState.SUCCEEDED) {
                succeeded.merge(a.taskId(), a, (old, neu) -> neu.lease() > old.lease() ? neu : old);
            }
            last.merge(a.taskId(), a, (old, neu) -> neu.lease() > old.lease() ? neu : old);
        }
        Map<String, TaskState> states = new HashMap<>();
        for (TaskRecord t : view.tasks()) {
            states.put(t.taskId(), t.state());
        }
        Map<String, Long> durations = new LinkedHashMap<>();
        Set<String> estimated = new LinkedHashSet<>();
        Set<String> unsuccessful = new LinkedHashSet<>();
        Set<String> neverRan = new LinkedHashSet<>();
        long measuredSum = 0;
        int measuredCount = 0;
        for (TaskSpec spec : view.specs()) {
            AttemptRecord success = succeeded.get(spec.id());
            // Only a task record says a task ended; without one it counts as not ended (estimated).
            TaskState state = states.get(spec.id());
            boolean ended = state != null && state.isEnd();
            AttemptRecord lastAttempt = last.get(spec.id());
            if (success != null) {
                long ms = measured(success);
                durations.put(spec.id(), ms);
                measuredSum += ms;
                measuredCount++;
            } else if (ended && lastAttempt != null && !lastAttempt.state().isLive()) {
                durations.put(spec.id(), measured(lastAttempt));
                unsuccessful.add(spec.id());
            } else if (ended && lastAttempt == null) {
                durations.put(spec.id(), 0L);
                neverRan.add(spec.id());
            } else {
                estimated.add(spec.id());
            }
        }
        long fallback = measuredCount > 0 ? Math.round((double) measuredSum / measuredCount) : view.defaultExpectedMs();
        for (String id : estimated) {
            durations.put(id, view.expectedMs().getOrDefault(id, fallback));
        }
        if (!estimated.isEmpty() || !unsuccessful.isEmpty() || !neverRan.isEmpty()) {
            // keep schema order, which callers (Gantt of the linear strip) rely on
            Map<String, Long> ordered = new LinkedHashMap<>();
            for (TaskSpec spec : view.specs()) {
                ordered.put(spec.id(), durations.get(spec.id()));
            }
            durations = ordered;
        }
        return new TaskDurations(durations, estimated, unsuccessful, neverRan);
    }

    /** Duration of one finished attempt's run (not its time in the slot); 0 when it never started or ended. */
    static long measured(AttemptRecord a) {
        if (a.durationMs() > 0) {
            return a.durationMs();
        }
        long from = a.startedAt() > 0 ? a.startedAt() : a.assignedAt();
        return a.endedAt() > 0 ? Math.max(0, a.endedAt() - from) : 0;
    }

    /** Duration of task {@code taskId}. */
    public long of(String taskId) {
        Long ms = byTaskMs.get(taskId);
        if (ms == null) {
            throw new IllegalArgumentException("no task '" + taskId + "' in this job");
        }
        return ms;
    }

    /** Sum of all task durations: the work one peer does alone. */
    public long totalMs() {
        return byTaskMs.values().stream().mapToLong(Long::longValue).sum();
    }
}
