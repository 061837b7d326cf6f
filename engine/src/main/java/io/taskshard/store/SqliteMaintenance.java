package io.taskshard.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;

/**
 * Integrity check and online backup of the coordinator's database (docs/configuration.md,
 * Durability). Both are safe while a coordinator writes the database: in WAL mode a reader
 * sees one consistent snapshot and never blocks the writer.
 */
public final class SqliteMaintenance {
    /** How many of quick_check's problem lines an error quotes. */
    private static final int MAX_PROBLEMS_SHOWN = 5;
    private static final Logger log = LoggerFactory.getLogger(SqliteMaintenance.class);

    private SqliteMaintenance() {
    }

    /** What {@link #backup} wrote. */
    public record BackupResult(Path source, Path target, long bytes) {
    }

    /**
     * Copies the database of {@code dataDir} to {@code target} with SQLite's {@code VACUUM INTO}:
     * a consistent, compact snapshot of every committed batch, taken while the server may keep
     * running. The copy is checked with {@code PRAGMA quick_check} before this returns.
     *
     * @throws StoreException when there is no database, the target exists, or the copy fails
     */
    public static BackupResult backup(Path dataDir, Path target) {
        Path source = dataDir.resolve(SqliteStore.FILE_NAME).toAbsolutePath();
        Path to = target.toAbsolutePath();
        if (!Files.isRegularFile(source)) {
            throw new StoreException("no database to back up: " + source + " does not exist (is --data right?)");
        }
        if (Files.exists(to)) {
            throw new StoreException("the backup file " + to + " already exists; choose a new name (a backup never"
                    + " overwrites anything)");
        }
        try (Connection c = readOnly(source); PreparedStatement vacuum = c.prepareStatement("VACUUM INTO ?")) {
            vacuum.setString(1, to.toString());
            vacuum.execute();
        } catch (SQLException e) {
            throw new StoreException("cannot back up " + source + " to " + to + ": " + SqliteErrors.describe(e), e);
        }
        try (Connection c = readOnly(to)) {
            List<String> problems = quickCheck(c);
            if (!problems.isEmpty()) {
                throw new StoreException("the backup " + to + " fails its integrity check: " + problems);
            }
            long bytes = Files.size(to);
            log.info("Backed up {} to {} ({} bytes)", source, to, bytes);
            return new BackupResult(source, to, bytes);
        } catch (SQLException | IOException e) {
            throw new StoreException("cannot check the backup " + to + ": " + e.getMessage(), e);
        }
    }

    /**
     * Fails with a clear message, saying how to restore a backup, when {@code PRAGMA quick_check}
     * finds the database damaged. Called when the store opens, before anything is written.
     */
    static void requireIntact(Connection connection, Path file) {
        List<String> problems;
        try {
            problems = quickCheck(connection);
        } catch (SQLException e) {
            throw new StoreException(corrupt(file, SqliteErrors.describe(e)), e);
        }
        if (!problems.isEmpty()) {
            throw new StoreException(corrupt(file, "PRAGMA quick_check found " + problems.size() + " problem(s): "
                    + String.join("; ", problems.subList(0, Math.min(MAX_PROBLEMS_SHOWN, problems.size())))));
        }
    }

    /** The text an operator needs: what is wrong, and the steps to restore a backup. */
    static String corrupt(Path file, String detail) {
        return "the database " + file + " is damaged (" + detail + "); refusing to start on it. To restore a backup"
                + " made with 'taskshard backup FILE': stop the server, move " + file.getFileName() + " and any "
                + file.getFileName() + "-wal and -shm files out of " + file.getParent() + ", copy the backup there as "
                + file.getFileName() + ", and start the server again (peers resend results the backup does not have)";
    }

    /** quick_check's findings; empty when the database is fine. */
    static List<String> quickCheck(Connection connection) throws SQLException {
        List<String> problems = new ArrayList<>();
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("PRAGMA quick_check")) {
            while (rs.next()) {
                String line = rs.getString(1);
                if (!"ok".equalsIgnoreCase(line)) {
                    problems.add(line);
                }
            }
        }
        return problems;
    }

    private static Connection readOnly(Path file) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        config.setBusyTimeout((int) StoreOptions.DEFAULT_BUSY_TIMEOUT.toMillis());
        return config.createConnection("jdbc:sqlite:" + file);
    }
}
