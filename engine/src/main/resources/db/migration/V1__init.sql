-- taskshard store, schema version 1.
-- Enums are stored by name (TEXT), lists and maps as JSON (TEXT), times as epoch millis.
-- Foreign keys are DEFERRABLE INITIALLY DEFERRED: a batch is written table by table, so a
-- child row may be written before its parent within the same transaction; the check runs
-- at COMMIT and a violation rolls the whole batch back.

CREATE TABLE jobs (
    id               INTEGER PRIMARY KEY,
    kind             TEXT    NOT NULL,
    name             TEXT,
    schema_hash      TEXT,
    cache_id         TEXT,
    repo_state       TEXT    NOT NULL, -- JSON object: repo -> RepoEntry
    complex_patchset INTEGER NOT NULL,
    state            TEXT    NOT NULL,
    task_count       INTEGER NOT NULL,
    done_count       INTEGER NOT NULL,
    failed_tasks     TEXT    NOT NULL, -- JSON array of task ids
    created_at       INTEGER NOT NULL,
    finished_at      INTEGER NOT NULL
);
-- Recovery loads the RUNNING jobs.
CREATE INDEX jobs_by_state ON jobs (state);

-- The unchanging part of each task, written once when the job is created.
CREATE TABLE task_specs (
    job_id  INTEGER NOT NULL REFERENCES jobs (id) DEFERRABLE INITIALLY DEFERRED,
    ord     INTEGER NOT NULL, -- position in the schema
    task_id TEXT    NOT NULL,
    spec    TEXT    NOT NULL, -- JSON, the wire form (TaskSpecJson)
    PRIMARY KEY (job_id, ord)
) WITHOUT ROWID;

-- The changing part of each task (TaskRecord).
CREATE TABLE tasks (
    uid            INTEGER PRIMARY KEY,
    job_id         INTEGER NOT NULL REFERENCES jobs (id) DEFERRABLE INITIALLY DEFERRED,
    task_id        TEXT    NOT NULL,
    state          TEXT    NOT NULL,
    priority       INTEGER NOT NULL,
    attempts_used  INTEGER NOT NULL,
    current_lease  INTEGER NOT NULL,
    preferred_peer TEXT,
    ready_since    INTEGER NOT NULL,
    UNIQUE (job_id, task_id) -- also the "tasks by job" index
);

-- Every attempt ever made; the lease is its identity.
CREATE TABLE attempts (
    lease       INTEGER PRIMARY KEY,
    job_id      INTEGER NOT NULL,
    task_id     TEXT    NOT NULL,
    attempt     INTEGER NOT NULL,
    peer_id     TEXT    NOT NULL,
    state       TEXT    NOT NULL,
    assigned_at INTEGER NOT NULL,
    started_at  INTEGER NOT NULL,
    ended_at    INTEGER NOT NULL,
    exit_code   INTEGER,
    duration_ms INTEGER NOT NULL,
    log         TEXT,
    reason      TEXT,
    FOREIGN KEY (job_id, task_id) REFERENCES tasks (job_id, task_id) DEFERRABLE INITIALLY DEFERRED
);
-- Attempts by job, in lease order (the rowid is the lease).
CREATE INDEX attempts_by_job ON attempts (job_id);

CREATE TABLE peers (
    id           TEXT    PRIMARY KEY,
    job_id       INTEGER NOT NULL, -- 0 for a worker between jobs, hence no foreign key
    state        TEXT    NOT NULL,
    slots        INTEGER NOT NULL,
    labels       TEXT    NOT NULL, -- JSON array
    cpu          REAL    NOT NULL,
    memory_mb    INTEGER NOT NULL,
    draining     INTEGER NOT NULL,
    worker       INTEGER NOT NULL,
    running      TEXT    NOT NULL, -- JSON array of leases
    tasks_done   INTEGER NOT NULL,
    connected_at INTEGER NOT NULL,
    last_seen_at INTEGER NOT NULL
) WITHOUT ROWID;

-- Expected duration per task key (see DurationHistory for how it is computed).
CREATE TABLE task_history (
    task_key    TEXT    PRIMARY KEY,
    samples     INTEGER NOT NULL,
    expected_ms REAL    NOT NULL,
    updated_at  INTEGER NOT NULL
) WITHOUT ROWID;

-- Operator actions, append only.
CREATE TABLE audit (
    id       INTEGER PRIMARY KEY,
    at       INTEGER NOT NULL,
    actor    TEXT,
    action   TEXT    NOT NULL,
    target   TEXT,
    detail   TEXT,
    accepted INTEGER NOT NULL
);

-- Recurring jobs; filled by a later feature, created now so that it needs no migration.
CREATE TABLE schedules (
    id         INTEGER PRIMARY KEY,
    name       TEXT    NOT NULL UNIQUE,
    definition TEXT    NOT NULL, -- JSON
    enabled    INTEGER NOT NULL DEFAULT 1,
    created_at INTEGER NOT NULL
);
