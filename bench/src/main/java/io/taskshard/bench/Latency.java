package io.taskshard.bench;

import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * Percentiles of a latency histogram, in microseconds.
 *
 * @param count samples
 * @param p50Us median
 * @param p999Us 99.9th percentile
 */
record Latency(long count, double meanUs, double p50Us, double p90Us, double p99Us, double p999Us, double maxUs) {
    /** Longest latency a histogram tells apart; longer ones are recorded as this. */
    static final long MAX_TRACKABLE_NANOS = TimeUnit.SECONDS.toNanos(60);
    /** Three significant digits: 0.1% resolution at every magnitude. */
    static final int SIGNIFICANT_DIGITS = 3;

    static Histogram newHistogram() {
        return new Histogram(MAX_TRACKABLE_NANOS, SIGNIFICANT_DIGITS);
    }

    /** Records {@code nanos}, clamped to the trackable range. */
    static void record(Histogram h, long nanos) {
        h.recordValue(Math.max(0, Math.min(nanos, MAX_TRACKABLE_NANOS)));
    }

    static Latency of(Histogram h) {
        if (h.getTotalCount() == 0) {
            return new Latency(0, 0, 0, 0, 0, 0, 0);
        }
        return new Latency(h.getTotalCount(), us(h.getMean()), us(h.getValueAtPercentile(50)),
                us(h.getValueAtPercentile(90)), us(h.getValueAtPercentile(99)), us(h.getValueAtPercentile(99.9)),
                us(h.getMaxValue()));
    }

    private static double us(double nanos) {
        return Math.round(nanos / 100.0) / 10.0; // microseconds, one decimal
    }

    /** "p50 0.8 / p90 1.2 / p99 3.4 / p99.9 9.1 / max 12.0 ms". */
    String describeMs() {
        return String.format(java.util.Locale.ROOT, "p50 %.2f / p90 %.2f / p99 %.2f / p99.9 %.2f / max %.2f ms (n=%d)",
                p50Us / 1000, p90Us / 1000, p99Us / 1000, p999Us / 1000, maxUs / 1000, count);
    }
}
