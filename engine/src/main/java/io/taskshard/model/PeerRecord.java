package io.taskshard.model;

import java.util.List;

/**
 * Immutable snapshot of a peer.
 *
 * @param jobId    the job it belongs to; 0 for a worker between jobs
 * @param worker   a long-lived worker taking submitted jobs, rather than a CI peer with a schema
 * @param running  leases it currently holds
 */
public record PeerRecord(
        String id,
        long jobId,
        PeerState state,
        int slots,
        List<String> labels,
        Resources resources,
        boolean draining,
        boolean worker,
        List<Long> running,
        int tasksDone,
        long connectedAt,
        long lastSeenAt) {

    public PeerRecord {
        labels = List.copyOf(labels == null ? List.of() : labels);
        running = List.copyOf(running == null ? List.of() : running);
        resources = resources == null ? Resources.NONE : resources;
    }
}
