package io.taskshard.server;

import io.taskshard.scheduler.JobLimits;

/**
 * How much one coordinator takes, so that no peer or client can exhaust it (issue 8). Each
 * limit has a named default; docs/configuration.md explains each with its flag and key.
 *
 * @param maxPeers      peers joined at once; the next {@code hello} gets {@code error{too-many-peers}}
 * @param maxTasks      tasks in one schema sent by a peer's {@code hello}; a bigger one gets
 *                      {@code error{too-many-tasks}} (submitted jobs are bounded by {@code maxBodyBytes})
 * @param peerRate      frames per second one peer connection may send on average
 * @param peerBurst     frames a connection may send at once above that rate; a frame over the
 *                      budget gets {@code error{rate-limited}} and is not processed
 * @param maxBodyBytes  largest operator API request body; a bigger one gets 413 with a JSON error
 * @param jobs          jobs and tasks held in memory, and when an abandoned job ends (the scheduler's)
 */
public record ServerLimits(int maxPeers, int maxTasks, int peerRate, int peerBurst, long maxBodyBytes,
                           JobLimits jobs) {
    /** Far above a real fleet, low enough that a runaway script cannot open sockets until memory runs out. */
    public static final int DEFAULT_MAX_PEERS = 10_000;
    /** The biggest Bazel workspaces seen have a few hundred thousand targets. */
    public static final int DEFAULT_MAX_TASKS = 1_000_000;
    /**
     * A peer sends two or three frames per task (started, progress, finished) plus a heartbeat:
     * 2,000 frames/s is a peer finishing several hundred tasks a second, far above real work, and
     * still stops a runaway client from flooding the coordinator's loop.
     */
    public static final int DEFAULT_PEER_RATE = 2_000;
    public static final int DEFAULT_PEER_BURST = 10_000;
    /** A 100,000-task schema submitted as JSON is about 20 MB. */
    public static final long DEFAULT_MAX_BODY_BYTES = 64L * 1024 * 1024;

    public static final ServerLimits DEFAULTS = new ServerLimits(DEFAULT_MAX_PEERS, DEFAULT_MAX_TASKS,
            DEFAULT_PEER_RATE, DEFAULT_PEER_BURST, DEFAULT_MAX_BODY_BYTES, JobLimits.DEFAULTS);

    /** The limits as they were before job limits (those take their defaults). */
    public ServerLimits(int maxPeers, int maxTasks, int peerRate, int peerBurst, long maxBodyBytes) {
        this(maxPeers, maxTasks, peerRate, peerBurst, maxBodyBytes, JobLimits.DEFAULTS);
    }

    public ServerLimits {
        jobs = jobs == null ? JobLimits.DEFAULTS : jobs;
        atLeastOne("max-peers", maxPeers);
        atLeastOne("max-tasks", maxTasks);
        atLeastOne("peer-rate", peerRate);
        atLeastOne("peer-burst", peerBurst);
        atLeastOne("max-body-bytes", maxBodyBytes);
    }

    public ServerLimits withMaxPeers(int v) {
        return new ServerLimits(v, maxTasks, peerRate, peerBurst, maxBodyBytes, jobs);
    }

    public ServerLimits withMaxTasks(int v) {
        return new ServerLimits(maxPeers, v, peerRate, peerBurst, maxBodyBytes, jobs);
    }

    /** Rate and burst together, as {@code --peer-rate 500/s --peer-burst 2000} set them. */
    public ServerLimits withPeerRate(int rate, int burst) {
        return new ServerLimits(maxPeers, maxTasks, rate, burst, maxBodyBytes, jobs);
    }

    public ServerLimits withMaxBodyBytes(long v) {
        return new ServerLimits(maxPeers, maxTasks, peerRate, peerBurst, v, jobs);
    }

    public ServerLimits withJobs(JobLimits v) {
        return new ServerLimits(maxPeers, maxTasks, peerRate, peerBurst, maxBodyBytes, v);
    }

    /** {@code 500/s}, {@code 500} (per second) or {@code 30000/min}, as frames per second. */
    public static int parseRate(String text) {
        String t = text.trim().toLowerCase(java.util.Locale.ROOT);
        int per = 1;
        if (t.endsWith("/s")) {
            t = t.substring(0, t.length() - 2);
        } else if (t.endsWith("/min")) {
            t = t.substring(0, t.length() - 4);
            per = 60;
        }
        try {
            int n = Integer.parseInt(t.trim());
            if (n < per) {
                throw new IllegalArgumentException("rate must be at least 1 frame per second, got '" + text + "'");
            }
            return n / per;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("rate must look like 500/s or 30000/min, got '" + text + "'", e);
        }
    }

    private static void atLeastOne(String name, long value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, got " + value);
        }
    }
}
