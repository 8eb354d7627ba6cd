-- Per-minute counts per (service, region, problem), kept consistent with `report` in the same transaction.
-- The key starts with the minute so bulk ingestion appends to the end of the B-tree.
CREATE TABLE minute_count (
    minute INTEGER NOT NULL,
    service_id INTEGER NOT NULL REFERENCES service(id),
    region TEXT NOT NULL,
    problem TEXT NOT NULL,
    counted INTEGER NOT NULL DEFAULT 0,
    duplicates INTEGER NOT NULL DEFAULT 0,
    anonymous INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (minute, service_id, region, problem)
) WITHOUT ROWID;
