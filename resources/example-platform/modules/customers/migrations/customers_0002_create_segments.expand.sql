-- Marketing segments and their members.
CREATE TABLE customers_segments (
    id          TEXT PRIMARY KEY,
    tenant_id   TEXT NOT NULL,
    name        TEXT NOT NULL,
    rule        TEXT NOT NULL DEFAULT '{}',
    created_at  TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
    UNIQUE (tenant_id, name)
);

CREATE TABLE customers_segment_members (
    tenant_id    TEXT NOT NULL,
    segment_id   TEXT NOT NULL REFERENCES customers_segments (id) ON DELETE CASCADE,
    customer_id  TEXT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    PRIMARY KEY (tenant_id, segment_id, customer_id)
);
