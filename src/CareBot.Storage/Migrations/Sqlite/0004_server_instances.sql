-- Running server processes, so that the claim a killed process left on an activity is recognised at once: each process
-- start registers a random instance id with its machine and OS process, and renews heartbeat_at while it runs.
CREATE TABLE server_instances (
    instance_id        TEXT    NOT NULL PRIMARY KEY,
    host_name          TEXT    NOT NULL,
    process_id         INTEGER NOT NULL,
    process_started_at INTEGER NOT NULL, -- unix milliseconds
    started_at         INTEGER NOT NULL, -- unix milliseconds
    heartbeat_at       INTEGER NOT NULL  -- unix milliseconds
);

-- The instance whose turn holds an activity's claim (NULL: claimed before this migration, by a process now gone).
ALTER TABLE activity_outcomes ADD COLUMN owner_instance TEXT NULL;

-- The instance whose worker holds an outbox message's lease: when it is gone, the message is taken over at once.
ALTER TABLE outbox ADD COLUMN lease_owner TEXT NULL;
