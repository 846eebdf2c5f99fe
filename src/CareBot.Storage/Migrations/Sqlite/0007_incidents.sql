-- Incidents (issue 15): a spike of similar public complaints grouped under one, as a JSON document (the Incident with
-- its attached conversations and updates) plus the status the console lists by. version guards read-modify-write.
CREATE TABLE incidents (
    id         TEXT    NOT NULL PRIMARY KEY,
    status     TEXT    NOT NULL, -- Open | Resolved
    version    INTEGER NOT NULL,
    json       TEXT    NOT NULL,
    created_at INTEGER NOT NULL, -- unix milliseconds
    updated_at INTEGER NOT NULL
);
CREATE INDEX ix_incidents_status ON incidents (status, created_at);
