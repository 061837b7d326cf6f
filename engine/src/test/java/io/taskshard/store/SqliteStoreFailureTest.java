package io.taskshard.store;

import static io.taskshard.store.StoreFixtures.attempt;
import static io.taskshard.store.StoreFixtures.job;
import static io.taskshard.store.StoreFixtures.jobCreated;
import static io.taskshard.store.StoreFixtures.task;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.taskshard.model.AttemptState;
import io.taskshard.model.Change;
import io.taskshard.model.JobRecord;
import io.taskshard.model.JobState;
import io.taskshard.model.TaskRecord;
import io.taskshard.model.TaskState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteStoreFailureTest {
    @TempDir
    Path dataDir;

    @Test
    void aBatchWithAConstraintViolationLeavesNothingBehindAndTheStoreStaysUsable() {
        try (SqliteStore store = SqliteStore.open(dataDir, StoreOptions.DEFAULTS)) {
            store.commit(List.of(jobCreated(1, JobState.RUNNING, 1, 2)), StoreFixtures.BATCH_AT);
            TaskRecord before = store.job(1).orElseThrow().tasks().getFirst();

            List<Change> bad = List.of(jobCreated(2, JobState.RUNNING, 3, 2),
                    new Change.TaskChanged(task(1, 1, "t0", TaskState.RUNNING)),
                    new Change.AttemptChanged(attempt(50, 1, "t0", "p", AttemptState.RUNNING)),
                    new Change.DurationObserved("//x", 10),
                    // job 999 was never stored: the deferred foreign key fails at COMMIT
                    new Change.AttemptChanged(attempt(51, 999, "t0", "p", AttemptState.RUNNING)));
            assertThatThrownBy(() -> store.commit(bad, StoreFixtures.BATCH_AT))
                    .isInstanceOf(StoreException.class)
                    .hasMessageContaining("a batch of 5 changes (2 AttemptChanged, 1 DurationObserved, 1 JobCreated,"
                            + " 1 TaskChanged)")
                    .hasMessageContaining("while committing")
                    .hasMessageContaining("SQLITE_CONSTRAINT_FOREIGNKEY")
                    .hasMessageContaining("rows referring to missing rows: attempts row 51 -> tasks")
                    .hasMessageContaining("nothing of this batch was stored");

            assertThat(store.job(2)).isEmpty();
            assertThat(store.job(1).orElseThrow().tasks().getFirst()).isEqualTo(before);
            assertThat(store.job(1).orElseThrow().attempts()).isEmpty();
            assertThat(store.recover().maxLease()).isZero();
            assertThat(store.recover().expectedMs()).isEmpty();

            store.commit(List.of(jobCreated(2, JobState.RUNNING, 3, 2)), StoreFixtures.BATCH_AT);
            assertThat(store.job(2)).isPresent();
        }
    }

    @Test
    void aMissingRequiredValueNamesTheTableAndColumn() {
        try (SqliteStore store = SqliteStore.open(dataDir, StoreOptions.DEFAULTS)) {
            store.commit(List.of(jobCreated(1, JobState.RUNNING, 1, 1)), StoreFixtures.BATCH_AT);
            TaskRecord noState = new TaskRecord(1, 1, "t0", null, 0, 0, 0, null, 0);
            // jobs and task_specs are written before tasks fails: they must be rolled back too
            List<Change> bad = List.of(jobCreated(2, JobState.RUNNING, 2, 3), new Change.TaskChanged(noState));

            assertThatThrownBy(() -> store.commit(bad, StoreFixtures.BATCH_AT))
                    .isInstanceOf(StoreException.class)
                    .hasMessageContaining("writing 4 rows to table tasks")
                    .hasMessageContaining("NOT NULL constraint failed: tasks.state");
            assertThat(store.job(1).orElseThrow().tasks().getFirst().state()).isEqualTo(TaskState.READY);
            assertThat(store.job(2)).isEmpty();
            assertThat(store.recover().maxTaskUid()).isEqualTo(1);
        }
    }

    @Test
    void aFullDiskFailsTheBatchClearlyAndTheNextCommitSucceedsOnceThereIsRoom() {
        try (SqliteStore store = SqliteStore.open(dataDir, StoreOptions.DEFAULTS)) {
            store.commit(List.of(jobCreated(1, JobState.RUNNING, 1, 1)), StoreFixtures.BATCH_AT);
            store.limitPages(1); // SQLite keeps the limit at the current size: no page can be added
            Change.JobCreated big = jobCreated(2, JobState.RUNNING, 10, 5_000);

            assertThatThrownBy(() -> store.commit(List.of(big), StoreFixtures.BATCH_AT))
                    .isInstanceOf(StoreException.class)
                    .hasMessageContaining("database or disk is full")
                    .hasMessageContaining("SQLITE_FULL");
            assertThat(store.job(2)).isEmpty();
            assertThat(store.recentJobs(10)).extracting(JobRecord::id).containsExactly(1L);

            store.limitPages(Integer.MAX_VALUE);
            store.commit(List.of(big), StoreFixtures.BATCH_AT);
            assertThat(store.job(2).orElseThrow().tasks()).hasSize(5_000);
        }
    }

    @Test
    void aDatabaseFromANewerTaskshardIsRefused() throws Exception {
        SqliteStore.open(dataDir, StoreOptions.DEFAULTS).close();
        Path file = dataDir.resolve(SqliteStore.FILE_NAME);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement s = c.createStatement()) {
            s.execute("PRAGMA user_version = 99");
        }

        assertThatThrownBy(() -> SqliteStore.open(dataDir, StoreOptions.DEFAULTS))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("schema version 99")
                .hasMessageContaining("newer taskshard");
    }

    @Test
    void aFileThatIsNotADatabaseIsRefusedWithItsPath() throws Exception {
        Files.writeString(dataDir.resolve(SqliteStore.FILE_NAME), "this is not a database, just some text ".repeat(50));

        assertThatThrownBy(() -> SqliteStore.open(dataDir, StoreOptions.DEFAULTS))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining(dataDir.resolve(SqliteStore.FILE_NAME).toString())
                .hasMessageContaining("not a taskshard database");
    }

    @Test
    void aClosedStoreRefusesWritesAndReadsSayingSo() {
        SqliteStore store = SqliteStore.open(dataDir, StoreOptions.DEFAULTS);
        store.close();
        store.close(); // a second close is harmless

        assertThatThrownBy(() -> store.commit(List.of(new Change.JobChanged(job(1, JobState.RUNNING))), StoreFixtures.BATCH_AT))
                .isInstanceOf(StoreException.class).hasMessageContaining("is closed");
        assertThatThrownBy(() -> store.recentJobs(1))
                .isInstanceOf(StoreException.class).hasMessageContaining("is closed");
        assertThatThrownBy(store::recover)
                .isInstanceOf(StoreException.class).hasMessageContaining("is closed");
    }

    @Test
    void aNonPositiveLimitIsRejected() {
        try (SqliteStore store = SqliteStore.open(dataDir, StoreOptions.DEFAULTS)) {
            assertThatThrownBy(() -> store.recentJobs(0))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got 0");
            assertThatThrownBy(() -> store.recentAudit(-3))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got -3");
        }
    }

    @Test
    void theFileIsInWalModeWithForeignKeysDeclared() throws Exception {
        SqliteStore.open(dataDir, StoreOptions.DEFAULTS).close();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve(SqliteStore.FILE_NAME));
             Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("PRAGMA journal_mode")) {
                assertThat(rs.getString(1)).isEqualTo("wal");
            }
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM pragma_foreign_key_list('attempts')")) {
                assertThat(rs.getInt(1)).isEqualTo(2);
            }
        }
    }
}
