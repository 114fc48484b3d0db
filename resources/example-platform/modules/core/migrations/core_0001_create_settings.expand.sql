-- Platform settings and the enabled/disabled state of each module.
CREATE TABLE core_settings (
    key         TEXT PRIMARY KEY,
    value       TEXT NOT NULL,
    updated_at  TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE core_module_state (
    module      TEXT PRIMARY KEY,
    enabled     INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
    changed_at  TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP
);
