-- Dashboards filter by metric and a date range. Extend the metric index with
-- the day so those range scans stay inside the index. Rebuilding an index on
-- a large table locks it: maintenance window.
DROP INDEX analytics_daily_metrics_tenant_metric;
CREATE INDEX analytics_daily_metrics_tenant_metric_day ON analytics_daily_metrics (tenant_id, metric, day);
