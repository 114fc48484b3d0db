-- Anonymous storefront checkout sessions; expired by the expire-checkout-sessions task.
CREATE TABLE orders_checkout_sessions (
    id          TEXT PRIMARY KEY,
    tenant_id   TEXT NOT NULL,
    cart        TEXT NOT NULL DEFAULT '[]',
    order_id    TEXT REFERENCES orders (id),
    expires_at  TEXT NOT NULL,
    created_at  TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE INDEX orders_checkout_sessions_tenant_expiry ON orders_checkout_sessions (tenant_id, expires_at);
