-- Native notifiers: hooks may now also be `slack`, `teams`, `discord`, `googlechat`, `pagerduty` or `email`.
--
-- `target` is what the kind delivers to: the webhook or chat webhook URL, the shell command, the PagerDuty
-- routing key, or the email recipients (comma-separated addresses). Like webhook secrets, these are stored
-- in clear: a chat webhook URL or a routing key lets whoever holds it post in the operator's name, so
-- protect the database file as you would them. `endpoint` is the PagerDuty Events API URL (NULL: the public
-- https://events.pagerduty.com/v2/enqueue) or the sendmail program of an email hook; `mail_from` is the
-- From address of an email hook.
--
-- SQLite cannot change a CHECK in place, so the table is rebuilt under the same name with the same ids.
-- The foreign keys of notification_delivery and notification_attempt name the table, so they point at the
-- new one; deferring them lets the old one be dropped here: its rows' references count as broken until the
-- same ids are inserted again, and SQLite checks at COMMIT that none is left.
PRAGMA defer_foreign_keys = ON;

CREATE TEMP TABLE notification_hook_copy AS SELECT * FROM notification_hook;

DROP TABLE notification_hook;

CREATE TABLE notification_hook (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('webhook', 'exec', 'slack', 'teams', 'discord', 'googlechat', 'pagerduty', 'email')),
    target TEXT NOT NULL,
    service TEXT,
    group_name TEXT,
    min_level TEXT NOT NULL,
    secret TEXT,
    endpoint TEXT,
    mail_from TEXT,
    created_at INTEGER NOT NULL,
    removed_at INTEGER
);

INSERT INTO notification_hook (id, kind, target, service, group_name, min_level, secret, created_at, removed_at)
SELECT id, kind, target, service, group_name, min_level, secret, created_at, removed_at FROM temp.notification_hook_copy;

DROP TABLE temp.notification_hook_copy;
