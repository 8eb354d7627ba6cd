-- Per-database settings: the reporter-hash secret, the duplicate cooldown, ...
CREATE TABLE setting (
    name TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
) WITHOUT ROWID;
