package io.taskshard.runners.sim;

import static io.taskshard.runners.testing.Runs.result;
import static io.taskshard.runners.testing.Runs.run;
import static io.taskshard.runners.testing.Runs.task;
import static io.taskshard.runners.testing.Runs.withAttempt;
import static io.taskshard.runners.testing.Runs.withTimeout;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.taskshard.protocol.Outcome;
import io.taskshard.runners.spi.RunHandle;
import io.taskshard.runners.spi.RunListener;
import io.taskshard.runners.spi.RunResult;
import io.taskshard.runners.spi.RunnerConfig;
import io.taskshard.runners.spi.Runners;
import io.taskshard.runners.spi.TaskRun;
import io.taskshard.runners.testing.RecordingListener;
import io.taskshard.runners.testing.Runs;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The simulated runner in virtual time (and once in real time), including failure injection and cancel. */
class SimRunnerTest {
    private static final Path HERE = Path.of(".");

    private final ManualTime time = new ManualTime();
    private final SimRunner sim = new SimRunner(SimSettings.DEFAULTS, time, time);

    @Test
    void sleeps_the_tasks_simulate_duration_in_virtual_time() {
        RecordingListener listener = new RecordingListener();

        RunResult r = result(sim.start(run(task("//core:model", "simulate", "3s"), HERE), listener));

        assertThat(r.outcome()).isEqualTo(Outcome.SUCCESS);
        assertThat(r.exitCode()).isZero();
        assertThat(r.durationMs()).isEqualTo(3_000);
        assertThat(r.log()).isEqualTo("[sim] simulating 3.0s (task field simulate)\n[sim] done\n");
        assertThat(listener.calls).first().isEqualTo("started");
        assertThat(listener.logged()).isEqualTo(r.log());
    }

    @Test
    void simulate_failures_fails_the_first_attempts_then_succeeds() {
        TaskRun first = run(task("flaky", "simulate", "1s", "simulateFailures", 1), HERE);

        RunResult r1 = result(sim.start(first, RunListener.NONE));
        RunResult r2 = result(sim.start(withAttempt(first, 2), RunListener.NONE));

        assertThat(r1.outcome()).isEqualTo(Outcome.FAILURE);
        assertThat(r1.exitCode()).isEqualTo(1);
        assertThat(r1.log()).contains("injected failure: attempt 1 of the first 1 that fail (simulateFailures)");
        assertThat(r2.outcome()).isEqualTo(Outcome.SUCCESS);
    }

    @Test
    void simulate_exit_and_retryable_shape_the_failure() {
        RunResult r = result(sim.start(run(task("broken", "simulate", 10, "simulateExit", 3, "simulateRetryable", false), HERE),
                RunListener.NONE));

        assertThat(r.outcome()).isEqualTo(Outcome.FAILURE);
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.retryable()).isFalse();
        assertThat(r.durationMs()).isEqualTo(10);
    }

    @Test
    void an_attempt_longer_than_its_timeout_sleeps_the_timeout_and_fails() {
        RunResult r = result(sim.start(withTimeout(run(task("slow", "simulate", "10s"), HERE), 1_000), RunListener.NONE));

        assertThat(r.outcome()).isEqualTo(Outcome.FAILURE);
        assertThat(r.exitCode()).isNull();
        assertThat(r.durationMs()).isEqualTo(1_000);
        assertThat(r.log()).endsWith("[sim] timed out after 1.0s\n");
    }

    @Test
    void a_bad_simulate_field_is_an_error_not_worth_retrying() {
        RunResult r = result(sim.start(run(task("t", "simulate", "soon"), HERE), RunListener.NONE));

        assertThat(r.outcome()).isEqualTo(Outcome.ERROR);
        assertThat(r.retryable()).isFalse();
        assertThat(r.log()).contains("task 't', field 'simulate': bad duration 'soon'");
    }

    @Test
    void cancel_interrupts_the_sleep() {
        SimRunner realTime = new SimRunner(SimSettings.DEFAULTS);
        RecordingListener listener = new RecordingListener();
        RunHandle handle = realTime.start(run(task("long", "simulate", "1h"), HERE), listener);
        await().atMost(Runs.PATIENCE).until(() -> listener.started.get() == 1);

        handle.cancel("operator");
        RunResult r = result(handle);

        assertThat(r.outcome()).isEqualTo(Outcome.ERROR);
        assertThat(r.log()).endsWith("[sim] cancelled: operator\n");
    }

    @Test
    void runs_a_short_real_sleep_end_to_end_through_the_registry() {
        RunResult r = result(Runners.byName("sim", RunnerConfig.EMPTY)
                .start(run(task("quick", "simulate", "50ms"), HERE), RunListener.NONE));

        assertThat(r.outcome()).isEqualTo(Outcome.SUCCESS);
        assertThat(r.log()).contains("simulating 50ms");
    }

    @Test
    void without_simulate_the_duration_is_drawn_and_the_same_every_time() {
        SimRunner seeded = new SimRunner(SimSettings.from(RunnerConfig.parse(List.of("seed=7", "mean=2s"))), time, time);

        long a = result(seeded.start(run(task("//x:y"), HERE), RunListener.NONE)).durationMs();
        long b = result(seeded.start(run(task("//x:y"), HERE), RunListener.NONE)).durationMs();

        assertThat(a).isEqualTo(b).isPositive();
    }

    @Test
    void one_runner_serves_many_attempts_at_once() {
        List<RunHandle> handles = IntStream.range(0, 50)
                .mapToObj(i -> sim.start(run(task("t" + i, "simulate", i + "ms"), HERE), RunListener.NONE)).toList();

        List<RunResult> results = handles.stream().map(Runs::result).toList();

        assertThat(results).extracting(RunResult::outcome).containsOnly(Outcome.SUCCESS);
        assertThat(results).extracting(RunResult::log).allSatisfy(log -> assertThat(log).endsWith("[sim] done\n"));
        assertThat(handles).extracting(h -> h.run().taskId()).doesNotHaveDuplicates().hasSize(50);
    }
}
