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

-- The dialog versions live on every instance: the newest row is the live set. An instance that loads a set (its
-- folder at start-up, a change the folder watcher saw, an admin's publish) adds a row and notifies the others, which
-- restore those versions from script_versions and make them live.
CREATE TABLE script_publications (
    id           bigserial   NOT NULL PRIMARY KEY,
    versions     jsonb       NOT NULL, -- {"<dialog id>": "<version>", ...}
    instance_id  text        NOT NULL, -- the server process that published it
    published_at timestamptz NOT NULL
);
