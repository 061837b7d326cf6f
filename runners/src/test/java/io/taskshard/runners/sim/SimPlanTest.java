package io.taskshard.runners.sim;

import static io.taskshard.runners.testing.Runs.run;
import static io.taskshard.runners.testing.Runs.task;
import static io.taskshard.runners.testing.Runs.withAttempt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.taskshard.protocol.Outcome;
import io.taskshard.runners.spi.RunnerConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The pure plan: seeded, per-task deterministic durations and failures. */
class SimPlanTest {
    private static final Path HERE = Path.of(".");

    private static SimSettings settings(String... options) {
        return SimSettings.from(RunnerConfig.parse(List.of(options)));
    }

    private static long drawn(SimSettings s, String taskId) {
        return SimPlan.of(run(task(taskId), HERE), s).sleepMs();
    }

    @Test
    void the_same_seed_and_task_give_the_same_duration_and_others_differ() {
        SimSettings s = settings("seed=42");

        assertThat(drawn(s, "//a:one")).isEqualTo(drawn(settings("seed=42"), "//a:one"));
        assertThat(drawn(s, "//a:one")).isNotEqualTo(drawn(s, "//a:two"));
        assertThat(drawn(s, "//a:one")).isNotEqualTo(drawn(settings("seed=43"), "//a:one"));
    }

    @Test
    void the_order_tasks_are_planned_in_does_not_matter() {
        SimSettings s = settings("seed=1");
        List<Long> forward = IntStream.range(0, 50).mapToObj(i -> drawn(s, "t" + i)).toList();
        List<Long> backward = IntStream.range(0, 50).map(i -> 49 - i).mapToObj(i -> drawn(s, "t" + i)).toList().reversed();

        assertThat(forward).isEqualTo(backward);
    }

    @Test
    void drawn_durations_follow_the_configured_distribution() {
        SimSettings lognormal = settings("distribution=lognormal", "mean=2s", "spread=0.5", "seed=3");
        SimSettings uniform = settings("distribution=uniform", "mean=1s", "spread=0.2", "seed=3");
        SimSettings fixed = settings("distribution=fixed", "mean=750ms");
        List<Long> logs = IntStream.range(0, 4000).mapToObj(i -> drawn(lognormal, "task-" + i)).toList();
        List<Long> unis = IntStream.range(0, 4000).mapToObj(i -> drawn(uniform, "task-" + i)).toList();

        double logMean = logs.stream().mapToLong(Long::longValue).average().orElseThrow();
        assertThat(logMean).isCloseTo(2_000, within(100.0));
        assertThat(logs).allSatisfy(ms -> assertThat(ms).isPositive());
        assertThat(unis).allSatisfy(ms -> assertThat(ms).isBetween(800L, 1_200L));
        assertThat(drawn(fixed, "any")).isEqualTo(750);
    }

    @Test
    void scale_multiplies_every_duration() {
        assertThat(SimPlan.of(run(task("t", "simulate", "3s"), HERE), settings("scale=0.1")).sleepMs()).isEqualTo(300);
        assertThat(drawn(settings("distribution=fixed", "mean=1s", "scale=2"), "t")).isEqualTo(2_000);
    }

    @Test
    void fail_rate_injects_failures_deterministically_per_task_and_attempt() {
        SimSettings s = settings("fail-rate=0.3", "seed=9");
        List<Outcome> once = IntStream.range(0, 1000).mapToObj(i -> SimPlan.of(run(task("t" + i, "simulate", 1), HERE), s).outcome()).toList();
        List<Outcome> again = IntStream.range(0, 1000).mapToObj(i -> SimPlan.of(run(task("t" + i, "simulate", 1), HERE), s).outcome()).toList();

        long failures = once.stream().filter(o -> o == Outcome.FAILURE).count();
        assertThat(failures).isBetween(240L, 360L);
        assertThat(again).isEqualTo(once);
        // a retry draws anew: not every task failing attempt 1 fails attempt 2 as well
        long failBoth = IntStream.range(0, 1000).filter(i -> once.get(i) == Outcome.FAILURE
                && SimPlan.of(withAttempt(run(task("t" + i, "simulate", 1), HERE), 2), s).outcome() == Outcome.FAILURE).count();
        assertThat(failBoth).isLessThan(failures);
    }

    @Test
    void bad_settings_and_fields_are_refused_with_reasons() {
        assertThatThrownBy(() -> settings("distribution=normal")).hasMessageContaining("'normal' is not one of [fixed, uniform, lognormal]");
        assertThatThrownBy(() -> settings("fail-rate=2")).hasMessageContaining("fail-rate must be between 0 and 1");
        assertThatThrownBy(() -> settings("distribution=uniform", "spread=1.5")).hasMessageContaining("spread must be between 0 and 1");
        assertThatThrownBy(() -> SimPlan.of(run(task("t", "simulateExit", 300), HERE), SimSettings.DEFAULTS))
                .hasMessageContaining("field 'simulateExit': must be an exit code from 0 to 255");
        assertThatThrownBy(() -> SimPlan.of(run(task("t", "simulate", "-3s"), HERE), SimSettings.DEFAULTS))
                .hasMessageContaining("field 'simulate'");
    }
}
