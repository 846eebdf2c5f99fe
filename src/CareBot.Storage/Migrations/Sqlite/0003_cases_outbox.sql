-- Case numbers: AUTOINCREMENT never hands a number out twice, even after the row is deleted. Numbers start at 1001.
CREATE TABLE case_numbers (number INTEGER PRIMARY KEY AUTOINCREMENT);
INSERT INTO sqlite_sequence (name, seq) VALUES ('case_numbers', 1000);

-- Cases: the Case as a JSON document plus the columns the queue lists and filters by. creation_key is unique per
-- hand-off, so committing the same hand-off twice stores one case.
CREATE TABLE cases (
    number       INTEGER NOT NULL PRIMARY KEY,
    creation_key TEXT    NOT NULL UNIQUE,
    status       TEXT    NOT NULL,
    queue        TEXT    NOT NULL,
    priority     INTEGER NOT NULL, -- 0 low .. 3 urgent
    sla_due      INTEGER NOT NULL, -- unix ms: first response due until an agent responded, then resolution due
    assignee     TEXT    NULL,
    version      INTEGER NOT NULL,
    json         TEXT    NOT NULL,
    created_at   INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL
);
CREATE INDEX ix_cases_status_queue ON cases (status, queue, priority DESC, sla_due);

-- Outbox: messages a committed turn wants delivered, claimed by workers with a lease.
CREATE TABLE outbox (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    kind            TEXT    NOT NULL, -- email | activity
    idempotency_key TEXT    NOT NULL UNIQUE,
    payload_json    TEXT    NOT NULL,
    status          TEXT    NOT NULL, -- pending | sending | sent | dead
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL, -- unix ms
    lease_until     INTEGER NULL,     -- unix ms, while sending
    last_error      TEXT    NULL,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL
);
CREATE INDEX ix_outbox_due ON outbox (status, next_attempt_at);
