-- The agent console's accounts (issue 12). Passwords are stored only as ASP.NET Core Identity hashes.
CREATE TABLE agent_accounts (
    user_name        TEXT    NOT NULL PRIMARY KEY, -- lower case, the name cases record as assignee
    display_name     TEXT    NOT NULL,
    role             TEXT    NOT NULL CHECK (role IN ('agent', 'supervisor', 'admin')),
    queues           TEXT    NOT NULL,             -- JSON array of queue names
    disabled         INTEGER NOT NULL DEFAULT 0,
    password_hash    TEXT    NOT NULL,
    failed_attempts  INTEGER NOT NULL DEFAULT 0,
    locked_out_until INTEGER NULL,                 -- unix milliseconds
    created_at       INTEGER NOT NULL              -- unix milliseconds
);
