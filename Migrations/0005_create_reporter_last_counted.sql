-- The last counted report of each (service, reporter hash), for the duplicate rule.
CREATE TABLE reporter_last_counted (
    service_id INTEGER NOT NULL REFERENCES service(id),
    reporter BLOB NOT NULL,
    at INTEGER NOT NULL,
    PRIMARY KEY (service_id, reporter)
) WITHOUT ROWID;
