-- dialect: sqlite
-- SQLite only: the outbox's INTEGER PRIMARY KEY AUTOINCREMENT has no PostgreSQL spelling
-- (there: id bigint GENERATED ALWAYS AS IDENTITY).
-- Message templates per tenant and locale, and the delivery outbox.
CREATE TABLE messaging_templates (
    id          TEXT PRIMARY KEY,
    tenant_id   TEXT NOT NULL,
    code        TEXT NOT NULL,
    locale      TEXT NOT NULL DEFAULT 'en',
    subject     TEXT NOT NULL,
    body        TEXT NOT NULL,
    updated_at  TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
    UNIQUE (tenant_id, code, locale)
);

CREATE TABLE messaging_outbox (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    tenant_id      TEXT NOT NULL,
    channel        TEXT NOT NULL CHECK (channel IN ('email', 'in_app', 'sms')),
    recipient      TEXT NOT NULL,
    template_code  TEXT NOT NULL,
    payload        TEXT NOT NULL DEFAULT '{}',
    status         TEXT NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sent', 'failed')),
    attempts       INTEGER NOT NULL DEFAULT 0,
    created_at     TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
    sent_at        TEXT
);

CREATE INDEX messaging_outbox_tenant_status ON messaging_outbox (tenant_id, status, created_at);
