package io.taskshard.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies the WAL back into the database file on its own thread and connection. By default
 * SQLite does this inside whichever commit crosses 1,000 WAL pages, so every second or so one
 * batch of the coordinator thread also wrote megabytes into the database and synced it: the
 * assigns waiting on that batch were late by that much (docs/benchmarks.md). The writer turns
 * automatic checkpoints off and this runs a PASSIVE checkpoint every interval instead, which
 * never blocks the writer (WAL lets a checkpoint and a write transaction run side by side).
 */
final class WalCheckpointer implements AutoCloseable {
    public static final Duration DEFAULT_INTERVAL = Duration.ofMillis(250);
    private static final Logger log = LoggerFactory.getLogger(WalCheckpointer.class);

    /** What one checkpoint did, in WAL frames (SQLite's own three numbers). */
    record Result(boolean busy, int walFrames, int checkpointedFrames) {
    }

    private final Path file;
    private final Connection connection;
    private final ScheduledExecutorService thread;
    private int failuresInARow;

    private WalCheckpointer(Path file, Connection connection) {
        this.file = file;
        this.connection = connection;
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "taskshard-wal-checkpoint");
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts checkpointing {@code file} through {@code connection} (which this then owns) every {@code interval}. */
    static WalCheckpointer start(Path file, Connection connection, Duration interval) {
        WalCheckpointer checkpointer = new WalCheckpointer(file, connection);
        long ms = interval.toMillis();
        checkpointer.thread.scheduleWithFixedDelay(checkpointer::checkpointQuietly, ms, ms, TimeUnit.MILLISECONDS);
        return checkpointer;
    }

    /** One PASSIVE checkpoint now: copies what no reader still needs, waits for nobody. */
    synchronized Result checkpoint() throws SQLException {
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("PRAGMA wal_checkpoint(PASSIVE)")) {
            rs.next();
            return new Result(rs.getInt(1) != 0, rs.getInt(2), rs.getInt(3));
        }
    }

    private void checkpointQuietly() {
        try {
            Result r = checkpoint();
            if (failuresInARow > 0) {
                log.info("WAL checkpoints of {} work again ({} failed before)", file, failuresInARow);
                failuresInARow = 0;
            }
            log.trace("WAL checkpoint of {}: {}", file, r);
        } catch (SQLException | RuntimeException e) {
            // The next interval tries again; meanwhile the WAL only grows (commits are unaffected).
            if (failuresInARow++ == 0) {
                log.warn("WAL checkpoint of {} failed: {}; retrying every interval", file, SqliteErrors.describe(e), e);
            }
        }
    }

    /** Stops the thread and closes the connection (the writer's close does the last checkpoint). */
    @Override
    public void close() throws SQLException {
        thread.shutdown();
        try {
            if (!thread.awaitTermination(10, TimeUnit.SECONDS)) {
                log.warn("WAL checkpoint of {} still running after 10 s; closing its connection anyway", file);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            log.warn("interrupted while stopping the WAL checkpointer of {}", file);
        }
        synchronized (this) {
            connection.close();
        }
    }
}
