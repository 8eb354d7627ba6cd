-- Notifications of incident state changes (opened, level raised, resolved, officially acknowledged).
--
-- A hook is where events go: a webhook URL or a shell command, with optional filters. `secret` keys the
-- HMAC-SHA256 signature of webhook bodies; it is stored in clear, so whoever can read this database can sign
-- as Outcry. `removed_at` is set instead of deleting, so the delivery log keeps naming the hook.
CREATE TABLE notification_hook (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('webhook', 'exec')),
    target TEXT NOT NULL,
    service TEXT,
    group_name TEXT,
    min_level TEXT NOT NULL,
    secret TEXT,
    created_at INTEGER NOT NULL,
    removed_at INTEGER
);

-- The outbox: one row per state change, written in the same transaction as the incidents. `key` (e.g.
-- `opened:<incident id>`) is unique, so persisting the same change again (a restart, a replay) adds nothing.
-- `payload` is the exact JSON sent, built once, so every retry sends the same bytes.
CREATE TABLE notification_event (
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL,
    incident_id TEXT NOT NULL,
    service TEXT NOT NULL,
    level TEXT NOT NULL,
    occurred_at INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    payload TEXT NOT NULL
);

-- One row per event and matching hook, created only when the event is new. `next_attempt_at` is when a
-- pending delivery is due (a sender that takes it pushes it forward while it works); NULL once settled.
CREATE TABLE notification_delivery (
    event_id INTEGER NOT NULL REFERENCES notification_event(id),
    hook_id INTEGER NOT NULL REFERENCES notification_hook(id),
    state TEXT NOT NULL CHECK (state IN ('pending', 'delivered', 'failed')),
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER,
    last_attempt_at INTEGER,
    last_status INTEGER,
    last_error TEXT,
    delivered_at INTEGER,
    PRIMARY KEY (event_id, hook_id)
) WITHOUT ROWID;

CREATE INDEX notification_delivery_due ON notification_delivery(next_attempt_at) WHERE state = 'pending';
-- Each hook gets its events in order: a pending delivery holds back the hook's later ones.
CREATE INDEX notification_delivery_hook ON notification_delivery(hook_id, event_id) WHERE state = 'pending';

-- The delivery log: one row per attempt (`outcry notify log`).
CREATE TABLE notification_attempt (
    id INTEGER PRIMARY KEY,
    event_id INTEGER NOT NULL REFERENCES notification_event(id),
    hook_id INTEGER NOT NULL REFERENCES notification_hook(id),
    attempt INTEGER NOT NULL,
    at INTEGER NOT NULL,
    outcome TEXT NOT NULL CHECK (outcome IN ('delivered', 'retry', 'failed')),
    http_status INTEGER,
    error TEXT,
    duration_ms INTEGER NOT NULL
);

CREATE INDEX notification_attempt_hook ON notification_attempt(hook_id, id);
