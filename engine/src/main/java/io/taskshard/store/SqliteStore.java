package io.taskshard.store;

import io.taskshard.model.AuditRecord;
import io.taskshard.model.Change;
import io.taskshard.model.JobRecord;
import io.taskshard.model.RecoveredState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;

/**
 * The coordinator's state in one SQLite file ({@value #FILE_NAME}) in WAL mode. One writer
 * connection takes every {@link #commit} (one transaction per batch); a second, read-only
 * connection serves the reads, so operator queries never wait behind the writer's lock.
 */
public final class SqliteStore implements Store {
    public static final String FILE_NAME = "taskshard.db";
    /** The WAL file is truncated to this after a checkpoint, so one huge batch does not leave a huge file. */
    private static final int WAL_SIZE_LIMIT_BYTES = 64 * 1024 * 1024;
    private static final int MAX_VIOLATIONS_SHOWN = 5;
    private static final Logger log = LoggerFactory.getLogger(SqliteStore.class);

    private final Path file;
    private final Object writeLock = new Object();
    private final Connection writer;
    private final Statement control;
    private final ChangeWriter changeWriter;
    private final StoreReader reader;
    private final WalCheckpointer checkpointer;
    private volatile boolean closed;

    private SqliteStore(Path file, Connection writer, Statement control, ChangeWriter changeWriter,
                        StoreReader reader, WalCheckpointer checkpointer) {
        this.file = file;
        this.writer = writer;
        this.control = control;
        this.changeWriter = changeWriter;
        this.reader = reader;
        this.checkpointer = checkpointer;
    }

    /**
     * Opens (creating if needed) the store in {@code dataDir} and brings its schema up to date.
     *
     * @throws StoreException when the directory or database cannot be opened, or the database
     *                        was written by a newer taskshard
     */
    public static SqliteStore open(Path dataDir, StoreOptions options) {
        return open(dataDir, options, WalCheckpointer.DEFAULT_INTERVAL);
    }

    /** As {@link #open(Path, StoreOptions)}, checkpointing the WAL every {@code checkpointInterval}. */
    static SqliteStore open(Path dataDir, StoreOptions options, java.time.Duration checkpointInterval) {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(options, "options");
        Path file = prepareDirectory(dataDir);
        Connection writer = null;
        try {
            writer = connect(file, options, false);
            SqliteMaintenance.requireIntact(writer, file);
            int applied = Migrations.standard().apply(writer, file.toString());
            Statement control = writer.createStatement();
            // Checkpoints run on their own thread (WalCheckpointer), never inside a commit.
            control.execute("PRAGMA wal_autocheckpoint = 0");
            ChangeWriter changeWriter = new ChangeWriter(writer);
            StoreReader reader = new StoreReader(connect(file, options, true));
            WalCheckpointer checkpointer = WalCheckpointer.start(file, connect(file, options, false),
                    checkpointInterval);
            log.info("Opened store {} (schema version {}, {} migrations applied, synchronous {})", file,
                    Migrations.standard().latestVersion(), applied, options.synchronous());
            return new SqliteStore(file, writer, control, changeWriter, reader, checkpointer);
        } catch (SQLException | RuntimeException e) {
            closeAfterFailedOpen(writer, e);
            if (e instanceof StoreException se) {
                throw se;
            }
            if (SqliteErrors.isCorrupt(e)) {
                throw new StoreException(SqliteMaintenance.corrupt(file, SqliteErrors.describe(e)), e);
            }
            throw new StoreException("cannot open the database " + file + ": " + SqliteErrors.describe(e), e);
        }
    }

    /**
     * Creates {@code dataDir} (0700) and the database file (0600) if missing, and places
     * sqlite-jdbc's native library ({@link NativeSqlite}); returns the database file.
     */
    static Path prepareDirectory(Path dataDir) {
        Path file = dataDir.resolve(FILE_NAME).toAbsolutePath();
        try {
            DataDirAccess.createPrivateDirectory(dataDir);
        } catch (IOException e) {
            throw new StoreException("cannot create the data directory " + dataDir.toAbsolutePath() + ": "
                    + DataDirAccess.describe(dataDir, e), e);
        }
        try {
            DataDirAccess.restrictDatabase(file);
        } catch (IOException e) {
            throw new StoreException("cannot use the database " + file + ": " + DataDirAccess.describe(file, e), e);
        }
        requireWritable(file);
        NativeSqlite.place(dataDir);
        return file;
    }

    /** SQLite would say "attempt to write a readonly database" much later; say whose file it is now. */
    private static void requireWritable(Path file) {
        for (String suffix : DataDirAccess.DB_SUFFIXES) {
            Path f = file.resolveSibling(file.getFileName() + suffix);
            if (Files.exists(f) && !Files.isWritable(f)) {
                throw new StoreException("cannot use the database " + file + ": " + DataDirAccess.describe(f,
                        new java.nio.file.AccessDeniedException(f.toString())));
            }
        }
        Path dir = file.getParent();
        if (!Files.isWritable(dir)) {
            throw new StoreException("cannot use the data directory " + dir + ": " + DataDirAccess.describe(dir,
                    new java.nio.file.AccessDeniedException(dir.toString())));
        }
    }

    static Connection connect(Path file, StoreOptions options, boolean readOnly) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        if (!readOnly) {
            // WAL is a property of the file: set by the writer, which opens first.
            config.setJournalMode(SQLiteConfig.JournalMode.WAL);
            config.setJournalSizeLimit(WAL_SIZE_LIMIT_BYTES);
            config.setSynchronous(SQLiteConfig.SynchronousMode.valueOf(options.synchronous().name()));
        }
        config.enforceForeignKeys(true);
        config.setBusyTimeout((int) options.busyTimeout().toMillis());
        config.setCacheSize(-options.cacheSizeMb() * 1024); // negative = KiB, per SQLite
        config.setReadOnly(readOnly);
        return config.createConnection("jdbc:sqlite:" + file);
    }

    private static void closeAfterFailedOpen(Connection writer, Exception cause) {
        if (writer == null) {
            return;
        }
        try {
            writer.close();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    @Override
    public RecoveredState recover() {
        requireOpen("recover unfinished jobs");
        try {
            RecoveredState state = reader.recover();
            log.info("Recovered {} unfinished jobs, {} tasks, {} attempts, {} peers from {} (max lease {})",
                    state.jobs().size(), state.tasks().size(), state.attempts().size(), state.peers().size(), file,
                    state.maxLease());
            return state;
        } catch (SQLException e) {
            throw readFailure("recover unfinished jobs", e);
        }
    }

    @Override
    public void commit(List<Change> changes, long now) {
        Objects.requireNonNull(changes, "changes");
        if (changes.isEmpty()) {
            return;
        }
        synchronized (writeLock) {
            if (closed) {
                throw new StoreException("cannot store " + summary(changes) + ": the store " + file + " is closed");
            }
            String step = "starting the transaction";
            try {
                // Explicit BEGIN/COMMIT with JDBC auto-commit left on, rather than setAutoCommit(false):
                // SQLite rolls back by itself on some errors (SQLITE_FULL, SQLITE_IOERR), after which
                // sqlite-jdbc's rollback() would fail and leave the connection out of a transaction.
                control.execute("BEGIN IMMEDIATE");
                step = "writing the changes";
                changeWriter.write(changes, now);
                step = "committing";
                control.execute("COMMIT");
            } catch (SQLException | RuntimeException e) {
                String culprits = e instanceof SQLException sql && SqliteErrors.isForeignKeyViolation(sql)
                        ? foreignKeyViolations(e) : "";
                rollback(e);
                if (e instanceof ChangeWriter.TableWriteFailed failed) {
                    step = "writing " + failed.rows + " rows to table " + failed.table;
                }
                String message = "cannot store " + summary(changes) + " in " + file + " (failed while " + step
                        + "): " + SqliteErrors.describe(e) + culprits + "; nothing of this batch was stored";
                log.error(message, e);
                throw new StoreException(message, e, SqliteErrors.isTransient(e));
            }
        }
    }

    /**
     * Names the rows that refer to missing parents, while the failed transaction is still open
     * (SQLite only says that a deferred foreign key failed, not where). Scans the tables, which
     * is fine on this path: it means a bug upstream, not a normal run.
     */
    private String foreignKeyViolations(Exception cause) {
        StringBuilder found = new StringBuilder();
        try (ResultSet rs = control.executeQuery("PRAGMA foreign_key_check")) {
            int shown = 0;
            while (rs.next() && shown++ < MAX_VIOLATIONS_SHOWN) {
                found.append(shown == 1 ? "; rows referring to missing rows: " : ", ")
                        .append(rs.getString(1)).append(" row ").append(rs.getObject(2))
                        .append(" -> ").append(rs.getString(3));
            }
        } catch (SQLException e) {
            log.warn("Could not list the foreign key violations of a failed batch on {}", file, e);
            cause.addSuppressed(e);
        }
        return found.toString();
    }

    /** Undoes the failed batch. SQLite may already have rolled back by itself (e.g. on SQLITE_FULL). */
    private void rollback(Exception cause) {
        try {
            control.execute("ROLLBACK");
        } catch (SQLException e) {
            if (e.getMessage() != null && e.getMessage().contains("no transaction is active")) {
                log.debug("SQLite had already rolled back the failed batch on {}", file);
            } else {
                log.error("Rolling back a failed batch on {} failed too", file, e);
                cause.addSuppressed(e);
            }
        }
    }

    /** E.g. "a batch of 3 changes (1 JobCreated, 2 TaskChanged)". */
    private static String summary(List<Change> changes) {
        Map<String, Integer> counts = new TreeMap<>();
        for (Change change : changes) {
            counts.merge(change.getClass().getSimpleName(), 1, Integer::sum);
        }
        StringBuilder text = new StringBuilder("a batch of " + changes.size() + " changes (");
        counts.forEach((kind, n) -> text.append(n).append(' ').append(kind).append(", "));
        text.setLength(text.length() - 2);
        return text.append(')').toString();
    }

    @Override
    public List<JobRecord> recentJobs(int limit) {
        requirePositive(limit);
        requireOpen("read recent jobs");
        try {
            return reader.recentJobs(limit);
        } catch (SQLException e) {
            throw readFailure("read the " + limit + " most recent jobs", e);
        }
    }

    @Override
    public Optional<JobDetail> job(long jobId) {
        requireOpen("read job " + jobId);
        try {
            return reader.job(jobId);
        } catch (SQLException e) {
            throw readFailure("read job " + jobId, e);
        }
    }

    @Override
    public Optional<JobDetail> jobOfTask(long taskUid) {
        requireOpen("read the job of task " + taskUid);
        try {
            return reader.jobOfTask(taskUid);
        } catch (SQLException e) {
            throw readFailure("read the job of task " + taskUid, e);
        }
    }

    @Override
    public List<AuditRecord> recentAudit(int limit) {
        requirePositive(limit);
        requireOpen("read recent audit records");
        try {
            return reader.recentAudit(limit);
        } catch (SQLException e) {
            throw readFailure("read the " + limit + " most recent audit records", e);
        }
    }

    private static void requirePositive(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, got " + limit);
        }
    }

    private void requireOpen(String what) {
        if (closed) {
            throw new StoreException("cannot " + what + ": the store " + file + " is closed");
        }
    }

    private StoreException readFailure(String what, SQLException e) {
        String message = "cannot " + what + " from " + file + ": " + SqliteErrors.describe(e);
        log.error(message, e);
        return new StoreException(message, e);
    }

    /**
     * Caps the database at {@code maxPages} pages on the writer connection, as a full disk
     * would (SQLite then fails with SQLITE_FULL). For tests; the limit is per connection.
     *
     * @return the limit now in force (SQLite never sets it below the current size)
     */
    long limitPages(long maxPages) {
        synchronized (writeLock) {
            try (ResultSet rs = control.executeQuery("PRAGMA max_page_count = " + maxPages)) {
                rs.next();
                return rs.getLong(1);
            } catch (SQLException e) {
                throw new StoreException("cannot set max_page_count on " + file + ": " + SqliteErrors.describe(e), e);
            }
        }
    }

    /** One WAL checkpoint now, as the checkpointer thread does every interval (for tests). */
    WalCheckpointer.Result checkpointWal() throws SQLException {
        return checkpointer.checkpoint();
    }

    /** Closes the connections; a later {@link #open} of the same directory sees every committed batch. */
    @Override
    public void close() {
        synchronized (writeLock) {
            if (closed) {
                return;
            }
            closed = true;
            StoreException failure = null;
            for (AutoCloseable resource : List.<AutoCloseable>of(checkpointer, reader, changeWriter, control, writer)) {
                try {
                    resource.close();
                } catch (Exception e) {
                    if (failure == null) {
                        failure = new StoreException("closing the store " + file + " failed: "
                                + SqliteErrors.describe(e), e);
                    } else {
                        failure.addSuppressed(e);
                    }
                }
            }
            if (failure != null) {
                log.error(failure.getMessage(), failure);
                throw failure;
            }
            log.info("Closed store {}", file);
        }
    }
}
