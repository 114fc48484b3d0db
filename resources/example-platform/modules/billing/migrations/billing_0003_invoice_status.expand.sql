-- Change "invoice_status", step 1 of 3 (expand).
-- One status column replaces is_paid + voided_at. It starts nullable so the
-- running release, which does not know it, keeps working; the new release
-- writes both representations until the contract step.
-- See docs/notes/0002-invoice-status.md.
ALTER TABLE billing_invoices ADD COLUMN status TEXT
    CHECK (status IS NULL OR status IN ('draft', 'open', 'paid', 'void'));

CREATE INDEX billing_invoices_tenant_status ON billing_invoices (tenant_id, status);
