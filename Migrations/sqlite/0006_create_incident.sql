-- Incidents and group events found by the detector. `body` is the incident's public JSON;
-- the other columns are there to select on.
CREATE TABLE incident (
    id TEXT PRIMARY KEY NOT NULL,
    service TEXT NOT NULL,
    region TEXT NOT NULL,
    status TEXT NOT NULL,
    level TEXT NOT NULL,
    detected_at INTEGER NOT NULL,
    started_at INTEGER NOT NULL,
    ended_at INTEGER,
    body TEXT NOT NULL
) WITHOUT ROWID;

CREATE INDEX incident_started_at ON incident(started_at);

CREATE TABLE group_event (
    id TEXT PRIMARY KEY NOT NULL,
    group_name TEXT NOT NULL,
    status TEXT NOT NULL,
    started_at INTEGER NOT NULL,
    ended_at INTEGER,
    body TEXT NOT NULL
) WITHOUT ROWID;

-- The detector's state between runs (one row), and the last tick it ran.
CREATE TABLE detector_state (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    last_tick INTEGER NOT NULL,
    body BLOB NOT NULL
);
