package io.taskshard.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code serve --sync full} reaches the database: the store opens with SQLite's synchronous=FULL. */
class SyncLevelTest {
    @TempDir
    Path dir;

    @Test
    void theSyncFlagSetsTheStoresSynchronousLevel() throws Exception {
        try (ServerProcess full = ServerProcess.start(dir.resolve("full"), dir.resolve("full.log"), "--sync", "full")) {
            assertThat(full.terminate()).isZero();
            assertThat(full.logText()).contains("synchronous FULL");
        }
        try (ServerProcess normal = ServerProcess.start(dir.resolve("normal"), dir.resolve("normal.log"))) {
            assertThat(normal.terminate()).isZero();
            assertThat(normal.logText()).as("the default").contains("synchronous NORMAL");
        }
    }
}
