-- taskshard store, schema version 2: schedules (recurring jobs).
-- V1 created an empty placeholder `schedules` table; it never held rows, so it is replaced.
-- A removed schedule keeps its row (removed = 1): ids are never reused, and its name is free
-- again (the unique index covers live schedules only).

DROP TABLE schedules;

CREATE TABLE schedules (
    id           INTEGER PRIMARY KEY,
    name         TEXT    NOT NULL,
    definition   TEXT    NOT NULL, -- JSON: when, timeZone, misfire, job (schema + overrides)
    removed      INTEGER NOT NULL DEFAULT 0,
    created_at   INTEGER NOT NULL,
    next_fire_at INTEGER NOT NULL, -- 0 = never again
    last_fire_at INTEGER NOT NULL, -- 0 = not yet
    last_job_id  INTEGER NOT NULL, -- 0 = none yet
    fires        INTEGER NOT NULL
);
CREATE UNIQUE INDEX schedules_live_name ON schedules (name) WHERE removed = 0;
