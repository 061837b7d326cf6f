-- taskshard store, schema version 4: what an operator did to a task, kept across restarts
-- (docs/scheduling.md, "Operator retry").
-- failures_counted: failed attempts counted against the task's attempts limit, i.e. those since
--   the last operator retry; -1 for rows written before this version (recovery then counts every
--   failed attempt, as it did).
-- cancelled_by_operator: 1 when the task ended cancelled by an operator's cancel (of it, of a task
--   it needs, or of its job) rather than because a task it needs failed.

ALTER TABLE tasks ADD COLUMN failures_counted INTEGER NOT NULL DEFAULT -1;
ALTER TABLE tasks ADD COLUMN cancelled_by_operator INTEGER NOT NULL DEFAULT 0;
