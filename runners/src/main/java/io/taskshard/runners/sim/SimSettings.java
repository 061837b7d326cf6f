package io.taskshard.runners.sim;

import io.taskshard.runners.spi.LogTail;
import io.taskshard.runners.spi.RunnerConfig;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Settings of the simulated runner.
 *
 * @param distribution how durations are drawn for tasks without a {@code simulate} field
 * @param meanMs       the mean of that distribution
 * @param spread       uniform: durations fall in mean × (1 ± spread), spread in [0, 1];
 *                     lognormal: the standard deviation of ln(duration)
 * @param seed         makes drawn durations and injected failures reproducible
 * @param scale        every duration (also from {@code simulate}) is multiplied by this
 * @param failRate     probability in [0, 1] that an attempt fails (drawn per task and attempt)
 * @param tailBytes    log tail size
 */
public record SimSettings(Distribution distribution, long meanMs, double spread, long seed, double scale,
                          double failRate, int tailBytes) {

    /** How durations are drawn. */
    public enum Distribution {
        /** Always the mean. */
        FIXED,
        /** Uniform around the mean. */
        UNIFORM,
        /** Log-normal with the given mean: mostly short, a few long ones, like real build targets. */
        LOGNORMAL
    }

    public static final Distribution DEFAULT_DISTRIBUTION = Distribution.LOGNORMAL;
    public static final long DEFAULT_MEAN_MS = 1_000;
    public static final double DEFAULT_SPREAD = 0.5;
    public static final long DEFAULT_SEED = 0;

    public static final SimSettings DEFAULTS = new SimSettings(DEFAULT_DISTRIBUTION, DEFAULT_MEAN_MS, DEFAULT_SPREAD,
            DEFAULT_SEED, 1.0, 0.0, LogTail.DEFAULT_MAX_BYTES);

    /** Option keys and help texts. */
    public static final Map<String, String> OPTIONS;

    static {
        Map<String, String> o = new LinkedHashMap<>();
        o.put("distribution", "durations of tasks without 'simulate': fixed, uniform or lognormal (default lognormal)");
        o.put("mean", "mean of those durations (default 1s)");
        o.put("spread", "uniform: mean x (1 +- spread); lognormal: sigma of ln(duration) (default 0.5)");
        o.put("seed", "seed for drawn durations and failures, so runs repeat exactly (default 0)");
        o.put("scale", "multiply every duration by this, e.g. 0.1 to run 10x faster (default 1)");
        o.put("fail-rate", "probability that an attempt fails, 0 to 1 (default 0)");
        o.put("tail-bytes", "how many bytes of the end of the log are kept (default 65536)");
        OPTIONS = Collections.unmodifiableMap(o);
    }

    public SimSettings {
        if (distribution == null) {
            throw new IllegalArgumentException("distribution must be set");
        }
        if (meanMs < 0) {
            throw new IllegalArgumentException("mean must not be negative, got " + meanMs + "ms");
        }
        if (spread < 0 || (distribution == Distribution.UNIFORM && spread > 1)) {
            throw new IllegalArgumentException("spread must be between 0 and " + (distribution == Distribution.UNIFORM ? "1" : "any")
                    + " for " + distribution.name().toLowerCase(Locale.ROOT) + ", got " + spread);
        }
        if (!(scale >= 0)) {
            throw new IllegalArgumentException("scale must not be negative, got " + scale);
        }
        if (!(failRate >= 0 && failRate <= 1)) {
            throw new IllegalArgumentException("fail-rate must be between 0 and 1, got " + failRate);
        }
        if (tailBytes < LogTail.MIN_MAX_BYTES) {
            throw new IllegalArgumentException("tail-bytes must be at least " + LogTail.MIN_MAX_BYTES + ", got " + tailBytes);
        }
    }

    public static SimSettings from(RunnerConfig config) {
        Distribution d = Distribution.valueOf(config.choice("distribution", DEFAULT_DISTRIBUTION.name().toLowerCase(Locale.ROOT),
                List.of("fixed", "uniform", "lognormal")).toUpperCase(Locale.ROOT));
        long tail = config.longValue("tail-bytes", LogTail.DEFAULT_MAX_BYTES);
        return new SimSettings(d, config.durationMillis("mean", DEFAULT_MEAN_MS), config.doubleValue("spread", DEFAULT_SPREAD),
                config.longValue("seed", DEFAULT_SEED), config.doubleValue("scale", 1.0),
                config.doubleValue("fail-rate", 0.0), (int) Math.min(Integer.MAX_VALUE, tail));
    }
}
