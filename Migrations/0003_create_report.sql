-- Raw reports, kept for audit and replay. Times are epoch seconds (UTC).
-- `reporter` is a truncated HMAC-SHA256 of the reporter id under the per-database secret; NULL = anonymous.
-- `counted` is 1 for a counted report, 0 for a duplicate (same reporter and service within the cooldown).
CREATE TABLE report (
    id INTEGER PRIMARY KEY,
    service_id INTEGER NOT NULL REFERENCES service(id),
    region TEXT NOT NULL,
    problem TEXT NOT NULL,
    at INTEGER NOT NULL,
    reporter BLOB,
    counted INTEGER NOT NULL CHECK (counted IN (0, 1)),
    comment TEXT,
    source TEXT NOT NULL,
    received_at INTEGER NOT NULL
);

-- Time-ordered, so bulk inserts append; serves time-range reads (distinct reporters, audit).
CREATE INDEX report_at ON report(at);
