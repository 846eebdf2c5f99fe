-- Incident detector window (issue 15), shared by every instance on the database: the recent public complaints (key
-- words, time, the complaint with its negative flag and customer as JSON) and the topics cooling down after an incident.
-- Rows older than the detector's horizon are deleted as complaints arrive; claiming a spike deletes its group.
CREATE TABLE incident_observations (
    id    bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at    timestamptz NOT NULL,
    words text[]      NOT NULL,
    json  text        NOT NULL -- ObservedComplaint: words, negative, member (channel, conversation, user, reference, at), text
);
CREATE INDEX ix_incident_observations_at ON incident_observations (at);
CREATE INDEX ix_incident_observations_words ON incident_observations USING gin (words);

CREATE TABLE incident_cool_downs (
    id    bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    words text[]      NOT NULL,
    until timestamptz NOT NULL
);
CREATE INDEX ix_incident_cool_downs_until ON incident_cool_downs (until);
