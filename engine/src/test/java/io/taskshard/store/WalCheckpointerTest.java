package io.taskshard.store;

import static io.taskshard.store.StoreFixtures.jobCreated;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.taskshard.model.JobState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** WAL checkpoints happen on the checkpointer's thread, not inside the coordinator's commits. */
class WalCheckpointerTest {
    /** Well over SQLite's default auto-checkpoint of 1,000 pages (4 MB) once written. */
    static final int TASKS = 40_000;

    @TempDir
    Path dataDir;

    @Test
    void aBigCommitLeavesItsPagesInTheWalUntilTheCheckpointerCopiesThem() throws Exception {
        try (SqliteStore store = SqliteStore.open(dataDir, StoreOptions.DEFAULTS, Duration.ofDays(1))) {
            long before = Files.size(dataDir.resolve(SqliteStore.FILE_NAME));
            store.commit(List.of(jobCreated(1, JobState.RUNNING, 1, TASKS)), StoreFixtures.BATCH_AT);

            assertThat(Files.size(dataDir.resolve(SqliteStore.FILE_NAME)))
                    .as("database file right after the commit: no checkpoint ran inside it").isEqualTo(before);
            WalCheckpointer.Result result = store.checkpointWal();

            assertThat(result.busy()).isFalse();
            assertThat(result.walFrames()).isGreaterThan(1_000);
            assertThat(result.checkpointedFrames()).isEqualTo(result.walFrames());
            assertThat(Files.size(dataDir.resolve(SqliteStore.FILE_NAME))).isGreaterThan(before + 4_000_000L);
        }
    }

    @Test
    void theCheckpointerThreadCopiesTheWalOnItsOwn() throws Exception {
        try (SqliteStore store = SqliteStore.open(dataDir, StoreOptions.DEFAULTS, Duration.ofMillis(20))) {
            long before = Files.size(dataDir.resolve(SqliteStore.FILE_NAME));
            store.commit(List.of(jobCreated(1, JobState.RUNNING, 1, TASKS)), StoreFixtures.BATCH_AT);

            await().atMost(Duration.ofSeconds(30)).until(() ->
                    Files.size(dataDir.resolve(SqliteStore.FILE_NAME)) > before + 4_000_000L);
            assertThat(store.recover().tasks()).hasSize(TASKS);
        }
    }
}
