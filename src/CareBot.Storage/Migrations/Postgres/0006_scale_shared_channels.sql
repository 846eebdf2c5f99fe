-- What several server processes on one PostgreSQL share besides state, cases and the outbox.

-- The live feed of case changes: the id is the feed's event id (SSE `id:`, `Last-Event-ID`), the same on every
-- instance. Rows are written in id order (under an advisory lock) and only the newest few thousand are kept.
CREATE TABLE case_events (
    id      bigserial   NOT NULL PRIMARY KEY,
    name    text        NOT NULL,
    case_id text        NOT NULL,
    at      timestamptz NOT NULL,
    detail  text        NULL
);
