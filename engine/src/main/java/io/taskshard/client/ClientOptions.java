package io.taskshard.client;

import io.taskshard.tls.TlsContexts;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How {@link OperatorClient} and {@link EventStream} talk to a coordinator. Start from
 * {@link #defaults()} and change what you need with the {@code with*} methods.
 *
 * @param token             operator token sent as {@code Authorization: Bearer <token>}; null = none
 * @param connectTimeout    how long opening a TCP connection may take
 * @param requestTimeout    how long one REST request may wait for its answer
 * @param reconnectMinDelay the event stream's first wait after its connection drops
 * @param reconnectMaxDelay the longest wait between reconnect attempts (the delay doubles up to it)
 * @param idleTimeout       the event stream gives up on a connection that sent nothing (not
 *                          even a ping) for this long, and reconnects
 * @param caCert            PEM file of the CA(s) to trust for https/wss (a private CA); null = the
 *                          JDK's default trust store
 */
public record ClientOptions(String token, Duration connectTimeout, Duration requestTimeout,
                            Duration reconnectMinDelay, Duration reconnectMaxDelay, Duration idleTimeout,
                            Path caCert) {
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** Above the server's own 10 s command timeout, so its 503 answer arrives rather than ours. */
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(15);
    public static final Duration DEFAULT_RECONNECT_MIN_DELAY = Duration.ofMillis(250);
    public static final Duration DEFAULT_RECONNECT_MAX_DELAY = Duration.ofSeconds(10);
    /** Three of the server's 15 s pings. */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(45);

    public ClientOptions {
        token = token == null || token.isBlank() ? null : token.strip();
        requirePositive("connectTimeout", connectTimeout);
        requirePositive("requestTimeout", requestTimeout);
        requirePositive("reconnectMinDelay", reconnectMinDelay);
        requirePositive("reconnectMaxDelay", reconnectMaxDelay);
        requirePositive("idleTimeout", idleTimeout);
        if (reconnectMaxDelay.compareTo(reconnectMinDelay) < 0) {
            throw new IllegalArgumentException("reconnectMaxDelay (" + reconnectMaxDelay
                    + ") must not be below reconnectMinDelay (" + reconnectMinDelay + ")");
        }
    }

    /** The options as they were before {@code caCert} (the JDK's trust store). */
    public ClientOptions(String token, Duration connectTimeout, Duration requestTimeout, Duration reconnectMinDelay,
                         Duration reconnectMaxDelay, Duration idleTimeout) {
        this(token, connectTimeout, requestTimeout, reconnectMinDelay, reconnectMaxDelay, idleTimeout, null);
    }

    /** Every setting at its default, no token. */
    public static ClientOptions defaults() {
        return new ClientOptions(null, DEFAULT_CONNECT_TIMEOUT, DEFAULT_REQUEST_TIMEOUT, DEFAULT_RECONNECT_MIN_DELAY,
                DEFAULT_RECONNECT_MAX_DELAY, DEFAULT_IDLE_TIMEOUT);
    }

    public ClientOptions withToken(String v) {
        return new ClientOptions(v, connectTimeout, requestTimeout, reconnectMinDelay, reconnectMaxDelay, idleTimeout, caCert);
    }

    public ClientOptions withConnectTimeout(Duration v) {
        return new ClientOptions(token, v, requestTimeout, reconnectMinDelay, reconnectMaxDelay, idleTimeout, caCert);
    }

    public ClientOptions withRequestTimeout(Duration v) {
        return new ClientOptions(token, connectTimeout, v, reconnectMinDelay, reconnectMaxDelay, idleTimeout, caCert);
    }

    /** Reconnect delays: the first wait, doubling up to {@code max}. */
    public ClientOptions withReconnectDelays(Duration min, Duration max) {
        return new ClientOptions(token, connectTimeout, requestTimeout, min, max, idleTimeout, caCert);
    }

    public ClientOptions withIdleTimeout(Duration v) {
        return new ClientOptions(token, connectTimeout, requestTimeout, reconnectMinDelay, reconnectMaxDelay, v, caCert);
    }

    /** Trust the CA certificates in this PEM file for https/wss; null for the JDK's defaults. */
    public ClientOptions withCaCert(Path v) {
        return new ClientOptions(token, connectTimeout, requestTimeout, reconnectMinDelay, reconnectMaxDelay,
                idleTimeout, v);
    }

    /**
     * An HTTP client with these timeouts and trust.
     *
     * @throws IllegalArgumentException when {@code caCert} cannot be read as PEM certificates
     */
    public HttpClient newHttpClient() {
        HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(connectTimeout);
        if (caCert != null) {
            b.sslContext(TlsContexts.trusting(caCert));
        }
        return b.build();
    }

    /** The wait before reconnect attempt {@code attempt} (1 = the first after a drop). */
    public Duration reconnectDelay(int attempt) {
        Duration delay = reconnectMinDelay;
        for (int i = 1; i < attempt && delay.compareTo(reconnectMaxDelay) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(reconnectMaxDelay) > 0 ? reconnectMaxDelay : delay;
    }

    private static void requirePositive(String name, Duration d) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, got " + d);
        }
    }

    @Override
    public String toString() {
        // Never print the token.
        return "ClientOptions[token=" + (token == null ? "none" : "***") + ", connectTimeout=" + connectTimeout
                + ", requestTimeout=" + requestTimeout + ", reconnect=" + reconnectMinDelay + ".." + reconnectMaxDelay
                + ", idleTimeout=" + idleTimeout + ", caCert=" + (caCert == null ? "default" : caCert) + "]";
    }
}
