-- dialect: sqlite
-- SQLite only: it rebuilds the table of monitoring_0001 with SQLite's REINDEX <name>.
-- The history table churns (rows are pruned daily). Rebuild its index and
-- refresh planner statistics. VACUUM is left to the operator: it cannot run
-- inside the transaction each migration is applied in.
REINDEX monitoring_health_history_module_time;
ANALYZE monitoring_health_history;
