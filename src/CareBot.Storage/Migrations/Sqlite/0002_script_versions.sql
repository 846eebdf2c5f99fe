-- Every dialog script version that went live, so that a conversation pinned to an older version can continue after a
-- restart. Append-only: the version is the content hash, so a row never changes; saving it again does nothing.
CREATE TABLE script_versions (
    script_id   TEXT    NOT NULL,
    version     TEXT    NOT NULL, -- content hash of the source
    file        TEXT    NOT NULL, -- the file name it had, for messages
    source      TEXT    NOT NULL, -- the YAML source, byte for byte
    archived_at INTEGER NOT NULL, -- unix milliseconds of the first save
    PRIMARY KEY (script_id, version)
);
