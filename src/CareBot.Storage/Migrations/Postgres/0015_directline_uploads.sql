-- Files customers send in the Direct Line chat: kept beyond the conversation (forgotten after an hour idle) because a
-- case links to them; forgotten after DirectLine:UploadRetention. size is the byte count, so sums never read the blobs.
CREATE TABLE directline_uploads (
    id              TEXT        NOT NULL PRIMARY KEY, -- 32 lowercase hex characters, random: the capability in the file's link
    conversation_id TEXT        NOT NULL,             -- no foreign key: the file outlives its conversation
    name            TEXT        NOT NULL,
    content_type    TEXT        NOT NULL,
    size            BIGINT      NOT NULL,             -- bytes in content
    content         BYTEA       NOT NULL,
    uploaded_at     TIMESTAMPTZ NOT NULL
);
CREATE INDEX ix_directline_uploads_conversation_id ON directline_uploads (conversation_id);
CREATE INDEX ix_directline_uploads_uploaded_at ON directline_uploads (uploaded_at);
