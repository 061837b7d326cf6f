package io.taskshard.client;

import io.taskshard.model.Durations;
import java.time.Duration;

/**
 * Where an {@link EventStream} stands, for the UI's connection indicator. The model is only
 * current while {@link Live}; in every other state it shows the last state received.
 */
public sealed interface ConnectionState {

    /** Words for a status line, e.g. {@code reconnecting in 2.0s (attempt 3): connection refused}. */
    String describe();

    /**
     * A connection attempt is under way: {@code attempt} 0 is the stream's first connection,
     * {@code n >= 1} the n-th retry since it was last live. The state turns {@link Live} once
     * the snapshot is applied, not when the socket opens.
     */
    record Connecting(int attempt) implements ConnectionState {
        @Override
        public String describe() {
            return attempt == 0 ? "connecting" : "reconnecting (attempt " + attempt + ")";
        }
    }

    /** Connected, snapshot applied: the model follows the coordinator. */
    record Live() implements ConnectionState {
        @Override
        public String describe() {
            return "live";
        }
    }

    /**
     * The connection dropped or could not be made; the next attempt starts after {@code nextDelay}.
     *
     * @param attempt   the number of the coming retry since the stream was last live (1 = first)
     * @param nextDelay how long until it
     * @param reason    why the last connection ended or failed
     */
    record Reconnecting(int attempt, Duration nextDelay, String reason) implements ConnectionState {
        @Override
        public String describe() {
            return "reconnecting in " + Durations.format(nextDelay.toMillis()) + " (attempt " + attempt + "): "
                    + reason;
        }
    }

    /**
     * The coordinator refused the stream (HTTP 401: no or a bad token; 403: the token's role may
     * not watch); final: retrying with the same token cannot help, so the stream stops.
     *
     * @param status   401 or 403
     * @param reason   the server's words, e.g. {@code token 'ci' has role peer, which may not read
     *                 the operator API}
     * @param whatToDo what the user should do, e.g. {@code the coordinator wants a token: pass
     *                 --token or set TASKSHARD_TOKEN}
     */
    record Refused(int status, String reason, String whatToDo) implements ConnectionState {
        @Override
        public String describe() {
            return "refused (HTTP " + status + "): " + reason + "; " + whatToDo;
        }
    }

    /** {@link EventStream#close()} was called; final. */
    record Closed(String reason) implements ConnectionState {
        @Override
        public String describe() {
            return "closed: " + reason;
        }
    }
}
