package io.taskshard.runners.shell;

import static io.taskshard.runners.testing.Runs.awaitPids;
import static io.taskshard.runners.testing.Runs.killQuietly;
import static io.taskshard.runners.testing.Runs.result;
import static io.taskshard.runners.testing.Runs.run;
import static io.taskshard.runners.testing.Runs.task;
import static io.taskshard.runners.testing.Runs.withEnv;
import static org.assertj.core.api.Assertions.assertThat;

import io.taskshard.protocol.Outcome;
import io.taskshard.runners.spi.RunHandle;
import io.taskshard.runners.spi.RunListener;
import io.taskshard.runners.spi.RunResult;
import io.taskshard.runners.spi.RunnerConfig;
import io.taskshard.runners.spi.Runners;
import io.taskshard.runners.spi.TaskRun;
import io.taskshard.runners.testing.RecordingListener;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shell runner with real child processes: outcomes, output, environment, templates. */
class ShellRunnerTest {

    @TempDir
    Path dir;

    private final ShellRunner shell = new ShellRunner(ShellSettings.DEFAULTS);

    @Test
    void exit_zero_is_success_with_stdout_and_stderr_in_the_log_and_streamed() {
        RecordingListener listener = new RecordingListener();

        RunResult r = result(shell.start(run(task("t", "command", "echo out; echo err >&2"), dir), listener));

        assertThat(r.outcome()).isEqualTo(Outcome.SUCCESS);
        assertThat(r.exitCode()).isZero();
        assertThat(r.retryable()).isNull();
        assertThat(r.log()).contains("[shell] running echo out; echo err >&2 in " + dir).contains("out\n").contains("err\n");
        assertThat(listener.started).hasValue(1);
        assertThat(listener.calls.getFirst()).isEqualTo("started");
        assertThat(listener.logged()).contains("out\n").contains("err\n");
    }

    @Test
    void a_non_zero_exit_is_a_failure_the_coordinator_may_retry() {
        RunResult r = result(shell.start(run(task("t", "command", "echo broken; exit 3"), dir), RunListener.NONE));

        assertThat(r.outcome()).isEqualTo(Outcome.FAILURE);
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.retryable()).isNull();
        assertThat(r.log()).contains("broken\n").endsWith("[shell] exit code 3\n");
    }

    @Test
    void command_not_found_is_a_failure_that_says_so() {
        RunResult r = result(shell.start(run(task("t", "command", "no-such-command-taskshard"), dir), RunListener.NONE));

        assertThat(r.outcome()).isEqualTo(Outcome.FAILURE);
        assertThat(r.exitCode()).isEqualTo(127);
        assertThat(r.log()).contains("[shell] exit code 127: command not found");
    }

    @Test
    void runs_in_the_working_directory_with_peer_task_and_taskshard_variables() throws Exception {
        TaskRun run = withEnv(run(task("unit", "command", "pwd; echo \"$PEER_VAR $STAGE $SHARED $TASKSHARD_TASK_ID $TASKSHARD_ATTEMPT\"",
                "env", Map.of("STAGE", "ci", "SHARED", 2)), dir), Map.of("PEER_VAR", "p", "SHARED", "from-peer"));

        RunResult r = result(shell.start(run, RunListener.NONE));

        assertThat(r.outcome()).isEqualTo(Outcome.SUCCESS);
        assertThat(r.log()).contains(dir.toRealPath().toString() + "\n")
                .contains("p ci 2 unit 1\n"); // the task's env wins over the peer's
    }

    @Test
    void a_task_without_command_uses_the_template_with_quoted_values() {
        ShellRunner templated = (ShellRunner) Runners.byName("shell",
                RunnerConfig.parse(List.of("template=printf '<%s>' {target} {id}")));

        RunResult r = result(templated.start(run(task("odd id", "target", "//a:b c"), dir), RunListener.NONE));

        assertThat(r.outcome()).isEqualTo(Outcome.SUCCESS);
        assertThat(r.log()).contains("<//a:b c><odd id>");
    }

    @Test
    void a_task_without_command_and_no_template_is_an_error_another_peer_may_not_have() {
        RunResult r = result(shell.start(run(task("t", "target", "//a:b"), dir), RunListener.NONE));

        assertThat(r.outcome()).isEqualTo(Outcome.ERROR);
        assertThat(r.exitCode()).isNull();
        assertThat(r.retryable()).isNull();
        assertThat(r.log()).contains("task 't' has no 'command'").contains("template=");
    }

    @Test
    void a_bad_env_field_is_an_error_not_worth_retrying() {
        RunResult r = result(shell.start(run(task("t", "command", "true", "env", List.of("A=1")), dir), RunListener.NONE));

        assertThat(r.outcome()).isEqualTo(Outcome.ERROR);
        assertThat(r.retryable()).isFalse();
        assertThat(r.log()).contains("task 't', field 'env': must be a map");
    }

    @Test
    void a_missing_working_directory_is_an_error_saying_where() {
        Path missing = dir.resolve("nope");
        RecordingListener listener = new RecordingListener();

        RunResult r = result(shell.start(run(task("t", "command", "true"), missing), listener));

        assertThat(r.outcome()).isEqualTo(Outcome.ERROR);
        assertThat(r.log()).contains("[shell] could not start true in " + missing);
        assertThat(listener.started).hasValue(0);
    }

    @Test
    void the_log_keeps_only_a_bounded_tail_of_a_large_output() {
        ShellRunner small = (ShellRunner) Runners.byName("shell", RunnerConfig.parse(List.of("tail-bytes=4096")));
        RecordingListener listener = new RecordingListener();

        RunHandle handle = small.start(run(task("t", "command", "yes 0123456789 | head -c 1000000; echo END"), dir), listener);
        RunResult r = result(handle);

        assertThat(r.outcome()).isEqualTo(Outcome.SUCCESS);
        assertThat(r.log().getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(4096);
        assertThat(r.log()).contains("earlier bytes of output dropped").contains("0123456789\n").endsWith("END\n");
        assertThat(handle.tail()).isEqualTo(r.log());
        assertThat(listener.logged().length()).isGreaterThan(1_000_000); // the listener saw everything
    }

    @Test
    void a_background_child_holding_the_output_does_not_keep_the_result_waiting() {
        RunHandle handle = shell.start(run(task("t", "command", "sleep 300 & echo bg=$!"), dir), RunListener.NONE);
        List<Long> bg = awaitPids(handle, "bg");
        try {
            RunResult r = result(handle);

            assertThat(r.outcome()).isEqualTo(Outcome.SUCCESS);
            // A task that ends normally keeps what it left running: only cancel and timeout kill a tree.
            assertThat(ProcessHandle.of(bg.getFirst())).isPresent();
        } finally {
            killQuietly(bg);
        }
    }
}
