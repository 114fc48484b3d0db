-- Step 3 of 3: swap the lookup index to the normalized column. Building an
-- index on a large table locks it, so this runs in the maintenance window.
DROP INDEX customers_tenant_email;
CREATE INDEX customers_tenant_email_normalized ON customers (tenant_id, email_normalized);
