package io.taskshard.analysis;

import io.taskshard.model.AttemptState;
import java.util.List;

/**
 * Rows of a Gantt chart, ready to draw. Times are epoch milliseconds; {@code origin} and
 * {@code end} bound every bar (both 0 when there is none).
 *
 * @param origin earliest bar start
 * @param end    latest bar end
 * @param lanes  rows, top to bottom
 */
public record Gantt(long origin, long end, List<Lane> lanes) {

    public Gantt {
        lanes = List.copyOf(lanes);
    }

    /**
     * One row.
     *
     * @param name   {@code peer#slot} for rows by peer, the task id for rows by task
     * @param peerId the peer of a by-peer lane; null for a by-task lane
     * @param slot   the 1-based slot of a by-peer lane; 0 for a by-task lane
     * @param bars   in start order, never overlapping within a by-peer lane
     */
    public record Lane(String name, String peerId, int slot, List<Bar> bars) {
        public Lane {
            bars = List.copyOf(bars);
        }
    }

    /** What a bar shows. */
    public enum Kind {
        /** An attempt holding a peer slot, from assignment to end ({@code now} while live). */
        ATTEMPT,
        /** The task waited for its needs. */
        BLOCKED,
        /** The task was ready (or waiting for a retry) but not assigned. */
        WAITING,
        /**
         * The task ended cancelled without a live attempt: from when it was cancelled to the end
         * of the chart. May have zero length (cancelled as the chart ends): draw it as a marker.
         */
        CANCELLED
    }

    /**
     * One bar. For BLOCKED/WAITING/CANCELLED bars the attempt fields are empty: lease 0, peer null,
     * attempt 0, state null, exit code null.
     *
     * @param exitCode null until the attempt finished, or when it never reported one (lost)
     */
    public record Bar(Kind kind, long lease, String taskId, String peerId, int attempt, AttemptState state,
            long start, long end, Integer exitCode) {

        static Bar waiting(Kind kind, String taskId, long start, long end) {
            return new Bar(kind, 0, taskId, null, 0, null, start, end, null);
        }
    }
}
