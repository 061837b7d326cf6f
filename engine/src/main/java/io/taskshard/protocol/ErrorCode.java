package io.taskshard.protocol;

/** The {@code code} values of {@code error} frames. PROTOCOL.md names the first nine. */
public final class ErrorCode {
    public static final String BAD_JSON = "bad-json";
    public static final String UNKNOWN_TYPE = "unknown-type";
    public static final String BAD_MESSAGE = "bad-message";
    public static final String PROTOCOL_VERSION = "protocol-version";
    public static final String NOT_HELLO = "not-hello";
    public static final String STALE_LEASE = "stale-lease";
    public static final String TOO_LARGE = "too-large";
    public static final String SCHEMA_CONFLICT = "schema-conflict";
    public static final String UNAUTHORIZED = "unauthorized";
    /** Our addition: a second {@code hello} on a connection that already joined. */
    public static final String ALREADY_JOINED = "already-joined";
    /** Our addition: the schema in {@code hello} is invalid (duplicate ids, unknown needs, cycle). */
    public static final String INVALID_SCHEMA = "invalid-schema";
    /** Our addition: no {@code hello} within the hello timeout. */
    public static final String HELLO_TIMEOUT = "hello-timeout";
    /** Our addition: the peer was replaced by a newer connection with the same id. */
    public static final String REPLACED = "replaced";
    /** Our addition: the coordinator cannot store results right now; nothing was acked. */
    public static final String UNAVAILABLE = "unavailable";
    /** Our addition: the coordinator has as many peers as its {@code max-peers} limit; fatal. */
    public static final String TOO_MANY_PEERS = "too-many-peers";
    /** Our addition: the hello's schema has more tasks than the {@code max-tasks} limit; fatal. */
    public static final String TOO_MANY_TASKS = "too-many-tasks";
    /** Our addition: the connection sent frames faster than {@code peer-rate}; that frame was not processed. */
    public static final String RATE_LIMITED = "rate-limited";

    /** Our addition: a frame after this connection's {@code goodbye}; it was not processed. */
    public static final String AFTER_GOODBYE = "after-goodbye";
    /**
     * Our addition: a new job would exceed {@code max-jobs} (all jobs held) or
     * {@code max-jobs-per-token}; fatal. (Total tasks held over {@code max-total-tasks} or
     * {@code max-tasks-per-token} answers {@link #TOO_MANY_TASKS}.)
     */
    public static final String TOO_MANY_JOBS = "too-many-jobs";

    private ErrorCode() {
    }
}
