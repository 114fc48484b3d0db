-- Media library. Files live in blob storage (storage.blob); rows hold the metadata.
CREATE TABLE cms_media (
    id           TEXT PRIMARY KEY,
    tenant_id    TEXT NOT NULL,
    storage_key  TEXT NOT NULL,
    file_name    TEXT NOT NULL,
    mime_type    TEXT NOT NULL,
    size_bytes   INTEGER NOT NULL CHECK (size_bytes >= 0),
    uploaded_by  TEXT,
    created_at   TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE INDEX cms_media_tenant_created ON cms_media (tenant_id, created_at);
