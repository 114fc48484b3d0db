-- Payments taken through a gateway, and refunds against them.
-- Amounts are integers in the currency's minor unit (cents).
CREATE TABLE payments_transactions (
    id             TEXT PRIMARY KEY,
    tenant_id      TEXT NOT NULL,
    gateway        TEXT NOT NULL,
    gateway_ref    TEXT,
    source_type    TEXT NOT NULL CHECK (source_type IN ('order', 'invoice')),
    source_id      TEXT NOT NULL,
    amount_minor   INTEGER NOT NULL CHECK (amount_minor > 0),
    currency       TEXT NOT NULL,
    status         TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'succeeded', 'failed')),
    created_at     TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE payments_refunds (
    id              TEXT PRIMARY KEY,
    tenant_id       TEXT NOT NULL,
    transaction_id  TEXT NOT NULL REFERENCES payments_transactions (id),
    amount_minor    INTEGER NOT NULL CHECK (amount_minor > 0),
    reason          TEXT,
    created_at      TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE INDEX payments_transactions_tenant_source ON payments_transactions (tenant_id, source_type, source_id);
CREATE INDEX payments_refunds_tenant_transaction ON payments_refunds (tenant_id, transaction_id);
