-- API tokens for POST /v1/reports (`outcry token add|list|revoke`). Only the SHA-256 of a token is kept: the
-- token itself is printed once by `token add`. A relay (`is_relay`) vouches for its own users' reporter ids;
-- any other token is a known client whose reports are treated like anonymous ones but with its own rate.
-- `rate` is reports per second (NULL = the default, 0 = unlimited). Revoking sets `revoked_at`; the row
-- stays, so a name can be reused while the old token id keeps naming past relay counts.
CREATE TABLE api_token (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    hash BLOB NOT NULL UNIQUE,
    is_relay INTEGER NOT NULL CHECK (is_relay IN (0, 1)),
    rate REAL,
    created_at INTEGER NOT NULL,
    revoked_at INTEGER
);

CREATE UNIQUE INDEX api_token_active_name ON api_token(name) WHERE revoked_at IS NULL;

-- Counted reports per minute and (service, region, problem) of each relay token, kept by the report writer
-- in the same transaction as `minute_count`. Only relay reports with a reporter id have rows here.
CREATE TABLE relay_minute_count (
    minute INTEGER NOT NULL,
    service_id INTEGER NOT NULL REFERENCES service(id),
    region TEXT NOT NULL,
    problem TEXT NOT NULL,
    token_id INTEGER NOT NULL,
    counted INTEGER NOT NULL,
    PRIMARY KEY (minute, service_id, region, problem, token_id)
) WITHOUT ROWID;

-- The counted reports of the single relay that sent the most of them in this row (0 without relays): the
-- detector judges a spike without its largest single source, so one token alone can never open an incident.
ALTER TABLE minute_count ADD COLUMN largest_relay INTEGER NOT NULL DEFAULT 0;
