package io.taskshard.coordinator;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskshard.model.Change;
import io.taskshard.protocol.ErrorCode;
import io.taskshard.scheduler.Scheduler;
import io.taskshard.scheduler.SchedulerConfig;
import io.taskshard.store.SqliteStore;
import io.taskshard.store.StoreOptions;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An Error on the coordinator thread (an OutOfMemoryError in the loop, say: not a
 * RuntimeException, so no per-event or per-listener guard catches it) fails the coordinator the
 * way a failed commit does: {@link Coordinator#whenFailed()} completes with it (what makes
 * {@code serve} exit 1), the peers are told {@code unavailable} and cut off, and it accepts
 * nothing more. The Error is thrown by a batch listener, which runs on the loop thread after
 * each commit; the listener is the test's, the loop, scheduler and store are the real ones.
 */
class LoopErrorTest {
    @TempDir
    Path dir;

    @Test
    void anErrorOnTheLoopThreadFailsTheCoordinatorAndCompletesWhenFailed() throws Exception {
        CoordinatorTest.RecordingOutbound out = new CoordinatorTest.RecordingOutbound();
        OutOfMemoryError oom = new OutOfMemoryError("Java heap space (thrown by the test)");
        try (SqliteStore store = SqliteStore.open(dir, StoreOptions.DEFAULTS)) {
            Scheduler scheduler = new Scheduler(SchedulerConfig.defaults(), store.recover(),
                    Clock.systemUTC().millis());
            try (Coordinator coordinator = new Coordinator(scheduler, store, Clock.systemUTC(), out,
                    CoordinatorConfig.defaults())) {
                coordinator.addListener((List<Change> changes, long now) -> {
                    throw oom;
                });
                coordinator.start();
                coordinator.enqueue(CoordinatorTest.joined("p1")); // a batch with changes: the listener runs

                Throwable cause = coordinator.whenFailed().get(10, TimeUnit.SECONDS);
                assertThat(cause).isSameAs(oom);
                assertThat(coordinator.isFailed()).isTrue();
                assertThat(coordinator.failure()).containsSame(oom);
                assertThat(out.calls).as("every peer told unavailable and cut off")
                        .anySatisfy(c -> assertThat(c).isInstanceOf(List.class)
                                .satisfies(l -> assertThat(((List<?>) l).get(0)).isEqualTo(ErrorCode.UNAVAILABLE)));
                assertThat(out.welcomed()).as("nothing of the failed batch went out").isEmpty();
                assertThat(coordinator.command("test", new io.taskshard.scheduler.OperatorCommand.Drain("p1", true)))
                        .as("it accepts nothing more").isCompletedExceptionally();
            }
        }
    }
}
