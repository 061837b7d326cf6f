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
        long readySince) {
}
