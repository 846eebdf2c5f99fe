-- Incident detector window (issue 15): the recent public complaints (key words, time, the complaint with its negative
-- flag and customer as JSON) and the topics cooling down after an incident. Rows older than the detector's horizon are
-- deleted as complaints arrive; claiming a spike deletes its group.
CREATE TABLE incident_observations (
    id    INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    at    INTEGER NOT NULL, -- unix milliseconds
    words TEXT    NOT NULL, -- JSON array of key words
    json  TEXT    NOT NULL  -- ObservedComplaint: words, negative, member (channel, conversation, user, reference, at), text
);
CREATE INDEX ix_incident_observations_at ON incident_observations (at);

CREATE TABLE incident_cool_downs (
    id    INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    words TEXT    NOT NULL, -- JSON array of key words
    until INTEGER NOT NULL  -- unix milliseconds
);
CREATE INDEX ix_incident_cool_downs_until ON incident_cool_downs (until);
