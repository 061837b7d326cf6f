package io.taskshard.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.concurrent.ConcurrentLinkedQueue;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * Stop-the-world GC pauses of this JVM, as the collectors report them one by one: with the
 * coordinator and its simulated peers in one process, a pause delays every assign in flight,
 * so the longest pause of a window is set beside its assign latency. Counts the collectors'
 * pause reports (G1 young, mixed and full collections; ZGC's and the serial/parallel
 * collectors' pauses), not concurrent cycles; G1's remark and cleanup pauses are reported with
 * its concurrent cycles and are not in here.
 */
final class GcPauses {
    /** Pauses of one window. */
    record Stats(long count, long totalMs, long maxMs) {
    }

    /**
     * {nanoTime when reported, durationMs} of every pause since the first use. Stamped on
     * arrival: the collectors' own start times count from another origin than the JVM's uptime.
     */
    private static final ConcurrentLinkedQueue<long[]> PAUSES = new ConcurrentLinkedQueue<>();
    private static volatile boolean listening;

    private GcPauses() {
    }

    /** Starts listening (once per JVM); returns now, as {@link System#nanoTime()}. */
    static synchronized long mark() {
        if (!listening) {
            listening = true;
            for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                if (gc instanceof NotificationEmitter emitter && isPause(gc.getName())) {
                    emitter.addNotificationListener((n, handback) -> {
                        var info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
                        PAUSES.add(new long[] {System.nanoTime(), info.getGcInfo().getDuration()});
                    }, n -> GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType()),
                            null);
                }
            }
        }
        return System.nanoTime();
    }

    /** Pauses reported at or after {@code sinceNanos} (from {@link #mark}). */
    static Stats since(long sinceNanos) {
        long count = 0;
        long total = 0;
        long max = 0;
        for (long[] p : PAUSES) {
            if (p[0] - sinceNanos >= 0) {
                count++;
                total += p[1];
                max = Math.max(max, p[1]);
            }
        }
        return new Stats(count, total, max);
    }

    /** "G1 Concurrent GC", "ZGC Major Cycles" and the like time concurrent work, not pauses. */
    static boolean isPause(String collectorName) {
        return collectorName.contains("Pauses")
                || !(collectorName.contains("Cycles") || collectorName.contains("Concurrent"));
    }
}
