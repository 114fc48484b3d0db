-- depends: tenancy_0001_create_tenants
-- Customer profiles and addresses. tenant_id points at the tenant registry.
CREATE TABLE customers (
    id          TEXT PRIMARY KEY,
    tenant_id   TEXT NOT NULL REFERENCES tenancy_tenants (id),
    email       TEXT NOT NULL,
    first_name  TEXT,
    last_name   TEXT,
    phone       TEXT,
    created_at  TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE customers_addresses (
    id           TEXT PRIMARY KEY,
    tenant_id    TEXT NOT NULL REFERENCES tenancy_tenants (id),
    customer_id  TEXT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    kind         TEXT NOT NULL DEFAULT 'shipping' CHECK (kind IN ('shipping', 'billing')),
    line1        TEXT NOT NULL,
    line2        TEXT,
    postal_code  TEXT NOT NULL,
    city         TEXT NOT NULL,
    country      TEXT NOT NULL
);

CREATE INDEX customers_tenant_email ON customers (tenant_id, email);
CREATE INDEX customers_addresses_tenant_customer ON customers_addresses (tenant_id, customer_id);
