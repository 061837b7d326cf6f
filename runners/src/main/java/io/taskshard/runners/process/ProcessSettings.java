package io.taskshard.runners.process;

import io.taskshard.runners.spi.LogTail;
import io.taskshard.runners.spi.RunnerConfig;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Settings every process-running runner shares.
 *
 * @param killGraceMs how long a stopped process tree gets between SIGTERM and SIGKILL
 * @param tailBytes   how much of the output is kept, see {@link LogTail}
 * @param drainMs     how long to wait for the output to close after the process exited
 */
public record ProcessSettings(long killGraceMs, int tailBytes, long drainMs) {

    /** Time between SIGTERM and SIGKILL: enough for a build tool to clean up, short enough to reassign quickly. */
    public static final Duration DEFAULT_KILL_GRACE = Duration.ofSeconds(5);
    /**
     * After the process exited, how long to wait for the end of its output. A background child
     * that inherited the output can keep it open for ever; the result does not wait for it.
     */
    public static final Duration DEFAULT_OUTPUT_DRAIN = Duration.ofSeconds(2);

    public static final ProcessSettings DEFAULTS =
            new ProcessSettings(DEFAULT_KILL_GRACE.toMillis(), LogTail.DEFAULT_MAX_BYTES, DEFAULT_OUTPUT_DRAIN.toMillis());

    /** The option keys read by {@link #from}, with help texts. */
    public static final Map<String, String> OPTIONS;

    static {
        Map<String, String> o = new LinkedHashMap<>();
        o.put("kill-grace", "time between SIGTERM and SIGKILL when a task is cancelled or times out (default 5s)");
        o.put("tail-bytes", "how many bytes of the end of the output are kept and reported (default 65536)");
        OPTIONS = Collections.unmodifiableMap(o);
    }

    public ProcessSettings {
        if (killGraceMs < 0 || drainMs < 0) {
            throw new IllegalArgumentException("kill-grace and output drain must not be negative");
        }
        if (tailBytes < LogTail.MIN_MAX_BYTES) {
            throw new IllegalArgumentException("tail-bytes must be at least " + LogTail.MIN_MAX_BYTES + ", got " + tailBytes);
        }
    }

    public static ProcessSettings from(RunnerConfig config) {
        long tail = config.longValue("tail-bytes", LogTail.DEFAULT_MAX_BYTES);
        if (tail < LogTail.MIN_MAX_BYTES || tail > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("runner option 'tail-bytes': must be between " + LogTail.MIN_MAX_BYTES
                    + " and " + Integer.MAX_VALUE + ", got " + tail);
        }
        return new ProcessSettings(config.durationMillis("kill-grace", DEFAULT_KILL_GRACE.toMillis()), (int) tail,
                DEFAULT_OUTPUT_DRAIN.toMillis());
    }
}
