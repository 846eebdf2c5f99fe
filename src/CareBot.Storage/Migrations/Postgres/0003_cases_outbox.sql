-- Case numbers: a sequence, so that every instance draws unique numbers without coordination. Numbers start at 1001.
CREATE SEQUENCE case_numbers START WITH 1001;

-- Cases: the Case as a JSON document (text: it round-trips byte for byte) plus the columns the queue lists and filters
-- by. creation_key is unique per hand-off, so committing the same hand-off twice stores one case.
CREATE TABLE cases (
    number       bigint      NOT NULL PRIMARY KEY,
    creation_key text        NOT NULL UNIQUE,
    status       text        NOT NULL,
    queue        text        NOT NULL,
    priority     integer     NOT NULL, -- 0 low .. 3 urgent
    sla_due      timestamptz NOT NULL, -- first response due until an agent responded, then resolution due
    assignee     text        NULL,
    version      bigint      NOT NULL,
    json         text        NOT NULL,
    created_at   timestamptz NOT NULL,
    updated_at   timestamptz NOT NULL
);
CREATE INDEX ix_cases_status_queue ON cases (status, queue, priority DESC, sla_due);

-- Outbox: messages a committed turn wants delivered, claimed by workers with FOR UPDATE SKIP LOCKED and a lease.
CREATE TABLE outbox (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind            text        NOT NULL, -- email | activity
    idempotency_key text        NOT NULL UNIQUE,
    payload_json    text        NOT NULL,
    status          text        NOT NULL, -- pending | sending | sent | dead
    attempts        integer     NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL,
    lease_until     timestamptz NULL,
    last_error      text        NULL,
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL
);
CREATE INDEX ix_outbox_due ON outbox (status, next_attempt_at);
