-- The built-in Direct Line channel's state, shared by every instance: any instance serves any request of a conversation.
-- Deleting a conversation deletes its members, tokens, activities and public-conversation marks (cascade).
CREATE TABLE directline_conversations (
    id            text        NOT NULL PRIMARY KEY,
    is_public     boolean     NOT NULL,
    user_id       text        NULL,
    user_name     text        NULL,
    started       boolean     NOT NULL DEFAULT false,
    next_position integer     NOT NULL DEFAULT 0,   -- the next activity's position (= the newest watermark)
    last_active   timestamptz NOT NULL
);
CREATE INDEX directline_conversations_last_active ON directline_conversations (last_active);

CREATE TABLE directline_members (
    conversation_id text NOT NULL REFERENCES directline_conversations (id) ON DELETE CASCADE,
    member_id       text NOT NULL,
    PRIMARY KEY (conversation_id, member_id)
);

-- Tokens are kept as SHA-256 hashes: a copy of the table opens no conversation.
CREATE TABLE directline_tokens (
    token_hash      text        NOT NULL PRIMARY KEY,
    seq             bigserial   NOT NULL,
    conversation_id text        NOT NULL REFERENCES directline_conversations (id) ON DELETE CASCADE,
    user_id         text        NULL,
    expires_at      timestamptz NOT NULL
);
CREATE INDEX directline_tokens_conversation ON directline_tokens (conversation_id, seq);
CREATE INDEX directline_tokens_expires_at ON directline_tokens (expires_at);

-- The kept history: json is null for an activity the bot deleted (its position stays taken).
CREATE TABLE directline_activities (
    conversation_id    text    NOT NULL REFERENCES directline_conversations (id) ON DELETE CASCADE,
    position           integer NOT NULL,
    type               text    NOT NULL,
    json               text    NULL,
    bytes              integer NOT NULL,
    sender_activity_id text    NULL,   -- the id the bot sent it with: a redelivery records nothing
    PRIMARY KEY (conversation_id, position)
);
CREATE UNIQUE INDEX directline_activities_sender ON directline_activities (conversation_id, sender_activity_id)
    WHERE sender_activity_id IS NOT NULL;

-- For each user, the public conversation they last wrote in (where a private conversation the bot opens is announced).
CREATE TABLE directline_public_users (
    user_id         text NOT NULL PRIMARY KEY,
    conversation_id text NOT NULL REFERENCES directline_conversations (id) ON DELETE CASCADE
);
