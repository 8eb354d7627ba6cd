-- Raw reports, kept for audit and replay. Times are epoch seconds (UTC).
-- `id` is at * 2^20 + a sequence number: ids are ordered by time, so a time range is an id range and the
-- table needs no index on `at` (an index would cost a second B-tree insert per report).
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
