-- Export jobs requested by auditors (audit.log.export).
CREATE TABLE audit_exports (
    id            TEXT PRIMARY KEY,
    tenant_id     TEXT NOT NULL,
    requested_by  TEXT NOT NULL,
    range_start   TEXT NOT NULL,
    range_end     TEXT NOT NULL,
    status        TEXT NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'done', 'failed')),
    row_count     INTEGER,
    created_at    TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE INDEX audit_exports_tenant_status ON audit_exports (tenant_id, status);
