package io.taskshard.coordinator;

import static io.taskshard.coordinator.Fixtures.created;
import static io.taskshard.coordinator.Fixtures.task;
import static org.assertj.core.api.Assertions.assertThat;

import io.taskshard.model.Change;
import io.taskshard.model.TaskRecord;
import io.taskshard.model.TaskState;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Readers copy snapshots while the coordinator thread writes: an exact snapshot is one version. */
class ReadModelConcurrencyTest {

    @Test
    void exactSnapshotsNeverShowHalfABatch() throws Exception {
        ReadModel model = new ReadModel();
        model.onCommitted(List.of(created(1, "a", "b"),
                new Change.TaskChanged(task(100, 1, "a", TaskState.RUNNING, 1))), 0);
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicInteger exact = new AtomicInteger();
        AtomicInteger torn = new AtomicInteger();

        // Each batch moves the one running task from a to b or back, in two changes.
        Thread writer = Thread.ofPlatform().start(() -> {
            for (int i = 0; i < 20_000; i++) {
                boolean toB = i % 2 == 0;
                model.onCommitted(List.of(
                        new Change.TaskChanged(task(100, 1, "a", toB ? TaskState.READY : TaskState.RUNNING, i)),
                        new Change.TaskChanged(task(101, 1, "b", toB ? TaskState.RUNNING : TaskState.READY, i))), 0);
            }
            writing.set(false);
        });
        while (writing.get()) {
            ReadModel.Snapshot snap = model.snapshot();
            if (snap.exact()) {
                exact.incrementAndGet();
                long running = snap.tasks().stream().filter(t -> t.state() == TaskState.RUNNING).count();
                if (running != 1) {
                    torn.incrementAndGet();
                }
            }
        }
        writer.join();

        assertThat(torn.get()).as("exact snapshots showing half a batch (of %d exact)", exact.get()).isZero();
        ReadModel.Snapshot last = model.snapshot();
        assertThat(last.exact()).isTrue();
        assertThat(last.version()).isEqualTo(20_001);
        assertThat(last.tasks()).filteredOn(t -> t.state() == TaskState.RUNNING)
                .extracting(TaskRecord::taskId).containsExactly("a");
    }
}
