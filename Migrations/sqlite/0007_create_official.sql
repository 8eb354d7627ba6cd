-- Official status sources (issue 6): what a provider's own status page says, kept apart from the crowd's
-- incidents. Times are epoch seconds (UTC).
--
-- One source per monitored service. `location` is an http(s) URL (a Statuspage root or a .json document) or
-- a file path; `component` limits matching to one component of the page (NULL = the whole page). The other
-- columns record how the last reads went: the backoff after failures reads `consecutive_failures`, and the
-- poller reads the source again from `next_attempt_at` (NULL = never tried, due at once).
CREATE TABLE official_source (
    service TEXT PRIMARY KEY NOT NULL REFERENCES service(slug) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('statuspage')),
    location TEXT NOT NULL,
    component TEXT,
    added_at INTEGER NOT NULL,
    last_attempt_at INTEGER,
    last_success_at INTEGER,
    last_error TEXT,
    consecutive_failures INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER
) WITHOUT ROWID;

-- Official incidents, upserted by (service, id) on every successful read. An incident that a later read no
-- longer lists is kept: status pages drop old incidents from their feeds, and what they once said stays
-- on record. `components` is a JSON array of {"id", "name"}; `body` is the whole incident as JSON (updates
-- included); the other columns are there to select on.
CREATE TABLE official_incident (
    service TEXT NOT NULL REFERENCES official_source(service) ON DELETE CASCADE,
    id TEXT NOT NULL,
    name TEXT NOT NULL,
    status TEXT NOT NULL,
    impact TEXT,
    created_at INTEGER NOT NULL,
    started_at INTEGER,
    resolved_at INTEGER,
    updated_at INTEGER,
    -- The end of the incident's span: resolved_at, or the last update of an incident marked finished
    -- without one; NULL while open.
    ended_at INTEGER,
    url TEXT,
    components TEXT NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (service, id)
) WITHOUT ROWID;

CREATE INDEX official_incident_created_at ON official_incident(service, created_at);

-- The components' statuses over time: a row is appended only when a read finds a component in another
-- status than its latest row (or for the first time). `updated_at` is the page's time, `observed_at` ours.
CREATE TABLE official_component_state (
    id INTEGER PRIMARY KEY,
    service TEXT NOT NULL REFERENCES official_source(service) ON DELETE CASCADE,
    component_id TEXT NOT NULL,
    name TEXT NOT NULL,
    status TEXT NOT NULL,
    updated_at INTEGER,
    observed_at INTEGER NOT NULL
);

CREATE INDEX official_component_state_component ON official_component_state(service, component_id, id);
