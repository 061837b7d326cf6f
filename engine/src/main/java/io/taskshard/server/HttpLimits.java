package io.taskshard.server;

/**
 * How long and how many HTTP clients may hold the coordinator's connections and threads (issue
 * 19): a slow or stuck client is cut off, and the operator API cannot take the threads the peers
 * and {@code /healthz} need. Each setting has a named default; docs/configuration.md and
 * docs/security.md explain them with their flags and keys.
 *
 * @param headerTimeoutMs a request's headers must be complete within this of its first byte (or
 *                        of the previous response on a kept-alive connection); else the connection
 *                        is closed (slowloris)
 * @param bodyTimeoutMs   an operator API request body must arrive in full within this of its
 *                        headers; else {@code 408 request-timeout} and the connection is closed
 * @param idleTimeoutMs   an HTTP connection with no bytes either way for this long is closed (the
 *                        peer WebSocket has its own, from the heartbeat)
 * @param maxApiRequests  operator API requests handled at once (body read or handler running); the
 *                        next gets {@code 503 busy} at once, before its body is read
 * @param acceptQueue     the listen backlog: connections the kernel queues before they are accepted
 */
public record HttpLimits(long headerTimeoutMs, long bodyTimeoutMs, long idleTimeoutMs, int maxApiRequests,
                         int acceptQueue) {
    /** Real clients send their headers in one packet; 10 s is generous even on a bad link. */
    public static final long DEFAULT_HEADER_TIMEOUT_MS = 10_000;
    /** A 64 MiB body (the largest max-body-bytes allows by default) at ~2 MiB/s. */
    public static final long DEFAULT_BODY_TIMEOUT_MS = 30_000;
    /** Jetty's own default; the CLI's calls finish in milliseconds, the event stream is a WebSocket. */
    public static final long DEFAULT_IDLE_TIMEOUT_MS = 30_000;
    /**
     * Far above what operators and CI scripts send at once, and well under Jetty's 250 threads, so
     * that peers' frames and {@code /healthz} always find a thread.
     */
    public static final int DEFAULT_MAX_API_REQUESTS = 64;
    /** Linux caps it at net.core.somaxconn (4096 on current kernels); 50 dropped burst connects. */
    public static final int DEFAULT_ACCEPT_QUEUE = 1_024;

    public static final HttpLimits DEFAULTS = new HttpLimits(DEFAULT_HEADER_TIMEOUT_MS, DEFAULT_BODY_TIMEOUT_MS,
            DEFAULT_IDLE_TIMEOUT_MS, DEFAULT_MAX_API_REQUESTS, DEFAULT_ACCEPT_QUEUE);

    public HttpLimits {
        atLeastOne("header-timeout", headerTimeoutMs);
        atLeastOne("body-timeout", bodyTimeoutMs);
        atLeastOne("idle-timeout", idleTimeoutMs);
        atLeastOne("max-api-requests", maxApiRequests);
        atLeastOne("accept-queue", acceptQueue);
    }

    public HttpLimits withHeaderTimeoutMs(long v) {
        return new HttpLimits(v, bodyTimeoutMs, idleTimeoutMs, maxApiRequests, acceptQueue);
    }

    public HttpLimits withBodyTimeoutMs(long v) {
        return new HttpLimits(headerTimeoutMs, v, idleTimeoutMs, maxApiRequests, acceptQueue);
    }

    public HttpLimits withIdleTimeoutMs(long v) {
        return new HttpLimits(headerTimeoutMs, bodyTimeoutMs, v, maxApiRequests, acceptQueue);
    }

    public HttpLimits withMaxApiRequests(int v) {
        return new HttpLimits(headerTimeoutMs, bodyTimeoutMs, idleTimeoutMs, v, acceptQueue);
    }

    public HttpLimits withAcceptQueue(int v) {
        return new HttpLimits(headerTimeoutMs, bodyTimeoutMs, idleTimeoutMs, maxApiRequests, v);
    }

    private static void atLeastOne(String name, long value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, got " + value);
        }
    }
}
