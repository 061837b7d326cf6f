package io.taskshard.model;

/**
 * Immutable snapshot of the changing part of one task of a job. The unchanging part is its
 * {@link TaskSpec}, stored once when the job is created.
 *
 * @param uid           coordinator-wide unique id of this task run (used in the operator API)
 * @param priority      current priority (operators may change it)
 * @param attemptsUsed  attempts started so far
 * @param currentLease  the live attempt's lease, 0 when none
 * @param preferredPeer peer an operator reassigned it to; null when none
 * @param readySince    epoch millis it last became READY (0 when never)
 * @param expectedMs    how long it is expected to run, from its last successful run of the same
 *                      job name and task id; 0 = unknown. A UI shows a running task's progress
 *                      against it ("slow-1 has run 29 s of ~30 s"). Not stored: a task read back
 *                      from the store has 0 until the scheduler reports it again.
 * @param failuresCounted failed attempts counted against the task's attempts limit: those since
 *                      the last operator retry (operator-caused attempts never count)
 * @param cancelledByOperator it ended cancelled by an operator's cancel (of it, of a task it
 *                      needs, or of its job), not because a task it needs failed; a retry that
 *                      re-runs a failed job's work leaves such tasks cancelled
 */
public record TaskRecord(
        long uid,
        long jobId,
        String taskId,
        TaskState state,
        int priority,
        int attemptsUsed,
        long currentLease,
        String preferredPeer,
        long readySince,
        long expectedMs,
        int failuresCounted,
        boolean cancelledByOperator) {

    /** Without failures counted or an operator cancel. */
    public TaskRecord(long uid, long jobId, String taskId, TaskState state, int priority, int attemptsUsed,
                      long currentLease, String preferredPeer, long readySince, long expectedMs) {
        this(uid, jobId, taskId, state, priority, attemptsUsed, currentLease, preferredPeer, readySince, expectedMs,
                0, false);
    }

    /** Without an expected duration (0 = unknown). */
    public TaskRecord(long uid, long jobId, String taskId, TaskState state, int priority, int attemptsUsed,
                      long currentLease, String preferredPeer, long readySince) {
        this(uid, jobId, taskId, state, priority, attemptsUsed, currentLease, preferredPeer, readySince, 0);
    }
}
