package io.taskshard.model;

/**
 * Immutable snapshot of one attempt. The lease is the attempt's identity and fencing token.
 *
 * @param startedAt/endedAt epoch millis, 0 when not yet
 * @param exitCode          null until finished (or when the attempt never reported one)
 * @param reason            why it ended when not by a peer's result (lost, reassigned, ...)
 */
public record AttemptRecord(
        long lease,
        long jobId,
        String taskId,
        int attempt,
        String peerId,
        AttemptState state,
        long assignedAt,
        long startedAt,
        long endedAt,
        Integer exitCode,
        long durationMs,
        String log,
        String reason) {
}
