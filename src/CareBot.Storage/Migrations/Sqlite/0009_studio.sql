-- The admin studio (issue 14): drafts per admin and dialog, the versions published from the studio (with the whole
-- source, for history, diffs and roll-backs), and the audit log of publishes, roll-backs and settings changes.
CREATE TABLE studio_drafts (
    script_id    TEXT    NOT NULL,
    author       TEXT    NOT NULL,
    base_version TEXT    NOT NULL, -- the live version the draft started from
    source       TEXT    NOT NULL,
    updated_at   INTEGER NOT NULL, -- unix milliseconds
    PRIMARY KEY (script_id, author)
);

CREATE TABLE studio_publications (
    number       INTEGER PRIMARY KEY AUTOINCREMENT,
    script_id    TEXT    NOT NULL,
    version      TEXT    NOT NULL, -- content hash
    file         TEXT    NOT NULL,
    source       TEXT    NOT NULL,
    author       TEXT    NOT NULL,
    published_at INTEGER NOT NULL, -- unix milliseconds
    note         TEXT    NOT NULL,
    kind         TEXT    NOT NULL CHECK (kind IN ('publish', 'rollback'))
);
CREATE INDEX studio_publications_script ON studio_publications (script_id, number);

CREATE TABLE studio_audit (
    number  INTEGER PRIMARY KEY AUTOINCREMENT,
    at      INTEGER NOT NULL, -- unix milliseconds
    actor   TEXT    NOT NULL,
    action  TEXT    NOT NULL,
    subject TEXT    NOT NULL,
    detail  TEXT    NOT NULL
);
