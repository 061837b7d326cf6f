package io.taskshard.store;

import static io.taskshard.store.StoreFixtures.jobCreated;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.taskshard.model.JobState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrationsTest {
    @TempDir
    Path dir;

    private Connection connect() throws Exception {
        return DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("m.db"));
    }

    @Test
    void theScriptListNamesEveryScriptInTheResourceDirectory() throws Exception {
        Path scripts = Path.of(getClass().getClassLoader().getResource(Migrations.RESOURCE_DIR).toURI());
        try (Stream<Path> files = Files.list(scripts)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted())
                    .containsExactlyElementsOf(Migrations.SCRIPTS);
        }
    }

    @Test
    void aSecondRunAppliesNothing() throws Exception {
        try (Connection c = connect()) {
            assertThat(Migrations.standard().apply(c, "m.db")).isEqualTo(Migrations.SCRIPTS.size());
            assertThat(Migrations.standard().apply(c, "m.db")).isZero();
            assertThat(version(c)).isEqualTo(Migrations.standard().latestVersion());
        }
    }

    @Test
    void openingAnExistingStoreTwiceKeepsItsDataAndVersion() throws Exception {
        try (SqliteStore store = SqliteStore.open(dir, StoreOptions.DEFAULTS)) {
            store.commit(List.of(jobCreated(1, JobState.RUNNING, 1, 1)), StoreFixtures.BATCH_AT);
        }
        try (SqliteStore store = SqliteStore.open(dir, StoreOptions.DEFAULTS)) {
            assertThat(store.recover().jobs()).hasSize(1);
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(SqliteStore.FILE_NAME))) {
            assertThat(Migrations.standard().apply(c, "again")).isZero();
            assertThat(version(c)).isEqualTo(Migrations.standard().latestVersion());
        }
    }

    @Test
    void onlyTheNewScriptsRunOnAnOlderDatabase() throws Exception {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            assertThat(new Migrations("db/test-migration/", List.of("V1__create_items.sql")).apply(c, "m.db"))
                    .isEqualTo(1);
            s.execute("INSERT INTO items (id, name) VALUES (2, 'second')");

            Migrations both = new Migrations("db/test-migration/", List.of("V1__create_items.sql", "V2__add_size.sql"));
            assertThat(both.apply(c, "m.db")).isEqualTo(1);

            assertThat(version(c)).isEqualTo(2);
            try (ResultSet rs = s.executeQuery("SELECT group_concat(name || '=' || size, ',') FROM items")) {
                assertThat(rs.getString(1)).isEqualTo("first; with a semicolon=42,second=42");
            }
        }
    }

    @Test
    void aFailingScriptLeavesTheDatabaseAsItWas() throws Exception {
        Migrations broken = new Migrations("db/test-migration-broken/",
                List.of("V1__create_items.sql", "V2__broken.sql"));
        try (Connection c = connect(); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> broken.apply(c, "m.db"))
                    .isInstanceOf(StoreException.class)
                    .hasMessageContaining("migration V2__broken.sql failed on m.db")
                    .hasMessageContaining("table items already exists");

            assertThat(version(c)).isZero();
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM sqlite_master")) {
                assertThat(rs.getInt(1)).isZero();
            }
        }
    }

    @Test
    void scriptsMustBeNumberedFromOneWithoutGaps() {
        assertThatThrownBy(() -> new Migrations("db/test-migration/", List.of("V2__add_size.sql")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected V1__<description>.sql");
    }

    private static int version(Connection c) throws Exception {
        try (Statement s = c.createStatement()) {
            return Migrations.userVersion(s);
        }
    }
}
