-- dialect: postgres
-- PostgreSQL only: build the index without blocking writes to the metrics table. CONCURRENTLY
-- cannot run inside a transaction, so the runner applies this migration alone, outside one, in
-- the maintenance window (`mwb migrate apply --db staging --yes`), and writes its ledger row after
-- the index is built. On SQLite this file is not part of the plan.
CREATE INDEX CONCURRENTLY IF NOT EXISTS analytics_daily_metrics_metric_day ON analytics_daily_metrics (metric, day);
