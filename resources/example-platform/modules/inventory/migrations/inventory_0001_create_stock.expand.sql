-- Items, warehouses and the stock level of each item in each warehouse.
CREATE TABLE inventory_items (
    id          TEXT PRIMARY KEY,
    tenant_id   TEXT NOT NULL,
    sku         TEXT NOT NULL,
    name        TEXT NOT NULL,
    created_at  TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
    UNIQUE (tenant_id, sku)
);

CREATE TABLE inventory_warehouses (
    id         TEXT PRIMARY KEY,
    tenant_id  TEXT NOT NULL,
    name       TEXT NOT NULL,
    country    TEXT NOT NULL
);

CREATE TABLE inventory_stock_levels (
    tenant_id     TEXT NOT NULL,
    item_id       TEXT NOT NULL REFERENCES inventory_items (id),
    warehouse_id  TEXT NOT NULL REFERENCES inventory_warehouses (id),
    on_hand       INTEGER NOT NULL DEFAULT 0,
    reserved      INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (tenant_id, item_id, warehouse_id)
);
