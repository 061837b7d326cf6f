package io.taskshard.client;

import java.util.Set;

/**
 * What a {@link LiveModel} listener is told after the model applied something. Read the new
 * state with {@link LiveModel#view()}.
 */
public sealed interface ModelChange {

    /** The model's version after the change. */
    long version();

    /**
     * The whole model was replaced from a fresh snapshot (first connect, or after a reconnect):
     * redraw everything; selected jobs or tasks may be gone.
     */
    record Resynced(long version) implements ModelChange {
    }

    /**
     * A delta (or merged audit entries) was applied.
     *
     * @param jobIds  jobs whose record, tasks or attempts changed
     * @param peerIds peers whose record changed (or that were forgotten)
     * @param audit   new audit entries arrived
     */
    record Updated(long version, Set<Long> jobIds, Set<String> peerIds, boolean audit) implements ModelChange {
        public Updated {
            jobIds = Set.copyOf(jobIds);
            peerIds = Set.copyOf(peerIds);
        }
    }
}
