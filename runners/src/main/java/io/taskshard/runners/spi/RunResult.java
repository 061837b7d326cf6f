package io.taskshard.runners.spi;

import io.taskshard.protocol.Outcome;
import io.taskshard.protocol.PeerMessage;
import java.util.Objects;

/**
 * How one attempt ended; the body of the {@code finished} frame.
 *
 * @param outcome    {@code success}, {@code failure} (the task ran and failed, or timed out) or
 *                   {@code error} (it could not run, or it was cancelled)
 * @param exitCode   the process exit code, or null when there was no process or it never ended
 * @param durationMs how long the attempt ran
 * @param log        the bounded tail of its output, with the runner's own notes
 * @param retryable  false when retrying cannot help (e.g. a real build error), true when it very
 *                   likely helps (e.g. Bazel exit 39), null when the runner cannot tell
 */
public record RunResult(Outcome outcome, Integer exitCode, long durationMs, String log, Boolean retryable) {

    public RunResult {
        Objects.requireNonNull(outcome, "outcome");
        if (durationMs < 0) {
            throw new IllegalArgumentException("durationMs must not be negative, got " + durationMs);
        }
        log = log == null ? "" : log;
    }

    /** The {@code finished} frame reporting this result for {@code lease}. */
    public PeerMessage.Finished toFinished(long lease) {
        return new PeerMessage.Finished(lease, outcome, exitCode, durationMs, log, retryable);
    }
}
