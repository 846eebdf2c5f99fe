-- Conversation and user state: one JSON document per key, guarded by an opaque ETag.
CREATE TABLE state (
    state_key  TEXT    NOT NULL PRIMARY KEY,
    json       TEXT    NOT NULL,
    etag       TEXT    NOT NULL,
    updated_at INTEGER NOT NULL -- unix milliseconds
);

-- Processed inbound activities (dedupe): a claim while the turn runs, then the stored outcome.
CREATE TABLE activity_outcomes (
    channel_id      TEXT    NOT NULL,
    conversation_id TEXT    NOT NULL,
    activity_id     TEXT    NOT NULL,
    claimed_at      INTEGER NOT NULL, -- unix milliseconds
    completed       INTEGER NOT NULL DEFAULT 0,
    status_code     INTEGER NULL,
    body_json       TEXT    NULL,
    expires_at      INTEGER NOT NULL, -- unix milliseconds after which the row may be purged
    PRIMARY KEY (channel_id, conversation_id, activity_id)
);
CREATE INDEX ix_activity_outcomes_expires_at ON activity_outcomes (expires_at);

-- Transcripts: the id (AUTOINCREMENT: never reused) gives the append order.
CREATE TABLE transcripts (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    channel_id      TEXT NOT NULL,
    conversation_id TEXT NOT NULL,
    timestamp       TEXT NOT NULL, -- ISO 8601 round-trip format, offset kept
    activity_json   TEXT NOT NULL
);
CREATE INDEX ix_transcripts_conversation ON transcripts (channel_id, conversation_id, id);
