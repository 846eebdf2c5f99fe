-- The agent console's accounts (issue 12). Passwords are stored only as ASP.NET Core Identity hashes.
CREATE TABLE agent_accounts (
    user_name        text        NOT NULL PRIMARY KEY, -- lower case, the name cases record as assignee
    display_name     text        NOT NULL,
    role             text        NOT NULL CHECK (role IN ('agent', 'supervisor', 'admin')),
    queues           text[]      NOT NULL,
    disabled         boolean     NOT NULL DEFAULT false,
    password_hash    text        NOT NULL,
    failed_attempts  integer     NOT NULL DEFAULT 0,
    locked_out_until timestamptz NULL,
    created_at       timestamptz NOT NULL
);
