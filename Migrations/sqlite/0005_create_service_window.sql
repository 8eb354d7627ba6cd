-- The newest counted report (with a reporter) of each service: the duplicate rule compares a new report with
-- that reporter's counted reports in the cooldown window before it, which the writer reads back from
-- `report` by id range (ids are ordered by time).
CREATE TABLE service_window (
    service_id INTEGER PRIMARY KEY REFERENCES service(id),
    newest_counted_at INTEGER NOT NULL
);
