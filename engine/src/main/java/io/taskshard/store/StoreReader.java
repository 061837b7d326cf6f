package io.taskshard.store;

import io.taskshard.model.AttemptRecord;
import io.taskshard.model.AttemptState;
import io.taskshard.model.AuditRecord;
import io.taskshard.model.JobKind;
import io.taskshard.model.JobRecord;
import io.taskshard.model.JobState;
import io.taskshard.model.PeerRecord;
import io.taskshard.model.PeerState;
import io.taskshard.model.RecoveredState;
import io.taskshard.model.Resources;
import io.taskshard.model.ScheduleRecord;
import io.taskshard.model.TaskCounts;
import io.taskshard.model.TaskRecord;
import io.taskshard.model.TaskSpec;
import io.taskshard.model.TaskState;
import io.taskshard.store.Store.JobDetail;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads on a connection of its own (WAL lets it read while the writer writes). One caller at
 * a time; reads of several tables run in one read transaction so they see one snapshot.
 */
final class StoreReader implements AutoCloseable {
    private static final String JOB_COLUMNS = "id, kind, name, schema_hash, cache_id, repo_state, complex_patchset,"
            + " state, task_count, done_count, failed_tasks, created_at, finished_at,"
            // Tasks per state, as "STATE=n,STATE=n": one pass over the job's tasks (the (job_id,
            // task_id) index), so a job read back from the store has true counts like a live one.
            + " (SELECT group_concat(state || '=' || n) FROM (SELECT state, count(*) AS n FROM tasks"
            + " WHERE tasks.job_id = jobs.id GROUP BY state))";
    private static final String TASK_COLUMNS =
            "uid, job_id, task_id, state, priority, attempts_used, current_lease, preferred_peer, ready_since,"
            + " failures_counted, cancelled_by_operator";
    private static final String ATTEMPT_COLUMNS = "lease, job_id, task_id, attempt, peer_id, state, assigned_at,"
            + " started_at, ended_at, exit_code, duration_ms, log, reason";
    private static final String PEER_COLUMNS = "id, job_id, state, slots, labels, cpu, memory_mb, draining, worker,"
            + " running, tasks_done, connected_at, last_seen_at";

    private final Connection connection;

    StoreReader(Connection connection) {
        this.connection = connection;
    }

    synchronized RecoveredState recover() throws SQLException {
        return inSnapshot(() -> {
            List<JobRecord> jobs = list("SELECT " + JOB_COLUMNS + " FROM jobs WHERE state = ? ORDER BY id",
                    StoreReader::job, JobState.RUNNING.name());
            Map<Long, List<TaskSpec>> specsByJob = new LinkedHashMap<>();
            List<TaskRecord> tasks = new ArrayList<>();
            List<AttemptRecord> attempts = new ArrayList<>();
            for (JobRecord job : jobs) {
                List<TaskSpec> specs = specs(job.id());
                specsByJob.put(job.id(), specs);
                tasks.addAll(tasksSharingIds(job.id(), specs));
                attempts.addAll(attempts(job.id()));
            }
            attempts.sort(Comparator.comparingLong(AttemptRecord::lease));
            Set<String> holders = new LinkedHashSet<>();
            for (AttemptRecord attempt : attempts) {
                if (attempt.state() != null && attempt.state().isLive()) {
                    holders.add(attempt.peerId());
                }
            }
            List<PeerRecord> peers = new ArrayList<>();
            for (String peerId : holders) {
                peers.addAll(list("SELECT " + PEER_COLUMNS + " FROM peers WHERE id = ?", StoreReader::peer, peerId));
            }
            return new RecoveredState(jobs, Collections.unmodifiableMap(specsByJob),
                    Collections.unmodifiableList(tasks), Collections.unmodifiableList(attempts),
                    Collections.unmodifiableList(peers),
                    single("SELECT coalesce(max(lease), 0) FROM attempts"),
                    single("SELECT coalesce(max(id), 0) FROM jobs"),
                    single("SELECT coalesce(max(uid), 0) FROM tasks"),
                    Collections.unmodifiableMap(expectedDurations()))
                    .withSchedules(schedules(), single("SELECT coalesce(max(id), 0) FROM schedules"));
        });
    }

    /** The live schedules, by id. */
    private List<ScheduleRecord> schedules() throws SQLException {
        return list("SELECT id, name, definition, created_at, next_fire_at, last_fire_at, last_job_id, fires"
                + " FROM schedules WHERE removed = 0 ORDER BY id", rs -> ScheduleColumns.read(rs.getLong(1),
                rs.getString(2), rs.getString(3), rs.getLong(4), rs.getLong(5), rs.getLong(6), rs.getLong(7),
                rs.getInt(8)));
    }

    synchronized List<JobRecord> recentJobs(int limit) throws SQLException {
        return list("SELECT " + JOB_COLUMNS + " FROM jobs ORDER BY id DESC LIMIT ?", StoreReader::job, limit);
    }

    synchronized Optional<JobDetail> job(long jobId) throws SQLException {
        return inSnapshot(() -> {
            List<JobRecord> found = list("SELECT " + JOB_COLUMNS + " FROM jobs WHERE id = ?", StoreReader::job, jobId);
            if (found.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new JobDetail(found.getFirst(), specs(jobId), tasks(jobId), attempts(jobId)));
        });
    }

    synchronized Optional<JobDetail> jobOfTask(long taskUid) throws SQLException {
        List<Long> jobIds = list("SELECT job_id FROM tasks WHERE uid = ?", rs -> rs.getLong(1), taskUid);
        return jobIds.isEmpty() ? Optional.empty() : job(jobIds.getFirst());
    }

    synchronized List<AuditRecord> recentAudit(int limit) throws SQLException {
        return list("SELECT at, actor, action, target, detail, accepted FROM audit ORDER BY id DESC LIMIT ?",
                rs -> new AuditRecord(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getBoolean(6)), limit);
    }

    private List<TaskSpec> specs(long jobId) throws SQLException {
        return list("SELECT spec, ord FROM task_specs WHERE job_id = ? ORDER BY ord",
                rs -> {
                    String json = rs.getString(1);
                    int ord = rs.getInt(2);
                    return JsonColumns.readSpec(json, () -> "task_specs of job " + jobId + " at " + ord);
                },
                jobId);
    }

    /**
     * The job's tasks, each holding its spec's id string rather than a copy read from its row: a
     * running coordinator shares one string between spec and record, and recovery must not need
     * more memory than that (one string per task was 46 MB of a 960,000-task flood, issue 19).
     */
    private List<TaskRecord> tasksSharingIds(long jobId, List<TaskSpec> specs) throws SQLException {
        Map<String, String> ids = HashMap.newHashMap(specs.size());
        for (TaskSpec spec : specs) {
            ids.put(spec.id(), spec.id());
        }
        List<TaskRecord> read = tasks(jobId);
        List<TaskRecord> shared = new ArrayList<>(read.size());
        for (TaskRecord t : read) {
            String id = ids.getOrDefault(t.taskId(), t.taskId());
            shared.add(id == t.taskId() ? t : new TaskRecord(t.uid(), t.jobId(), id, t.state(), t.priority(),
                    t.attemptsUsed(), t.currentLease(), t.preferredPeer(), t.readySince(), t.expectedMs(),
                    t.failuresCounted(), t.cancelledByOperator()));
        }
        return shared;
    }

    private List<TaskRecord> tasks(long jobId) throws SQLException {
        return list("SELECT " + TASK_COLUMNS + " FROM tasks WHERE job_id = ? ORDER BY uid", StoreReader::task, jobId);
    }

    private List<AttemptRecord> attempts(long jobId) throws SQLException {
        return list("SELECT " + ATTEMPT_COLUMNS + " FROM attempts WHERE job_id = ? ORDER BY lease",
                StoreReader::attempt, jobId);
    }

    private Map<String, Long> expectedDurations() throws SQLException {
        Map<String, Long> expected = new HashMap<>();
        try (PreparedStatement s = connection.prepareStatement("SELECT task_key, expected_ms FROM task_history");
             ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                expected.put(rs.getString(1), Math.round(rs.getDouble(2)));
            }
        }
        return expected;
    }

    private static JobRecord job(ResultSet rs) throws SQLException {
        long id = rs.getLong(1);
        String where = "job " + id;
        return new JobRecord(id, enumOf(JobKind.class, rs.getString(2), where), rs.getString(3), rs.getString(4),
                rs.getString(5), JsonColumns.readRepoState(rs.getString(6), "repo_state of " + where),
                rs.getBoolean(7), enumOf(JobState.class, rs.getString(8), where), rs.getInt(9), rs.getInt(10),
                taskCounts(rs.getString(14), where),
                JsonColumns.readStrings(rs.getString(11), "failed_tasks of " + where), rs.getLong(12),
                rs.getLong(13));
    }

    /** Parses the {@code STATE=n,...} column of {@link #JOB_COLUMNS}; null (no tasks) is all zeros. */
    private static TaskCounts taskCounts(String column, String where) {
        int[] byState = new int[TaskState.values().length];
        if (column != null && !column.isEmpty()) {
            for (String part : column.split(",")) {
                int eq = part.indexOf('=');
                TaskState state = enumOf(TaskState.class, part.substring(0, eq), "a task of " + where);
                byState[state.ordinal()] = Integer.parseInt(part.substring(eq + 1));
            }
        }
        return TaskCounts.of(byState);
    }

    private static TaskRecord task(ResultSet rs) throws SQLException {
        long uid = rs.getLong(1);
        return new TaskRecord(uid, rs.getLong(2), rs.getString(3),
                enumOf(TaskState.class, rs.getString(4), "task " + uid), rs.getInt(5), rs.getInt(6), rs.getLong(7),
                rs.getString(8), rs.getLong(9), 0, rs.getInt(10), rs.getBoolean(11));
    }

    private static AttemptRecord attempt(ResultSet rs) throws SQLException {
        long lease = rs.getLong(1);
        int exitCode = rs.getInt(10);
        Integer exit = rs.wasNull() ? null : exitCode;
        return new AttemptRecord(lease, rs.getLong(2), rs.getString(3), rs.getInt(4), rs.getString(5),
                enumOf(AttemptState.class, rs.getString(6), "attempt " + lease), rs.getLong(7), rs.getLong(8),
                rs.getLong(9), exit, rs.getLong(11), rs.getString(12), rs.getString(13));
    }

    private static PeerRecord peer(ResultSet rs) throws SQLException {
        String id = rs.getString(1);
        String where = "peer " + id;
        return new PeerRecord(id, rs.getLong(2), enumOf(PeerState.class, rs.getString(3), where), rs.getInt(4),
                JsonColumns.readStrings(rs.getString(5), "labels of " + where),
                new Resources(rs.getDouble(6), rs.getLong(7)), rs.getBoolean(8), rs.getBoolean(9),
                JsonColumns.readLongs(rs.getString(10), "running of " + where), rs.getInt(11), rs.getLong(12),
                rs.getLong(13));
    }

    private static <E extends Enum<E>> E enumOf(Class<E> type, String name, String where) {
        try {
            return Enum.valueOf(type, name);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new StoreException("stored " + type.getSimpleName() + " of " + where + " is '" + name
                    + "', which this taskshard does not know", e);
        }
    }

    private long single(String sql) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private <T> List<T> list(String sql, RowMapper<T> mapper, Object... params) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            List<T> rows = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    rows.add(mapper.map(rs));
                }
            }
            return Collections.unmodifiableList(rows);
        }
    }

    /** Runs {@code read} in one read transaction, so that all its queries see the same commit. */
    private <T> T inSnapshot(Read<T> read) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("BEGIN");
            try {
                return read.run();
            } finally {
                // Ends the snapshot so that it does not hold back WAL checkpoints.
                s.execute("COMMIT");
            }
        }
    }

    @Override
    public synchronized void close() throws SQLException {
        connection.close();
    }

    @FunctionalInterface
    private interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    @FunctionalInterface
    private interface Read<T> {
        T run() throws SQLException;
    }
}
