-- dialect: sqlite
-- SQLite only: INTEGER PRIMARY KEY AUTOINCREMENT (PostgreSQL: GENERATED ALWAYS AS IDENTITY).
-- Append-only audit trail, one row per recorded action.
CREATE TABLE audit_logs (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    tenant_id    TEXT NOT NULL,
    actor_id     TEXT,
    action       TEXT NOT NULL,
    target_type  TEXT NOT NULL,
    target_id    TEXT,
    metadata     TEXT NOT NULL DEFAULT '{}',
    occurred_at  TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE INDEX audit_logs_tenant_time ON audit_logs (tenant_id, occurred_at);
CREATE INDEX audit_logs_tenant_target ON audit_logs (tenant_id, target_type, target_id);
