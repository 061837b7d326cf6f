package io.taskshard.model;

/** Connection state of a peer as the coordinator sees it. */
public enum PeerState {
    CONNECTED,
    /** Socket gone or silent; its attempts are held for the reconnect grace period. */
    DISCONNECTED,
    /** Did not come back within the grace period; its attempts ended as lost. */
    LOST,
    /** Said goodbye. */
    LEFT;

    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
