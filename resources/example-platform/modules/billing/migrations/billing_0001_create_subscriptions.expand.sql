-- Subscriptions of customers to plans. customer_id is a foreign key into the
-- customers module's table: allowed, because billing depends on customers
-- (docs/rules/table-foreign-key-unrelated.md).
CREATE TABLE billing_subscriptions (
    id                  TEXT PRIMARY KEY,
    tenant_id           TEXT NOT NULL,
    customer_id         TEXT NOT NULL REFERENCES customers (id),
    plan_code           TEXT NOT NULL,
    status              TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('trialing', 'active', 'paused', 'cancelled')),
    current_period_end  TEXT NOT NULL,
    created_at          TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE INDEX billing_subscriptions_tenant_customer ON billing_subscriptions (tenant_id, customer_id);
