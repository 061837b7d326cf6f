package io.taskshard.runners.shell;

import static io.taskshard.runners.testing.Runs.awaitGone;
import static io.taskshard.runners.testing.Runs.awaitPids;
import static io.taskshard.runners.testing.Runs.killQuietly;
import static io.taskshard.runners.testing.Runs.result;
import static io.taskshard.runners.testing.Runs.run;
import static io.taskshard.runners.testing.Runs.task;
import static io.taskshard.runners.testing.Runs.withTimeout;
import static org.assertj.core.api.Assertions.assertThat;

import io.taskshard.protocol.Outcome;
import io.taskshard.runners.process.ProcessSettings;
import io.taskshard.runners.spi.RunHandle;
import io.taskshard.runners.spi.RunListener;
import io.taskshard.runners.spi.RunResult;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Cancel and timeout kill the whole process tree: no orphan survives. */
class ShellKillTest {
    /** Root shell, a background child, and a foreground grandchild shell that execs sleep. */
    private static final String TREE = "sleep 300 & echo bg=$!; echo root=$$; sh -c 'echo fg=$$; exec sleep 300'";

    @TempDir
    Path dir;

    private final ShellRunner shell = new ShellRunner(
            new ShellSettings(null, "sh", new ProcessSettings(2_000, 65_536, ProcessSettings.DEFAULT_OUTPUT_DRAIN.toMillis())));

    @Test
    void cancel_kills_the_whole_tree_and_reports_an_error() {
        RunHandle handle = shell.start(run(task("t", "command", TREE), dir), RunListener.NONE);
        List<Long> pids = awaitPids(handle, "root", "bg", "fg");
        try {
            handle.cancel("reassigned to peer b");
            RunResult r = result(handle);

            assertThat(r.outcome()).isEqualTo(Outcome.ERROR);
            assertThat(r.log()).contains("[shell] cancelled: reassigned to peer b");
            awaitGone(pids);
        } finally {
            killQuietly(pids);
        }
    }

    @Test
    void timeout_kills_the_whole_tree_and_reports_a_failure() {
        RunHandle handle = shell.start(withTimeout(run(task("t", "command", TREE), dir), 500), RunListener.NONE);
        List<Long> pids = awaitPids(handle, "root", "bg", "fg");
        try {
            RunResult r = result(handle);

            assertThat(r.outcome()).isEqualTo(Outcome.FAILURE);
            assertThat(r.retryable()).isNull();
            assertThat(r.log()).contains("[shell] timed out after 500ms");
            awaitGone(pids);
        } finally {
            killQuietly(pids);
        }
    }

    @Test
    void a_process_ignoring_sigterm_gets_sigkill_after_the_grace() {
        ShellRunner quick = new ShellRunner(new ShellSettings(null, "sh", new ProcessSettings(300, 65_536, 2_000)));
        String stubborn = "trap '' TERM; echo root=$$; sh -c 'trap \"\" TERM; echo child=$$; while :; do sleep 1; done'";
        RunHandle handle = quick.start(run(task("t", "command", stubborn), dir), RunListener.NONE);
        List<Long> pids = awaitPids(handle, "root", "child");
        try {
            handle.cancel("operator");
            RunResult r = result(handle);

            assertThat(r.outcome()).isEqualTo(Outcome.ERROR);
            assertThat(r.log()).contains("cancelled: operator").contains("with SIGKILL after a grace of 300ms");
            awaitGone(pids);
        } finally {
            killQuietly(pids);
        }
    }

    @Test
    void cancel_after_the_end_changes_nothing() {
        RunHandle handle = shell.start(run(task("t", "command", "echo done"), dir), RunListener.NONE);
        RunResult before = result(handle);

        handle.cancel("too late");

        assertThat(result(handle)).isEqualTo(before);
        assertThat(before.outcome()).isEqualTo(Outcome.SUCCESS);
        assertThat(handle.tail()).doesNotContain("too late");
    }
}
