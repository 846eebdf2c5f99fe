-- The admin studio (issue 14): drafts per admin and dialog, the versions published from the studio (with the whole
-- source, for history, diffs and roll-backs), and the audit log of publishes, roll-backs and settings changes.
CREATE TABLE studio_drafts (
    script_id    text        NOT NULL,
    author       text        NOT NULL,
    base_version text        NOT NULL, -- the live version the draft started from
    source       text        NOT NULL,
    updated_at   timestamptz NOT NULL,
    PRIMARY KEY (script_id, author)
);

CREATE TABLE studio_publications (
    number       bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    script_id    text        NOT NULL,
    version      text        NOT NULL, -- content hash
    file         text        NOT NULL,
    source       text        NOT NULL,
    author       text        NOT NULL,
    published_at timestamptz NOT NULL,
    note         text        NOT NULL,
    kind         text        NOT NULL CHECK (kind IN ('publish', 'rollback'))
);
CREATE INDEX studio_publications_script ON studio_publications (script_id, number);

CREATE TABLE studio_audit (
    number  bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at      timestamptz NOT NULL,
    actor   text        NOT NULL,
    action  text        NOT NULL,
    subject text        NOT NULL,
    detail  text        NOT NULL
);
