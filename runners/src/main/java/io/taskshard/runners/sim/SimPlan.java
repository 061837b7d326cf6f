package io.taskshard.runners.sim;

import io.taskshard.model.Durations;
import io.taskshard.protocol.Outcome;
import io.taskshard.runners.spi.TaskFields;
import io.taskshard.runners.spi.TaskRun;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * What one simulated attempt will do: how long it sleeps and how it ends. A pure function of the
 * task, the attempt number and the settings, so the same seed gives the same run every time.
 *
 * <p>Task fields read: {@code simulate} (duration; else drawn from the settings' distribution),
 * {@code simulateFailures} (the first N attempts fail), {@code simulateExit} (exit code of the
 * attempts that do not fail by {@code simulateFailures}), {@code simulateRetryable} (the
 * {@code retryable} of a failure).
 *
 * @param sleepMs   how long to sleep
 * @param outcome   how it ends after the sleep
 * @param exitCode  the simulated exit code, or null when it timed out
 * @param retryable see {@link io.taskshard.runners.spi.RunResult#retryable()}
 * @param notes     log lines: what is simulated and why
 * @param endNote   log line after the sleep, or null
 */
public record SimPlan(long sleepMs, Outcome outcome, Integer exitCode, Boolean retryable, List<String> notes,
                      String endNote) {

    public static final String DURATION_FIELD = "simulate";
    public static final String FAILURES_FIELD = "simulateFailures";
    public static final String EXIT_FIELD = "simulateExit";
    public static final String RETRYABLE_FIELD = "simulateRetryable";

    public SimPlan {
        notes = List.copyOf(notes);
    }

    /**
     * Plans an attempt.
     *
     * @throws IllegalArgumentException naming a task field that is wrong
     */
    public static SimPlan of(TaskRun run, SimSettings settings) {
        TaskFields fields = run.fields();
        List<String> notes = new ArrayList<>();
        long duration;
        long fixed = fields.durationMillis(DURATION_FIELD);
        if (fixed >= 0) {
            duration = Math.round(fixed * settings.scale());
            notes.add("simulating " + Durations.format(duration) + " (task field " + DURATION_FIELD
                    + scaled(settings) + ")");
        } else {
            duration = Math.round(draw(settings, random(settings.seed(), run.taskId())) * settings.scale());
            notes.add(String.format(Locale.ROOT, "simulating %s (%s, mean %s, seed %d%s)", Durations.format(duration),
                    settings.distribution().name().toLowerCase(Locale.ROOT), Durations.format(settings.meanMs()),
                    settings.seed(), scaled(settings)));
        }

        if (run.timeoutMs() > 0 && duration > run.timeoutMs()) {
            return new SimPlan(run.timeoutMs(), Outcome.FAILURE, null, null, notes,
                    "timed out after " + Durations.format(run.timeoutMs()));
        }

        long failures = fields.longValue(FAILURES_FIELD, 0);
        long exit = fields.longValue(EXIT_FIELD, 0);
        if (exit < 0 || exit > 255) {
            throw new IllegalArgumentException("task '" + run.taskId() + "', field '" + EXIT_FIELD
                    + "': must be an exit code from 0 to 255, got " + exit);
        }
        Boolean retryable = fields.bool(RETRYABLE_FIELD);
        String why;
        if (run.attempt() <= failures) {
            exit = exit == 0 ? 1 : exit;
            why = "injected failure: attempt " + run.attempt() + " of the first " + failures + " that fail ("
                    + FAILURES_FIELD + ")";
        } else if (exit != 0) {
            why = "exit code " + exit + " (" + EXIT_FIELD + ")";
        } else if (settings.failRate() > 0
                && random(settings.seed(), run.taskId() + "#" + run.attempt()).nextDouble() < settings.failRate()) {
            exit = 1;
            why = "injected failure (fail-rate " + settings.failRate() + ")";
        } else {
            return new SimPlan(duration, Outcome.SUCCESS, 0, null, notes, "done");
        }
        return new SimPlan(duration, Outcome.FAILURE, (int) exit, retryable, notes, why);
    }

    /** One duration from the distribution, in milliseconds, before scaling. */
    static double draw(SimSettings s, SplittableRandom random) {
        double mean = s.meanMs();
        return switch (s.distribution()) {
            case FIXED -> mean;
            case UNIFORM -> mean * (1 + s.spread() * (2 * random.nextDouble() - 1));
            case LOGNORMAL -> {
                // ln(X) ~ N(mu, sigma²) has mean exp(mu + sigma²/2): pick mu so the mean is `mean`.
                if (mean == 0) {
                    yield 0;
                }
                double sigma = s.spread();
                double mu = Math.log(mean) - sigma * sigma / 2;
                yield Math.exp(mu + sigma * random.nextGaussian());
            }
        };
    }

    /** A generator that depends only on the seed and {@code key}: the same task draws the same numbers. */
    static SplittableRandom random(long seed, String key) {
        long h = 0xcbf29ce484222325L; // FNV-1a 64: a stable hash, unlike a JVM's identity hash
        for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return new SplittableRandom(h ^ (seed * 0x9E3779B97F4A7C15L));
    }

    private static String scaled(SimSettings s) {
        return s.scale() == 1.0 ? "" : ", scaled x" + s.scale();
    }
}
