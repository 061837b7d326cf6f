package io.taskshard.scheduler;

import io.taskshard.model.RecoveredState;
import java.util.ArrayList;
import java.util.List;

/**
 * The pure scheduling state machine: {@link #handle} takes an event and the current time and
 * returns decisions. It does no I/O, reads no clock and starts no threads, so the same code
 * runs under the coordinator, in table-driven tests and in the simulator.
 *
 * <p>Rules (ARCHITECTURE.md "Scheduling rules"): a task has at most one live attempt; ready
 * tasks go out by priority, then longest expected duration; peers get work while they have
 * free slots; a disconnected peer's attempts are held for the grace period; failures are
 * retried up to the task's attempts, preferring another peer; needs gate readiness.
 */
public final class Scheduler {
    private final State state;
    private final Lifecycle life;
    private final PeerEvents peerEvents;
    private final OperatorCommands commands;
    private final Clockwork clockwork;

    public Scheduler(SchedulerConfig config, RecoveredState recovered, long now) {
        this.state = new State(config, recovered.expectedMs());
        this.life = new Lifecycle(state);
        this.peerEvents = new PeerEvents(state, life);
        Schedules schedules = new Schedules(state, peerEvents);
        this.commands = new OperatorCommands(state, life, schedules);
        this.clockwork = new Clockwork(state, life, peerEvents, schedules);
        Recovery.restore(state, recovered, now);
        schedules.restore(recovered);
        state.lastSilenceCheck = now;
    }

    public List<Decision> handle(Event event, long now) {
        List<Decision> out = new ArrayList<>();
        handle(event, now, out);
        return out;
    }

    /** Appends the decisions for {@code event} to {@code out} (lets the shell batch without copying). */
    public void handle(Event event, long now, List<Decision> out) {
        Out o = new Out(out);
        switch (event) {
            case Event.PeerJoined e -> peerEvents.joined(e.hello(), e.schemaHash(), e.owner(), now, o);
            case Event.FromPeer e -> peerEvents.said(e.peerId(), e.message(), now, o);
            case Event.PeerDisconnected e -> peerEvents.disconnected(e.peerId(), now, o);
            case Event.Tick e -> clockwork.tick(now, o);
            case Event.Command e -> commands.handle(e, now, o);
            case Event.Refusals e -> o.persist(new io.taskshard.model.Change.Audited(
                    new io.taskshard.model.AuditRecord(now, e.actor(), "refused", e.target(), e.detail(), false)));
        }
        life.dispatch(now, o);
        life.publishCounts(o);
    }

    public SchedulerConfig config() {
        return state.config;
    }

    /** Read-only access for invariant checks in tests of this package. */
    State stateForTests() {
        return state;
    }

    /** The last lease handed out (leases only grow, across restarts too). */
    public long lastLease() {
        return state.lastLease;
    }
}
