-- Quiet windows (issue 14): spans in which a surge of reports for a service is expected (a maintenance, a
-- launch, a sports final). Reports are still counted; the detector's baselines do not learn from the span and
-- an incident detected in it is marked expected instead of alerting. Times are epoch seconds (UTC), the span
-- is [starts_at, ends_at).
--
-- `source` is `operator` (outcry service quiet) or `official:<maintenance id>` (a scheduled maintenance of
-- the service's linked status page, upserted on every read of the page). Removing a window deletes its row:
-- the incidents it marked keep their `expected` flag and reason in their own bodies.
CREATE TABLE quiet_window (
    id INTEGER PRIMARY KEY,
    service TEXT NOT NULL REFERENCES service(slug) ON DELETE CASCADE,
    starts_at INTEGER NOT NULL,
    ends_at INTEGER NOT NULL CHECK (ends_at > starts_at),
    reason TEXT NOT NULL,
    source TEXT NOT NULL CHECK (source = 'operator' OR source LIKE 'official:_%'),
    created_at INTEGER NOT NULL
);

CREATE INDEX quiet_window_span ON quiet_window(starts_at, ends_at);

-- One row per scheduled maintenance of a page: a read updates it in place, never duplicates it.
CREATE UNIQUE INDEX quiet_window_official ON quiet_window(service, source) WHERE source <> 'operator';
