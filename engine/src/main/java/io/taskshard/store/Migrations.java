package io.taskshard.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a database up to the schema version of this code. Migrations are SQL scripts named
 * {@code V<n>__<what>.sql} with n = 1, 2, 3...; the version a database has reached is kept in
 * {@code PRAGMA user_version} (0 for a new file). All pending scripts run in one transaction
 * together with the version bump, so a failing script leaves the database as it was.
 */
final class Migrations {
    private static final Logger log = LoggerFactory.getLogger(Migrations.class);
    private static final Pattern NAME = Pattern.compile("V(\\d+)__\\w+\\.sql");

    /** Where the scripts live on the class path. */
    static final String RESOURCE_DIR = "db/migration/";
    /**
     * Every script, in order. Listed here because a class path (e.g. a jar) cannot be listed
     * portably; MigrationsTest checks this list against the files in the resource directory.
     */
    static final List<String> SCRIPTS = List.of("V1__init.sql", "V2__schedules.sql", "V3__tokens.sql",
            "V4__task_retry_state.sql");

    private final String resourceDir;
    private final List<String> scripts;

    Migrations(String resourceDir, List<String> scripts) {
        for (int i = 0; i < scripts.size(); i++) {
            var m = NAME.matcher(scripts.get(i));
            if (!m.matches() || Integer.parseInt(m.group(1)) != i + 1) {
                throw new IllegalArgumentException("migration script #" + (i + 1) + " is named '" + scripts.get(i)
                        + "'; expected V" + (i + 1) + "__<description>.sql");
            }
        }
        this.resourceDir = resourceDir;
        this.scripts = List.copyOf(scripts);
    }

    static Migrations standard() {
        return new Migrations(RESOURCE_DIR, SCRIPTS);
    }

    /** The schema version this code writes. */
    int latestVersion() {
        return scripts.size();
    }

    /**
     * Applies the scripts the database has not seen yet.
     *
     * @param where names the database in messages (its path)
     * @return how many scripts were applied (0 when the database was up to date)
     * @throws StoreException when the database is newer than this code or a script fails
     */
    int apply(Connection connection, String where) {
        try (Statement statement = connection.createStatement()) {
            // IMMEDIATE takes the write lock before reading the version: two processes opening
            // the same new file cannot both run V1.
            statement.execute("BEGIN IMMEDIATE");
            try {
                int current = userVersion(statement);
                if (current > latestVersion()) {
                    throw new StoreException("the database " + where + " has schema version " + current
                            + ", newer than the " + latestVersion() + " this taskshard knows: it was written by a"
                            + " newer taskshard; run that version, or use another data directory");
                }
                for (int version = current + 1; version <= latestVersion(); version++) {
                    runScript(statement, scripts.get(version - 1), where);
                }
                statement.execute("PRAGMA user_version = " + latestVersion());
                statement.execute("COMMIT");
                int applied = latestVersion() - current;
                if (applied > 0) {
                    log.info("Database {} migrated from schema version {} to {}", where, current, latestVersion());
                }
                return applied;
            } catch (RuntimeException | SQLException e) {
                rollback(statement, where, e);
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("cannot prepare the database " + where + ": " + SqliteErrors.describe(e), e);
        }
    }

    private void runScript(Statement statement, String script, String where) {
        String sql = load(script);
        try {
            // SQLite runs every statement of a multi-statement script here.
            statement.executeUpdate(sql);
        } catch (SQLException e) {
            throw new StoreException("migration " + script + " failed on " + where + ": "
                    + SqliteErrors.describe(e), e);
        }
    }

    private String load(String script) {
        String resource = resourceDir + script;
        try (InputStream in = Migrations.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new StoreException("migration script " + resource + " is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read migration script " + resource, e);
        }
    }

    static int userVersion(Statement statement) throws SQLException {
        try (ResultSet rs = statement.executeQuery("PRAGMA user_version")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static void rollback(Statement statement, String where, Exception cause) {
        try {
            statement.execute("ROLLBACK");
        } catch (SQLException e) {
            log.warn("Rolling back the migration of {} failed too", where, e);
            cause.addSuppressed(e);
        }
    }
}
