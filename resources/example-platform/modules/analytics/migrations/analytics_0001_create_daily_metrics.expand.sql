-- One row per tenant, day and metric, rolled up nightly by rollup-daily-metrics.
CREATE TABLE analytics_daily_metrics (
    tenant_id  TEXT NOT NULL,
    day        TEXT NOT NULL,
    metric     TEXT NOT NULL,
    value      REAL NOT NULL DEFAULT 0,
    PRIMARY KEY (tenant_id, day, metric)
);

CREATE INDEX analytics_daily_metrics_tenant_metric ON analytics_daily_metrics (tenant_id, metric);

-- Monthly totals for the dashboards; always grouped by tenant.
CREATE VIEW analytics_monthly_metrics AS
SELECT tenant_id,
       substr(day, 1, 7) AS month,
       metric,
       SUM(value) AS value
FROM analytics_daily_metrics
GROUP BY tenant_id, substr(day, 1, 7), metric;
