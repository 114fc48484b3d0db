-- Change "invoice_status", step 3 of 3 (contract).
-- Destructive: run only once every application node writes `status`.
-- The old index goes first; SQLite refuses to drop an indexed column.
DROP INDEX billing_invoices_tenant_paid;
ALTER TABLE billing_invoices DROP COLUMN is_paid;
