package io.taskshard.runners.bazel;

import static io.taskshard.runners.testing.Runs.awaitGone;
import static io.taskshard.runners.testing.Runs.awaitPids;
import static io.taskshard.runners.testing.Runs.killQuietly;
import static io.taskshard.runners.testing.Runs.result;
import static io.taskshard.runners.testing.Runs.run;
import static io.taskshard.runners.testing.Runs.task;
import static org.assertj.core.api.Assertions.assertThat;

import io.taskshard.protocol.Outcome;
import io.taskshard.runners.spi.RunHandle;
import io.taskshard.runners.spi.RunListener;
import io.taskshard.runners.spi.RunResult;
import io.taskshard.runners.spi.Runner;
import io.taskshard.runners.spi.RunnerConfig;
import io.taskshard.runners.spi.Runners;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The Bazel runner against a fake bazel script: command line, workspace, exit codes, kill. */
class BazelRunnerTest {

    @TempDir
    Path tools;
    @TempDir
    Path workspace;

    private FakeBazel bazel;

    @BeforeEach
    void fakeBazel() throws Exception {
        bazel = FakeBazel.in(tools);
    }

    private Runner runner(String... options) {
        List<String> all = new ArrayList<>(List.of("binary=" + bazel.binary));
        all.addAll(List.of(options));
        return Runners.byName("bazel", RunnerConfig.parse(all));
    }

    @Test
    void builds_the_target_in_the_workspace_with_startup_options_and_flags_in_place() throws Exception {
        Runner r = runner("startup-option=--output_user_root=/cache/bazel", "flag=--remote_cache=http://cache:8080",
                "flag=--keep_going");

        RunResult result = result(r.start(run(task("//app:lib", "target", "//app:lib", "bazelFlags", List.of("--config=ci")),
                workspace), RunListener.NONE));

        assertThat(result.outcome()).isEqualTo(Outcome.SUCCESS);
        assertThat(result.exitCode()).isZero();
        assertThat(bazel.lastCall()).containsExactly(workspace.toRealPath().toString(),
                "--output_user_root=/cache/bazel", "build", "--remote_cache=http://cache:8080", "--keep_going",
                "--config=ci", "--", "//app:lib");
        assertThat(result.log()).contains("[bazel] running " + bazel.binary + " --output_user_root=/cache/bazel build")
                .contains("fake bazel: --output_user_root=/cache/bazel build");
    }

    @Test
    void runs_test_when_the_task_or_the_settings_say_so() throws Exception {
        result(runner().start(run(task("t", "target", "//app:test", "bazel", "test"), workspace), RunListener.NONE));
        assertThat(bazel.lastCall()).containsExactly(workspace.toRealPath().toString(), "test", "--", "//app:test");

        result(runner("command=test").start(run(task("t", "target", "//app:test"), workspace), RunListener.NONE));
        assertThat(bazel.lastCall()).contains("test").doesNotContain("build");

        result(runner("command=test").start(run(task("t", "target", "//app:lib", "bazel", "build"), workspace), RunListener.NONE));
        assertThat(bazel.lastCall()).contains("build").doesNotContain("test");
    }

    @ParameterizedTest(name = "exit {0} -> {1}, retryable {2}")
    @CsvSource(nullValues = "null", value = {
        "0, SUCCESS, null, ",
        "1, FAILURE, false, build failed",
        "3, FAILURE, false, tests failed",
        "39, FAILURE, true, remote cache evicted",
        "36, FAILURE, true, local environment problem",
        "37, FAILURE, true, Bazel internal error",
        "2, FAILURE, null, command line problem",
        "8, FAILURE, null, build interrupted",
        "99, FAILURE, null, not a known Bazel exit code",
    })
    void maps_bazels_exit_codes(int exit, Outcome outcome, Boolean retryable, String logged) throws Exception {
        RunResult r = result(runner().start(run(task("t", "target", "//a:b", "env", Map.of("FAKE_BAZEL_EXIT", exit)),
                workspace), RunListener.NONE));

        assertThat(r.outcome()).isEqualTo(outcome);
        assertThat(r.exitCode()).isEqualTo(exit);
        assertThat(r.retryable()).isEqualTo(retryable);
        if (logged != null) {
            assertThat(r.log()).contains("[bazel] bazel exit code " + exit).contains(logged);
        }
    }

    @Test
    void a_task_without_target_or_with_a_bad_command_is_an_error_not_worth_retrying() throws Exception {
        RunResult noTarget = result(runner().start(run(task("lint", "command", "./lint.sh"), workspace), RunListener.NONE));
        RunResult badCommand = result(runner().start(run(task("t", "target", "//a:b", "bazel", "run"), workspace), RunListener.NONE));

        assertThat(noTarget.outcome()).isEqualTo(Outcome.ERROR);
        assertThat(noTarget.retryable()).isFalse();
        assertThat(noTarget.log()).contains("task 'lint' has no 'target'");
        assertThat(badCommand.outcome()).isEqualTo(Outcome.ERROR);
        assertThat(badCommand.log()).contains("field 'bazel': must be one of [build, test], got 'run'");
        assertThat(Files.exists(bazel.argsFile)).isFalse(); // bazel was never started
    }

    @Test
    void a_missing_bazel_binary_is_an_error_another_peer_may_not_have() {
        Runner r = Runners.byName("bazel", RunnerConfig.parse(List.of("binary=" + tools.resolve("no-bazel"))));

        RunResult result = result(r.start(run(task("t", "target", "//a:b"), workspace), RunListener.NONE));

        assertThat(result.outcome()).isEqualTo(Outcome.ERROR);
        assertThat(result.retryable()).isNull();
        assertThat(result.log()).contains("[bazel] could not start " + tools.resolve("no-bazel"));
    }

    @Test
    void cancel_kills_bazel_and_its_children() {
        RunHandle handle = runner("kill-grace=2s").start(
                run(task("t", "target", "//a:b", "env", Map.of("FAKE_BAZEL_HANG", "1")), workspace), RunListener.NONE);
        List<Long> pids = awaitPids(handle, "root", "bg");
        try {
            handle.cancel("job cancelled");
            RunResult r = result(handle);

            assertThat(r.outcome()).isEqualTo(Outcome.ERROR);
            assertThat(r.log()).contains("[bazel] cancelled: job cancelled");
            awaitGone(pids);
        } finally {
            killQuietly(pids);
        }
    }
}
