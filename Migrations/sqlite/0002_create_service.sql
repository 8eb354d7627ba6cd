-- Monitored services. `problems` is a comma-separated list of accepted problem kinds, NULL for all.
CREATE TABLE service (
    id INTEGER PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    group_name TEXT,
    problems TEXT,
    created_at INTEGER NOT NULL
);
