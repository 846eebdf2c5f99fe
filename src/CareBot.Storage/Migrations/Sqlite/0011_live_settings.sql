-- Settings an admin changes without a restart (issue 14): one JSON document per configuration section (e.g. Cases),
-- which wins over appsettings.json; the version counts the saves (optimistic concurrency between admins).
CREATE TABLE live_settings (
    section    TEXT    NOT NULL PRIMARY KEY,
    json       TEXT    NOT NULL,
    version    INTEGER NOT NULL,
    updated_by TEXT    NOT NULL,
    updated_at INTEGER NOT NULL -- unix milliseconds
);
