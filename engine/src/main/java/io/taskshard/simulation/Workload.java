package io.taskshard.simulation;

import java.util.Arrays;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * A set of independent tasks for the makespan simulation: each task's duration as recorded in
 * an earlier run ({@code historyMs}, what the scheduler's history knows) and its duration in
 * the run being simulated ({@code actualMs}: the history times seeded noise, since no build
 * step takes exactly as long twice).
 *
 * @param name      e.g. "heavy-tailed"
 * @param historyMs recorded duration per task, index = task
 * @param actualMs  duration per task in this run
 */
public record Workload(String name, long[] historyMs, long[] actualMs) {
    /** Median task of the generated workloads: 10 s, a typical Bazel test target. */
    public static final long DEFAULT_MEDIAN_MS = 10_000;
    /** Sigma of the log-normal heavy tail: a few tasks take tens of times the median. */
    public static final double DEFAULT_HEAVY_TAIL_SIGMA = 1.5;
    /** Each run differs from the recorded history by up to this fraction, up or down. */
    public static final double DEFAULT_NOISE = 0.2;

    public Workload {
        Objects.requireNonNull(name, "name");
        if (historyMs.length != actualMs.length || historyMs.length == 0) {
            throw new IllegalArgumentException("a workload needs as many history as actual durations, at least one");
        }
        historyMs = historyMs.clone();
        actualMs = actualMs.clone();
    }

    public int size() {
        return actualMs.length;
    }

    /** Task ids: t0000, t0001, ... (schema order = index order). */
    public String id(int index) {
        return String.format("t%04d", index);
    }

    public long totalWorkMs() {
        return Arrays.stream(actualMs).sum();
    }

    public long longestMs() {
        return Arrays.stream(actualMs).max().orElse(0);
    }

    /** {@code max(total work / slots, longest task)}: no schedule of independent tasks is shorter. */
    public long lowerBoundMs(int totalSlots) {
        return Math.max((totalWorkMs() + totalSlots - 1) / totalSlots, longestMs());
    }

    /** Log-normal durations (median {@link #DEFAULT_MEDIAN_MS}, sigma {@link #DEFAULT_HEAVY_TAIL_SIGMA}). */
    public static Workload heavyTailed(int tasks, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        long[] history = new long[tasks];
        for (int i = 0; i < tasks; i++) {
            double gaussian = gaussian(random);
            history[i] = Math.max(1, Math.round(DEFAULT_MEDIAN_MS * Math.exp(DEFAULT_HEAVY_TAIL_SIGMA * gaussian)));
        }
        return withNoise("heavy-tailed", history, random);
    }

    /** Durations uniform in [1 s, 2 x median - 1 s]. */
    public static Workload uniform(int tasks, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        long[] history = new long[tasks];
        for (int i = 0; i < tasks; i++) {
            history[i] = random.nextLong(1_000, 2 * DEFAULT_MEDIAN_MS - 1_000 + 1);
        }
        return withNoise("uniform", history, random);
    }

    private static Workload withNoise(String name, long[] history, SplittableRandom random) {
        long[] actual = new long[history.length];
        for (int i = 0; i < history.length; i++) {
            double factor = 1 + DEFAULT_NOISE * (2 * random.nextDouble() - 1);
            actual[i] = Math.max(1, Math.round(history[i] * factor));
        }
        return new Workload(name, history, actual);
    }

    /** Box-Muller of our own, so one seed gives the same workload on every JDK. */
    private static double gaussian(SplittableRandom random) {
        double u1 = 1 - random.nextDouble(); // (0, 1]: log(0) would be -infinity
        double u2 = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }
}
