package io.taskshard.auth;

/** What a request wants to do; {@link Role#allows} says who may. */
public enum Access {
    /** Join as a peer: the {@code /v1/peer} WebSocket. */
    PEER("join as a peer"),
    /** Read the operator API, the event stream and metrics. */
    READ("read the operator API"),
    /** Commands, submits, schedules: anything that changes what runs. */
    STEER("steer (commands, submit, schedules)"),
    /** Manage tokens. */
    ADMIN("manage tokens");

    private final String description;

    Access(String description) {
        this.description = description;
    }

    /** In words, for refusals: "steer (commands, submit, schedules)". */
    public String description() {
        return description;
    }
}
