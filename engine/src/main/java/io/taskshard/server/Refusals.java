package io.taskshard.server;

import io.taskshard.scheduler.Event;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Requests refused for a missing, wrong or too weak token (401/403): logged (rate-limited) and
 * audited, summed up so that a flood cannot fill the disk. The first refusal after a quiet
 * window is audited at once; the ones that follow within {@link #DEFAULT_AUDIT_WINDOW_MS} are
 * summed into one record at the end of the window ({@code action: refused}, the count by
 * status, up to {@link #MAX_LISTED} addresses and examples). So a flood makes at most one audit
 * record per window: 8,640 a day, about 2 MB.
 */
final class Refusals implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Refusals.class);
    static final long DEFAULT_AUDIT_WINDOW_MS = 10_000;
    static final int MAX_LISTED = 5;
    /** Who the audit names: nobody proved who they are. */
    static final String ACTOR = "unauthenticated";

    private final Consumer<Event> sink;
    private final long windowMs;
    private final RateLimitedLog log = new RateLimitedLog(LOG);
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("taskshard-refusal-audit").daemon(true).factory());
    private final TreeMap<Integer, Integer> byStatus = new TreeMap<>();
    private final Set<String> addresses = new LinkedHashSet<>();
    private final Set<String> examples = new LinkedHashSet<>();
    private long lastFlushNanos = Long.MIN_VALUE;
    private boolean flushScheduled;

    /** @param sink where the audit events go (the coordinator's queue) */
    Refusals(Consumer<Event> sink, long windowMs) {
        this.sink = sink;
        this.windowMs = windowMs;
    }

    void refused(String method, String path, String address, int status, String message) {
        log.info("refused {} {} from {}: {} {}", method, path, address, status, message);
        long delayMs;
        synchronized (this) {
            byStatus.merge(status, 1, Integer::sum);
            if (addresses.size() < MAX_LISTED) {
                addresses.add(address);
            }
            if (examples.size() < MAX_LISTED) {
                examples.add(method + " " + path + ": " + status + " " + message);
            }
            if (flushScheduled) {
                return;
            }
            flushScheduled = true;
            long sinceMs = lastFlushNanos == Long.MIN_VALUE ? Long.MAX_VALUE
                    : (System.nanoTime() - lastFlushNanos) / 1_000_000;
            delayMs = sinceMs >= windowMs ? 0 : windowMs - sinceMs;
        }
        try {
            timer.schedule(this::flush, delayMs, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            LOG.debug("shutting down: refusals not audited", e);
        }
    }

    private void flush() {
        String detail;
        synchronized (this) {
            flushScheduled = false;
            lastFlushNanos = System.nanoTime();
            int total = byStatus.values().stream().mapToInt(Integer::intValue).sum();
            if (total == 0) {
                return;
            }
            StringBuilder b = new StringBuilder().append(total).append(total == 1 ? " request" : " requests")
                    .append(" refused (");
            byStatus.forEach((status, n) -> b.append(n).append(" x ").append(status).append(", "));
            b.setLength(b.length() - 2);
            b.append(") from ").append(String.join(", ", addresses)).append(addresses.size() == MAX_LISTED ? ", ..." : "")
                    .append("; e.g. ").append(String.join("; ", examples));
            detail = b.toString();
            byStatus.clear();
            addresses.clear();
            examples.clear();
        }
        try {
            sink.accept(new Event.Refusals(ACTOR, "http", detail));
        } catch (RuntimeException e) {
            LOG.warn("could not audit refused requests ({}): {}", detail, e.toString());
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
