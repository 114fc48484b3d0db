-- dialect: sqlite
-- SQLite only: INTEGER PRIMARY KEY AUTOINCREMENT (PostgreSQL: GENERATED ALWAYS AS IDENTITY).
-- History of health-check results, pruned by prune-health-history.
CREATE TABLE monitoring_health_history (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    module      TEXT NOT NULL,
    check_name  TEXT NOT NULL,
    status      TEXT NOT NULL CHECK (status IN ('healthy', 'degraded', 'unhealthy')),
    detail      TEXT,
    duration_ms INTEGER,
    checked_at  TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE INDEX monitoring_health_history_module_time ON monitoring_health_history (module, checked_at);
