-- depends: payments_0001_create_transactions
-- Change "payment_link", step 2 of 2: link orders paid before 1.4.0 to their
-- succeeded payment. Reads the payments module's table, hence the depends header.
-- Idempotent: only orders without a link are updated.
UPDATE orders
SET payment_id = (
        SELECT p.id
        FROM payments_transactions AS p
        WHERE p.tenant_id = orders.tenant_id
          AND p.source_type = 'order'
          AND p.source_id = orders.id
          AND p.status = 'succeeded'
        ORDER BY p.created_at DESC
        LIMIT 1
    )
WHERE payment_id IS NULL
  AND status IN ('paid', 'fulfilled')
  AND EXISTS (
        SELECT 1
        FROM payments_transactions AS p
        WHERE p.tenant_id = orders.tenant_id
          AND p.source_type = 'order'
          AND p.source_id = orders.id
          AND p.status = 'succeeded'
    );
