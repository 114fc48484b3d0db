-- Connected channels and the listing of each item on each channel.
CREATE TABLE marketplace_channels (
    id            TEXT PRIMARY KEY,
    tenant_id     TEXT NOT NULL,
    channel       TEXT NOT NULL CHECK (channel IN ('letzshop')),
    credentials   TEXT NOT NULL,
    connected_at  TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
    UNIQUE (tenant_id, channel)
);

CREATE TABLE marketplace_listings (
    id           TEXT PRIMARY KEY,
    tenant_id    TEXT NOT NULL,
    channel_id   TEXT NOT NULL REFERENCES marketplace_channels (id),
    item_sku     TEXT NOT NULL,
    external_id  TEXT,
    status       TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'live', 'error', 'withdrawn')),
    last_error   TEXT,
    synced_at    TEXT
);

CREATE INDEX marketplace_listings_tenant_channel_sku ON marketplace_listings (tenant_id, channel_id, item_sku);
