package io.taskshard.store;

import io.taskshard.model.AttemptRecord;
import io.taskshard.model.AuditRecord;
import io.taskshard.model.Change;
import io.taskshard.model.JobRecord;
import io.taskshard.model.PeerRecord;
import io.taskshard.model.ScheduleRecord;
import io.taskshard.model.TaskRecord;
import io.taskshard.model.TaskSpec;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Writes batches of {@link Change}s on the writer connection. Each table has one prepared
 * statement, prepared once and reused for every batch; a batch is bound row by row into JDBC
 * batches (no reads), then executed table by table. The caller owns the transaction.
 */
final class ChangeWriter implements AutoCloseable {

    /**
     * Expected durations are an exponentially weighted moving average with this weight for
     * the newest sample (the first sample is taken as is). Chosen over a mean of the last N
     * because it needs one number per key (an upsert, no reads) and, at 0.5, follows a target
     * that got slower or faster within two or three runs, which is what ordering needs.
     */
    static final double DURATION_ALPHA = 0.5;

    private final Table jobs;
    private final Table specs;
    private final Table tasks;
    private final Table attempts;
    private final Table peers;
    private final Table history;
    private final Table audit;
    private final Table schedules;
    private final Table scheduleRemovals;
    private final List<Table> tables;

    ChangeWriter(Connection connection) throws SQLException {
        jobs = new Table(connection, "jobs", """
                INSERT INTO jobs (id, kind, name, schema_hash, cache_id, repo_state, complex_patchset, state,
                                  task_count, done_count, failed_tasks, created_at, finished_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, name = excluded.name,
                    schema_hash = excluded.schema_hash, cache_id = excluded.cache_id,
                    repo_state = excluded.repo_state, complex_patchset = excluded.complex_patchset,
                    state = excluded.state, task_count = excluded.task_count, done_count = excluded.done_count,
                    failed_tasks = excluded.failed_tasks, created_at = excluded.created_at,
                    finished_at = excluded.finished_at""");
        specs = new Table(connection, "task_specs", """
                INSERT INTO task_specs (job_id, ord, task_id, spec) VALUES (?, ?, ?, ?)
                ON CONFLICT (job_id, ord) DO UPDATE SET task_id = excluded.task_id, spec = excluded.spec""");
        // job_id and task_id never change for a uid, and are left out of the update on
        // purpose: naming a parent key column in SET makes SQLite look for child attempts.
        tasks = new Table(connection, "tasks", """
                INSERT INTO tasks (uid, job_id, task_id, state, priority, attempts_used, current_lease,
                                   preferred_peer, ready_since, failures_counted, cancelled_by_operator)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (uid) DO UPDATE SET state = excluded.state, priority = excluded.priority,
                    attempts_used = excluded.attempts_used, current_lease = excluded.current_lease,
                    preferred_peer = excluded.preferred_peer, ready_since = excluded.ready_since,
                    failures_counted = excluded.failures_counted,
                    cancelled_by_operator = excluded.cancelled_by_operator""");
        attempts = new Table(connection, "attempts", """
                INSERT INTO attempts (lease, job_id, task_id, attempt, peer_id, state, assigned_at, started_at,
                                      ended_at, exit_code, duration_ms, log, reason)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (lease) DO UPDATE SET job_id = excluded.job_id, task_id = excluded.task_id,
                    attempt = excluded.attempt, peer_id = excluded.peer_id, state = excluded.state,
                    assigned_at = excluded.assigned_at, started_at = excluded.started_at,
                    ended_at = excluded.ended_at, exit_code = excluded.exit_code,
                    duration_ms = excluded.duration_ms, log = excluded.log, reason = excluded.reason""");
        peers = new Table(connection, "peers", """
                INSERT INTO peers (id, job_id, state, slots, labels, cpu, memory_mb, draining, worker, running,
                                   tasks_done, connected_at, last_seen_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (id) DO UPDATE SET job_id = excluded.job_id, state = excluded.state,
                    slots = excluded.slots, labels = excluded.labels, cpu = excluded.cpu,
                    memory_mb = excluded.memory_mb, draining = excluded.draining, worker = excluded.worker,
                    running = excluded.running, tasks_done = excluded.tasks_done,
                    connected_at = excluded.connected_at, last_seen_at = excluded.last_seen_at""");
        // Rows of a JDBC batch run one after the other, so several samples of one key in a
        // batch each fold into the average.
        history = new Table(connection, "task_history", String.format(Locale.ROOT, """
                INSERT INTO task_history (task_key, samples, expected_ms, updated_at) VALUES (?, 1, ?, ?)
                ON CONFLICT (task_key) DO UPDATE SET samples = samples + 1,
                    expected_ms = %1$s * excluded.expected_ms + (1 - %1$s) * expected_ms,
                    updated_at = excluded.updated_at""", DURATION_ALPHA));
        audit = new Table(connection, "audit", """
                INSERT INTO audit (at, actor, action, target, detail, accepted) VALUES (?, ?, ?, ?, ?, ?)""");
        schedules = new Table(connection, "schedules", """
                INSERT INTO schedules (id, name, definition, removed, created_at, next_fire_at, last_fire_at,
                                       last_job_id, fires)
                VALUES (?, ?, ?, 0, ?, ?, ?, ?, ?)
                ON CONFLICT (id) DO UPDATE SET next_fire_at = excluded.next_fire_at,
                    last_fire_at = excluded.last_fire_at, last_job_id = excluded.last_job_id,
                    fires = excluded.fires""");
        scheduleRemovals = new Table(connection, "schedules", "UPDATE schedules SET removed = 1 WHERE id = ?");
        // Removals after upserts: a schedule added and removed in one batch ends removed.
        tables = List.of(jobs, specs, tasks, attempts, peers, history, audit, schedules, scheduleRemovals);
    }

    /**
     * Binds every change of the batch, then writes table by table. Within one table rows are
     * written in batch order, so the last change of a row wins.
     *
     * @param now epoch millis recorded as {@code updated_at} of duration history
     * @throws TableWriteFailed naming the table whose write failed
     */
    void write(List<Change> changes, long now) throws SQLException {
        Set<Change> superseded = superseded(changes);
        try {
            for (Change change : changes) {
                if (!superseded.contains(change)) {
                    add(change, now);
                }
            }
            for (Table table : tables) {
                table.flush();
            }
        } finally {
            for (Table table : tables) {
                table.discard();
            }
        }
    }

    /**
     * Row updates that a later change of the same row in the batch replaces: writing only the last
     * gives the same rows (these upserts set every column) with fewer statements. A task that
     * ends rewrites its job's row, so a batch of 500 finished tasks of one job wrote that row
     * 500 times.
     */
    static Set<Change> superseded(List<Change> changes) {
        Map<Object, Change> last = new HashMap<>();
        Set<Change> earlier = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Change change : changes) {
            Object row = switch (change) {
                case Change.JobChanged c -> new RowKey('J', c.job().id());
                case Change.TaskChanged c -> new RowKey('T', c.task().uid());
                case Change.AttemptChanged c -> new RowKey('A', c.attempt().lease());
                case Change.PeerChanged c -> c.peer().id();
                default -> null;
            };
            if (row != null) {
                Change before = last.put(row, change);
                if (before != null && before != change) { // the same instance twice: keep writing it
                    earlier.add(before);
                }
            }
        }
        return earlier;
    }

    private record RowKey(char table, long id) {
    }

    private void add(Change change, long now) throws SQLException {
        Objects.requireNonNull(change, "a batch must not contain null changes");
        switch (change) {
            case Change.JobCreated c -> {
                addJob(c.job());
                List<TaskSpec> list = c.specs();
                for (int i = 0; i < list.size(); i++) {
                    addSpec(c.job().id(), i, list.get(i));
                }
                for (TaskRecord task : c.tasks()) {
                    addTask(task);
                }
            }
            case Change.JobChanged c -> addJob(c.job());
            case Change.TaskChanged c -> addTask(c.task());
            case Change.AttemptChanged c -> addAttempt(c.attempt());
            case Change.PeerChanged c -> addPeer(c.peer());
            case Change.DurationObserved c -> {
                PreparedStatement s = history.statement;
                s.setString(1, c.taskKey());
                s.setDouble(2, c.durationMs());
                s.setLong(3, now);
                history.add();
            }
            case Change.Audited c -> addAudit(c.audit());
            case Change.ScheduleChanged c -> addSchedule(c.schedule());
            case Change.ScheduleRemoved c -> {
                scheduleRemovals.statement.setLong(1, c.scheduleId());
                scheduleRemovals.add();
            }
        }
    }

    private void addJob(JobRecord j) throws SQLException {
        PreparedStatement s = jobs.statement;
        s.setLong(1, j.id());
        s.setString(2, name(j.kind()));
        s.setString(3, j.name());
        s.setString(4, j.schemaHash());
        s.setString(5, j.cacheId());
        s.setString(6, JsonColumns.write(j.repoState()));
        s.setBoolean(7, j.complexPatchset());
        s.setString(8, name(j.state()));
        s.setInt(9, j.taskCount());
        s.setInt(10, j.doneCount());
        s.setString(11, JsonColumns.write(j.failedTasks()));
        s.setLong(12, j.createdAt());
        s.setLong(13, j.finishedAt());
        jobs.add();
    }

    private void addSpec(long jobId, int ord, TaskSpec spec) throws SQLException {
        PreparedStatement s = specs.statement;
        s.setLong(1, jobId);
        s.setInt(2, ord);
        s.setString(3, spec.id());
        s.setString(4, JsonColumns.writeSpec(spec));
        specs.add();
    }

    private void addTask(TaskRecord t) throws SQLException {
        PreparedStatement s = tasks.statement;
        s.setLong(1, t.uid());
        s.setLong(2, t.jobId());
        s.setString(3, t.taskId());
        s.setString(4, name(t.state()));
        s.setInt(5, t.priority());
        s.setInt(6, t.attemptsUsed());
        s.setLong(7, t.currentLease());
        s.setString(8, t.preferredPeer());
        s.setLong(9, t.readySince());
        s.setInt(10, t.failuresCounted());
        s.setBoolean(11, t.cancelledByOperator());
        tasks.add();
    }

    private void addAttempt(AttemptRecord a) throws SQLException {
        PreparedStatement s = attempts.statement;
        s.setLong(1, a.lease());
        s.setLong(2, a.jobId());
        s.setString(3, a.taskId());
        s.setInt(4, a.attempt());
        s.setString(5, a.peerId());
        s.setString(6, name(a.state()));
        s.setLong(7, a.assignedAt());
        s.setLong(8, a.startedAt());
        s.setLong(9, a.endedAt());
        if (a.exitCode() == null) {
            s.setNull(10, Types.INTEGER);
        } else {
            s.setInt(10, a.exitCode());
        }
        s.setLong(11, a.durationMs());
        s.setString(12, a.log());
        s.setString(13, a.reason());
        attempts.add();
    }

    private void addPeer(PeerRecord p) throws SQLException {
        PreparedStatement s = peers.statement;
        s.setString(1, p.id());
        s.setLong(2, p.jobId());
        s.setString(3, name(p.state()));
        s.setInt(4, p.slots());
        s.setString(5, JsonColumns.write(p.labels()));
        s.setDouble(6, p.resources().cpu());
        s.setLong(7, p.resources().memoryMb());
        s.setBoolean(8, p.draining());
        s.setBoolean(9, p.worker());
        s.setString(10, JsonColumns.write(p.running()));
        s.setInt(11, p.tasksDone());
        s.setLong(12, p.connectedAt());
        s.setLong(13, p.lastSeenAt());
        peers.add();
    }

    private void addAudit(AuditRecord a) throws SQLException {
        PreparedStatement s = audit.statement;
        s.setLong(1, a.at());
        s.setString(2, a.actor());
        s.setString(3, a.action());
        s.setString(4, a.target());
        s.setString(5, a.detail());
        s.setBoolean(6, a.accepted());
        audit.add();
    }

    private void addSchedule(ScheduleRecord r) throws SQLException {
        PreparedStatement s = schedules.statement;
        s.setLong(1, r.id());
        s.setString(2, r.name());
        s.setString(3, ScheduleColumns.writeDefinition(r));
        s.setLong(4, r.createdAt());
        s.setLong(5, r.nextFireAt());
        s.setLong(6, r.lastFireAt());
        s.setLong(7, r.lastJobId());
        s.setInt(8, r.fires());
        schedules.add();
    }

    /** A null enum becomes SQL NULL, which the NOT NULL columns then refuse with a clear message. */
    private static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }

    @Override
    public void close() throws SQLException {
        SQLException first = null;
        for (Table table : tables) {
            try {
                table.statement.close();
            } catch (SQLException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /** Writing the rows of one table failed; {@link #getCause()} is SQLite's error. */
    static final class TableWriteFailed extends SQLException {
        final String table;
        final int rows;

        TableWriteFailed(String table, int rows, SQLException cause) {
            super("writing " + rows + " rows to " + table + " failed: " + cause.getMessage(),
                    cause.getSQLState(), cause.getErrorCode(), cause);
            this.table = table;
            this.rows = rows;
        }
    }

    /** One table's reusable upsert statement and how many rows are waiting in its JDBC batch. */
    private static final class Table {
        /**
         * sqlite-jdbc grows a statement's batch array to the largest batch it ever held and clears
         * every slot of it on each execute. After a batch this big (a large job created) the
         * statement is prepared anew, so later small commits do not pay for that array.
         */
        static final int SHRINK_AFTER_ROWS = 4_096;

        final String name;
        private final Connection connection;
        private final String sql;
        PreparedStatement statement;
        int pending;

        Table(Connection connection, String name, String sql) throws SQLException {
            this.name = name;
            this.connection = connection;
            this.sql = sql;
            this.statement = connection.prepareStatement(sql);
        }

        void add() throws SQLException {
            statement.addBatch();
            pending++;
        }

        void flush() throws SQLException {
            if (pending == 0) {
                return;
            }
            int rows = pending;
            try {
                statement.executeBatch();
            } catch (SQLException e) {
                throw new TableWriteFailed(name, pending, e);
            } finally {
                pending = 0;
            }
            if (rows > SHRINK_AFTER_ROWS) {
                PreparedStatement large = statement;
                statement = connection.prepareStatement(sql);
                large.close();
            }
        }

        /** Leaves nothing of a failed batch behind for the next one (a flushed batch is already empty). */
        void discard() throws SQLException {
            if (pending > 0) {
                statement.clearBatch();
                pending = 0;
            }
        }
    }
}
