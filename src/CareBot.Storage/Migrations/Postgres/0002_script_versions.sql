-- Every dialog script version that went live, so that a conversation pinned to an older version can continue after a
-- restart. Append-only: the version is the content hash, so a row never changes; saving it again does nothing.
CREATE TABLE script_versions (
    script_id   text        NOT NULL,
    version     text        NOT NULL, -- content hash of the source
    file        text        NOT NULL, -- the file name it had, for messages
    source      text        NOT NULL, -- the YAML source, kept as text so that it round-trips byte for byte
    archived_at timestamptz NOT NULL, -- the first save
    PRIMARY KEY (script_id, version)
);
