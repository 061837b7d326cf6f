package io.taskshard.runners.process;

import static io.taskshard.runners.testing.Runs.PATIENCE;
import static io.taskshard.runners.testing.Runs.killQuietly;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProcessTreeTest {

    @Test
    void a_zombie_counts_as_gone_although_the_jvm_calls_it_alive() throws Exception {
        // The child "sleep 0" ends at once; its parent becomes "sleep 300", which never reaps it.
        Process parent = new ProcessBuilder("sh", "-c", "sleep 0 & exec sleep 300").start();
        try {
            await().atMost(PATIENCE).until(() -> parent.toHandle().children().findAny().isPresent());
            ProcessHandle zombie = parent.toHandle().children().findFirst().orElseThrow();
            await().atMost(PATIENCE).until(() -> !ProcessTree.isRunning(zombie));

            assertThat(zombie.isAlive()).isTrue(); // the JVM's view: not reaped yet
            assertThat(ProcessTree.isRunning(parent.toHandle())).isTrue();
        } finally {
            killQuietly(List.of(parent.pid()));
        }
    }

    @Test
    void killing_a_tree_signals_every_process_and_leaves_none() throws Exception {
        Process root = new ProcessBuilder("sh", "-c", "sleep 300 & sleep 300").start();
        try {
            await().atMost(PATIENCE).until(() -> root.toHandle().descendants().count() == 2);
            List<Long> all = ProcessTree.snapshot(root.toHandle()).stream().map(ProcessHandle::pid).toList();

            ProcessTree.KillReport report = ProcessTree.kill(root.toHandle(), 5_000);

            assertThat(report.signalled()).isEqualTo(3);
            assertThat(report.forced()).isZero();
            assertThat(report.survivors()).isEmpty();
            assertThat(all).allSatisfy(pid -> assertThat(ProcessHandle.of(pid).map(ProcessTree::isRunning)).isNotEqualTo(Optional.of(true)));
        } finally {
            killQuietly(List.of(root.pid()));
        }
    }

    @Test
    void killing_a_process_that_already_ended_is_harmless() throws Exception {
        Process done = new ProcessBuilder("true").start();
        done.waitFor();

        ProcessTree.KillReport report = ProcessTree.kill(done.toHandle(), 1_000);

        assertThat(report.survivors()).isEmpty();
        assertThat(report.forced()).isZero();
    }
}
