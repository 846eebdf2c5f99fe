-- Conversation and user state: one JSON document per key, guarded by an opaque ETag. The JSON is kept as text so that
-- it round-trips byte for byte.
CREATE TABLE state (
    state_key  text        NOT NULL PRIMARY KEY,
    json       text        NOT NULL,
    etag       text        NOT NULL,
    updated_at timestamptz NOT NULL
);

-- Writes a turn's state documents in one statement (one round trip) and all-or-nothing: the first stale ETag raises
-- SQLSTATE CB409 whose message ends with the write's 1-based position (not the key: Npgsql redacts DETAIL, and keys
-- may carry user ids), which aborts the statement's transaction. Each step is race-safe under
-- READ COMMITTED: a conditional UPDATE re-checks the ETag after waiting for a concurrent writer's row lock, and an
-- INSERT ... ON CONFLICT DO NOTHING affects no row when another writer created the key first.
CREATE FUNCTION carebot_write_state(p_keys text[], p_json text[], p_expected text[], p_etags text[], p_now timestamptz)
RETURNS void
LANGUAGE plpgsql
AS $$
DECLARE
    i integer;
    affected integer;
BEGIN
    FOR i IN 1 .. coalesce(array_length(p_keys, 1), 0) LOOP
        IF p_expected[i] IS NULL THEN
            INSERT INTO state (state_key, json, etag, updated_at)
            VALUES (p_keys[i], p_json[i], p_etags[i], p_now)
            ON CONFLICT (state_key) DO NOTHING;
        ELSIF p_expected[i] = '*' THEN
            INSERT INTO state (state_key, json, etag, updated_at)
            VALUES (p_keys[i], p_json[i], p_etags[i], p_now)
            ON CONFLICT (state_key) DO UPDATE
            SET json = excluded.json, etag = excluded.etag, updated_at = excluded.updated_at;
        ELSE
            UPDATE state
            SET json = p_json[i], etag = p_etags[i], updated_at = p_now
            WHERE state_key = p_keys[i] AND etag = p_expected[i];
        END IF;
        GET DIAGNOSTICS affected = ROW_COUNT;
        IF affected = 0 THEN
            RAISE EXCEPTION USING ERRCODE = 'CB409', MESSAGE = 'stale state ETag at write ' || i;
        END IF;
    END LOOP;
END
$$;

-- Processed inbound activities (dedupe): a claim while the turn runs, then the stored outcome.
CREATE TABLE activity_outcomes (
    channel_id      text        NOT NULL,
    conversation_id text        NOT NULL,
    activity_id     text        NOT NULL,
    claimed_at      timestamptz NOT NULL,
    completed       boolean     NOT NULL DEFAULT false,
    status_code     integer     NULL,
    body_json       text        NULL,
    expires_at      timestamptz NOT NULL, -- after this the row may be purged
    PRIMARY KEY (channel_id, conversation_id, activity_id)
);
CREATE INDEX ix_activity_outcomes_expires_at ON activity_outcomes (expires_at);

-- Transcripts: the identity gives the append order.
CREATE TABLE transcripts (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    channel_id      text        NOT NULL,
    conversation_id text        NOT NULL,
    timestamp       timestamptz NOT NULL,
    activity_json   text        NOT NULL
);
CREATE INDEX ix_transcripts_conversation ON transcripts (channel_id, conversation_id, id);
