-- Invoices and their lines. `is_paid` and `voided_at` carry the state for now;
-- billing_0003..0005 replace them with a single status column.
CREATE TABLE billing_invoices (
    id               TEXT PRIMARY KEY,
    tenant_id        TEXT NOT NULL,
    subscription_id  TEXT REFERENCES billing_subscriptions (id),
    customer_id      TEXT NOT NULL,
    number           TEXT NOT NULL,
    currency         TEXT NOT NULL,
    total_minor      INTEGER NOT NULL DEFAULT 0,
    due_at           TEXT NOT NULL,
    is_paid          INTEGER NOT NULL DEFAULT 0,
    voided_at        TEXT,
    created_at       TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
    UNIQUE (tenant_id, number)
);

CREATE TABLE billing_invoice_lines (
    id            TEXT PRIMARY KEY,
    tenant_id     TEXT NOT NULL,
    invoice_id    TEXT NOT NULL REFERENCES billing_invoices (id) ON DELETE CASCADE,
    description   TEXT NOT NULL,
    quantity      INTEGER NOT NULL DEFAULT 1,
    amount_minor  INTEGER NOT NULL
);

CREATE INDEX billing_invoices_tenant_paid ON billing_invoices (tenant_id, is_paid);
CREATE INDEX billing_invoice_lines_tenant_invoice ON billing_invoice_lines (tenant_id, invoice_id);
