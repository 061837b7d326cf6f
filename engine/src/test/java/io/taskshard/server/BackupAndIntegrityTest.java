package io.taskshard.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.taskshard.cli.Main;
import io.taskshard.model.AttemptState;
import io.taskshard.model.JobRecord;
import io.taskshard.store.SqliteStore;
import io.taskshard.store.Store;
import io.taskshard.store.StoreException;
import io.taskshard.store.StoreOptions;
import java.io.PrintWriter;
import java.io.RandomAccessFile;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code taskshard backup} copies the database while the server runs and writes; the copy
 * opens as a store with the job in it. A damaged database is refused at start with a message
 * that says how to restore such a backup.
 */
class BackupAndIntegrityTest extends ServerTestBase {
    @TempDir
    Path elsewhere;

    @Test
    void anOnlineBackupWhileAPeerWorksHoldsTheJobAndRestores() throws Exception {
        RawPeer p = peer("worker");
        p.send(RawPeer.hello("worker", "backed-up", taskIds("b", 300)));
        long jobId = p.await("welcome").path("job").path("id").asLong();
        p.autoRun("success"); // commits keep coming while the backup runs
        p.await("ack");

        Path backup = elsewhere.resolve("snapshot.db");
        Result r = run("backup", backup.toString(), "--data", dataDir.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("backed up").contains(backup.toString()).contains("integrity checked");
        p.await("job-complete");

        Result again = run("backup", backup.toString(), "--data", dataDir.toString());
        assertThat(again.code()).isEqualTo(1);
        assertThat(again.err()).contains("already exists");

        Path restored = elsewhere.resolve("restored");
        Files.createDirectories(restored);
        Files.copy(backup, restored.resolve(SqliteStore.FILE_NAME));
        try (Store store = SqliteStore.open(restored, StoreOptions.DEFAULTS)) {
            JobRecord job = store.job(jobId).orElseThrow().job();
            assertThat(job.name()).isEqualTo("backed-up");
            assertThat(store.job(jobId).orElseThrow().attempts()).as("results committed before the backup")
                    .anyMatch(a -> a.state() == AttemptState.SUCCEEDED);
        }
        Result missing = run("backup", elsewhere.resolve("x.db").toString(), "--data", elsewhere.resolve("none").toString());
        assertThat(missing.code()).isEqualTo(1);
        assertThat(missing.err()).contains("no database to back up");
    }

    @Test
    void aDamagedDatabaseIsRefusedAtStartWithHowToRestore() throws Exception {
        RawPeer p = peer("worker");
        p.send(RawPeer.hello("worker", "soon-damaged", taskIds("d", 200)));
        p.await("welcome");
        p.autoRun("success");
        p.await("job-complete");
        p.close();
        server.close();

        Path db = dataDir.resolve(SqliteStore.FILE_NAME);
        long pages = Files.size(db) / 4096;
        assertThat(pages).as("a database of several pages").isGreaterThan(4);
        try (RandomAccessFile f = new RandomAccessFile(db.toFile(), "rw")) {
            for (long page = 2; page < pages; page += 2) { // every other b-tree page overwritten with garbage
                f.seek(page * 4096);
                f.write("garbage!".repeat(512).getBytes());
            }
        }
        assertThatThrownBy(() -> SqliteStore.open(dataDir, StoreOptions.DEFAULTS).close())
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("is damaged")
                .hasMessageContaining("refusing to start")
                .hasMessageContaining("taskshard backup");

        try (RandomAccessFile f = new RandomAccessFile(db.toFile(), "rw")) {
            f.seek(0);
            f.write("not a database at all".getBytes()); // the header too
        }
        assertThatThrownBy(() -> SqliteStore.open(dataDir, StoreOptions.DEFAULTS).close())
                .hasMessageContaining("is damaged").hasMessageContaining("taskshard backup");
        server = newServer(config(dataDir)); // for @AfterEach; never started
    }

    record Result(int code, String out, String err) {
    }

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Result(code, out.toString(), err.toString());
    }

}
