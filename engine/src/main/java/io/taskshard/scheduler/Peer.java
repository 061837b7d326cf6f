package io.taskshard.scheduler;

import io.taskshard.model.PeerRecord;
import io.taskshard.model.Placement;
import io.taskshard.model.PeerState;
import io.taskshard.model.Resources;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Mutable scheduler-side state of one peer (CI peer or worker). */
final class Peer {
    final String id;
    /** Which {@link DoneBroadcast} group it hears task-done with. */
    final int doneGroup;
    PeerState state;
    int slots;
    List<String> labels;
    Resources resources;
    boolean worker;
    boolean draining;
    /** The job it belongs to; null for a worker (workers take tasks of any submitted job). */
    Job job;
    final Set<Long> running = new LinkedHashSet<>();
    long connectedAt;
    long lastSeenAt;
    /** While DISCONNECTED: when its attempts become lost. */
    long graceDeadline;
    int tasksDone;
    /**
     * It was sent {@code job-complete}: the protocol promises it nothing more, so it takes no work
     * even if an operator's retry re-opens its job (a new session of it may).
     */
    boolean toldJobOver;

    Peer(String id) {
        this.id = id;
        this.doneGroup = DoneBroadcast.groupOf(id);
        this.state = PeerState.CONNECTED;
        this.labels = List.of();
        this.resources = Resources.NONE;
    }

    int freeSlots() {
        return slots - running.size();
    }

    /** Connected, not draining, not told its job is over, with a free slot. */
    boolean canTakeWork() {
        return state == PeerState.CONNECTED && !draining && !toldJobOver && freeSlots() > 0;
    }

    boolean isPresent() {
        return state == PeerState.CONNECTED || state == PeerState.DISCONNECTED;
    }

    /** Labels and resources allow this peer to run the task (slots and state not considered). */
    boolean fits(TaskRun task) {
        return Placement.fits(task.spec, labels, resources);
    }

    PeerRecord toRecord() {
        return new PeerRecord(id, job == null ? 0 : job.id, state, slots, labels, resources, draining, worker,
                new ArrayList<>(running), tasksDone, connectedAt, lastSeenAt);
    }
}
