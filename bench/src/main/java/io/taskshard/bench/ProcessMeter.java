package io.taskshard.bench;

import java.io.IOException;
import java.lang.management.CompilationMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CPU, GC, JIT and heap of this JVM between two points in time. User and system CPU come from
 * {@code /proc/self/stat} (Linux); elsewhere only their sum is known. CPU per thread group
 * (coordinator loop, Jetty, the bench's own WebSocket clients, virtual-thread carriers) shows
 * where an in-process run spends it; threads that ended between the snapshots are missing
 * from the groups but not from the process total.
 */
final class ProcessMeter {
    private static final Logger LOG = LoggerFactory.getLogger(ProcessMeter.class);
    private static final Path PROC_STAT = Path.of("/proc/self/stat");
    /** Linux's USER_HZ, the unit of utime/stime in /proc; 100 on every mainstream kernel build. */
    static final long DEFAULT_CLOCK_TICKS_PER_SECOND = 100;
    private static final double MB = 1024.0 * 1024.0;

    /** One point in time. */
    record Snapshot(long nanos, long cpuNanos, long userMs, long sysMs, long gcCount, long gcMs, long jitMs,
                    Map<String, Long> threadCpuNanos, long gcMark) {
    }

    /**
     * What happened between two snapshots. {@code userMs}/{@code sysMs} are -1 when the
     * platform does not tell them apart. {@code jitMs}: time the JIT compilers spent (their
     * threads are not Java threads, so it is part of the CPU no thread group shows).
     */
    record Usage(long cpuMs, long userMs, long sysMs, double coresUsed, long gcCount, long gcMs, long jitMs,
                 double heapUsedMb, Map<String, Long> threadCpuMs, GcPauses.Stats gcPauses) {
    }

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

    Snapshot snapshot() {
        long[] userSys = userSysMs();
        long gcCount = 0;
        long gcMs = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            gcCount += Math.max(0, gc.getCollectionCount());
            gcMs += Math.max(0, gc.getCollectionTime());
        }
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        long jitMs = jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : 0;
        return new Snapshot(System.nanoTime(), processCpuNanos(), userSys[0], userSys[1], gcCount, gcMs, jitMs,
                threadCpuByGroup(), GcPauses.mark());
    }

    Usage since(Snapshot before) {
        Snapshot after = snapshot();
        long cpuMs = (after.cpuNanos - before.cpuNanos) / 1_000_000;
        double wallMs = (after.nanos - before.nanos) / 1e6;
        Map<String, Long> groups = new TreeMap<>();
        after.threadCpuNanos.forEach((group, nanos) ->
                groups.put(group, (nanos - before.threadCpuNanos.getOrDefault(group, 0L)) / 1_000_000));
        boolean split = after.userMs >= 0 && before.userMs >= 0;
        return new Usage(cpuMs, split ? after.userMs - before.userMs : -1, split ? after.sysMs - before.sysMs : -1,
                wallMs > 0 ? Math.round(cpuMs / wallMs * 100) / 100.0 : 0, after.gcCount - before.gcCount,
                after.gcMs - before.gcMs, after.jitMs - before.jitMs,
                heapUsedMb(), groups, GcPauses.since(before.gcMark));
    }

    static double heapUsedMb() {
        return Math.round(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / MB * 10) / 10.0;
    }

    /**
     * Heap still in use after a full collection: what the run keeps alive (for an in-process
     * server, the coordinator's state of the job and its peers). Call it outside any measured
     * window: it forces a GC.
     */
    static double liveHeapMb() {
        System.gc();
        return heapUsedMb();
    }

    private static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }

    /** utime and stime of this process in ms, or {-1, -1} when /proc is not there. */
    private static long[] userSysMs() {
        if (!Files.isReadable(PROC_STAT)) {
            return new long[] {-1, -1};
        }
        try {
            String stat = Files.readString(PROC_STAT);
            // The command name (field 2) may hold spaces; fields after it are plain numbers.
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticksToMs = 1000 / DEFAULT_CLOCK_TICKS_PER_SECOND;
            return new long[] {Long.parseLong(f[11]) * ticksToMs, Long.parseLong(f[12]) * ticksToMs};
        } catch (IOException | RuntimeException e) {
            LOG.warn("cannot read user/system CPU from {}; reporting only the total", PROC_STAT, e);
            return new long[] {-1, -1};
        }
    }

    private Map<String, Long> threadCpuByGroup() {
        Map<String, Long> groups = new TreeMap<>();
        if (!threads.isThreadCpuTimeSupported()) {
            return groups;
        }
        long[] ids = threads.getAllThreadIds();
        ThreadInfo[] infos = threads.getThreadInfo(ids);
        for (int i = 0; i < ids.length; i++) {
            long cpu = threads.getThreadCpuTime(ids[i]);
            if (infos[i] != null && cpu > 0) {
                groups.merge(group(infos[i].getThreadName()), cpu, Long::sum);
            }
        }
        return groups;
    }

    /** Which part of the process a thread belongs to, by its name. */
    static String group(String threadName) {
        if (threadName.startsWith("taskshard-coordinator")) {
            return "coordinator-loop";
        }
        if (threadName.startsWith("taskshard-wal-checkpoint")) {
            return "wal-checkpoint";
        }
        if (threadName.startsWith("qtp") || threadName.contains("Jetty") || threadName.startsWith("Scheduler-")) {
            return "jetty";
        }
        if (threadName.startsWith("HttpClient")) {
            return "bench-clients";
        }
        if (threadName.startsWith("ForkJoinPool.commonPool")) {
            return "fork-join-common-pool";
        }
        if (threadName.startsWith("ForkJoinPool") || threadName.contains("carrier")) {
            return "virtual-thread-carriers";
        }
        if (threadName.startsWith("bench")) {
            return "bench-clients";
        }
        return "other";
    }
}
