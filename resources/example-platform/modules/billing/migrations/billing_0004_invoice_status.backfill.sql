-- Change "invoice_status", step 2 of 3 (backfill).
-- Derive the status of invoices written by the old release. Only rows whose
-- status is still NULL are touched, so the step can be rerun safely.
-- The tenant_id predicate keeps the statement tenant-scoped (tenant-query-unscoped)
-- and lets SQLite walk the (tenant_id, status) index.
UPDATE billing_invoices
SET status = CASE
        WHEN voided_at IS NOT NULL THEN 'void'
        WHEN is_paid = 1 THEN 'paid'
        ELSE 'open'
    END
WHERE status IS NULL
  AND tenant_id IS NOT NULL;
