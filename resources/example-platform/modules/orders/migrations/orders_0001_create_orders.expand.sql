-- Orders and their lines. customer_id and item_id are ids owned by the
-- customers and inventory modules; they are read through those modules' APIs.
CREATE TABLE orders (
    id           TEXT PRIMARY KEY,
    tenant_id    TEXT NOT NULL,
    number       TEXT NOT NULL,
    customer_id  TEXT,
    status       TEXT NOT NULL DEFAULT 'placed' CHECK (status IN ('placed', 'paid', 'fulfilled', 'cancelled')),
    currency     TEXT NOT NULL,
    total_minor  INTEGER NOT NULL DEFAULT 0,
    placed_at    TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
    UNIQUE (tenant_id, number)
);

CREATE TABLE orders_lines (
    id                TEXT PRIMARY KEY,
    tenant_id         TEXT NOT NULL,
    order_id          TEXT NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    item_id           TEXT NOT NULL,
    quantity          INTEGER NOT NULL CHECK (quantity > 0),
    unit_price_minor  INTEGER NOT NULL
);

CREATE INDEX orders_tenant_status ON orders (tenant_id, status);
CREATE INDEX orders_lines_tenant_order ON orders_lines (tenant_id, order_id);
