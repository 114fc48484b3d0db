-- Subscriptions of customers to plans.
CREATE TABLE billing_subscriptions (
    id                  TEXT PRIMARY KEY,
    tenant_id           TEXT NOT NULL,
    customer_id         TEXT NOT NULL,
    plan_code           TEXT NOT NULL,
    status              TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('trialing', 'active', 'paused', 'cancelled')),
    current_period_end  TEXT NOT NULL,
    created_at          TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE INDEX billing_subscriptions_tenant_customer ON billing_subscriptions (tenant_id, customer_id);
