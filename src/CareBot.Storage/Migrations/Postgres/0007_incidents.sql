-- Incidents (issue 15): a spike of similar public complaints grouped under one, as a JSON document (the Incident with
-- its attached conversations and updates) plus the status the console lists by. version guards read-modify-write.
CREATE TABLE incidents (
    id         text        NOT NULL PRIMARY KEY,
    status     text        NOT NULL, -- Open | Resolved
    version    bigint      NOT NULL,
    json       text        NOT NULL,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL
);
CREATE INDEX ix_incidents_status ON incidents (status, created_at);
