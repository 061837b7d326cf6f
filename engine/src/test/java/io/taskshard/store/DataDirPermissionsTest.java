package io.taskshard.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** docs/security.md: the data directory is 0700 and the database with its -wal/-shm 0600. */
class DataDirPermissionsTest {
    @TempDir
    Path tmp;

    @Test
    void aNewDataDirectoryAndItsDatabaseAreOnlyTheOwners() throws Exception {
        Path data = tmp.resolve("nested/data");
        try (SqliteStore store = SqliteStore.open(data, StoreOptions.DEFAULTS)) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data))).isEqualTo("rwx------");
            for (String suffix : new String[] {"", "-wal", "-shm"}) {
                Path f = data.resolve(SqliteStore.FILE_NAME + suffix);
                assertThat(f).exists();
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).as(f.toString())
                        .isEqualTo("rw-------");
            }
        }
    }

    @Test
    void tokenStoreCreatesTheSameModes() throws Exception {
        Path data = tmp.resolve("tokens-first");
        TokenStore.open(data).close();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve(SqliteStore.FILE_NAME))))
                .isEqualTo("rw-------");
    }

    @Test
    void aDatabaseThisUserCannotWriteIsNamedWithItsOwnerAndNoSqliteJargon() throws Exception {
        Path data = tmp.resolve("data");
        SqliteStore.open(data, StoreOptions.DEFAULTS).close();
        Path db = data.resolve(SqliteStore.FILE_NAME);
        Files.setPosixFilePermissions(db, PosixFilePermissions.fromString("r--------"));
        org.junit.jupiter.api.Assumptions.assumeFalse(Files.isWritable(db), "running as root: everything is writable");

        assertThatThrownBy(() -> SqliteStore.open(data, StoreOptions.DEFAULTS))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining(db.toString())
                .hasMessageContaining("permission denied")
                .hasMessageContaining("owner " + System.getProperty("user.name"))
                .hasMessageNotContaining("SQLITE");
    }
}
