-- taskshard store, schema version 3: API tokens (docs/security.md).
-- Only the SHA-256 of a secret is kept; the secret is shown once, at creation.
-- A revoked token keeps its row (revoked = 1): the name is free again for a new token.

CREATE TABLE tokens (
    id         INTEGER PRIMARY KEY,
    name       TEXT    NOT NULL,
    role       TEXT    NOT NULL, -- peer, viewer, operator, admin
    hash       TEXT    NOT NULL UNIQUE,
    created_at INTEGER NOT NULL,
    revoked    INTEGER NOT NULL DEFAULT 0,
    revoked_at INTEGER NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX tokens_live_name ON tokens (name) WHERE revoked = 0;
