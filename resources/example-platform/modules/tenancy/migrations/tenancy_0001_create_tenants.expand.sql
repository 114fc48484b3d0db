-- The tenant registry. Tenant ids are what every scoped module stores in tenant_id.
CREATE TABLE tenancy_tenants (
    id                TEXT PRIMARY KEY,
    slug              TEXT NOT NULL UNIQUE,
    name              TEXT NOT NULL,
    status            TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended', 'deleted')),
    default_currency  TEXT NOT NULL DEFAULT 'EUR',
    created_at        TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE tenancy_domains (
    domain      TEXT PRIMARY KEY,
    tenant_id   TEXT NOT NULL REFERENCES tenancy_tenants (id),
    is_primary  INTEGER NOT NULL DEFAULT 0
);

CREATE INDEX tenancy_domains_tenant ON tenancy_domains (tenant_id);
