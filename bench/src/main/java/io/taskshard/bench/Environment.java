package io.taskshard.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * The machine a result was measured on. The load average matters: the benchmark machine is
 * shared, and a busy neighbour shows up as lower throughput.
 *
 * @param loadAverage the 1, 5 and 15 minute load averages from /proc/loadavg ("n/a" elsewhere)
 */
record Environment(String measuredAt, int cpus, String jdk, String os, String loadAverage, long maxHeapMb) {
    private static final Path LOADAVG = Path.of("/proc/loadavg");

    static Environment now() {
        return new Environment(Instant.now().toString(), Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vm.vendor") + " " + System.getProperty("java.vm.name") + " "
                        + System.getProperty("java.runtime.version"),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                        + System.getProperty("os.arch"),
                readLoadAverage(), Runtime.getRuntime().maxMemory() / (1024 * 1024));
    }

    static String readLoadAverage() {
        try {
            String[] f = Files.readString(LOADAVG).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return "n/a";
        }
    }

    String describe() {
        return cpus + " CPUs, " + jdk + ", " + os + ", max heap " + maxHeapMb + " MB, load average " + loadAverage;
    }
}
