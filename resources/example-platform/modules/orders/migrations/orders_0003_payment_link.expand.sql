-- Change "payment_link", step 1 of 2: remember which payment settled the order.
ALTER TABLE orders ADD COLUMN payment_id TEXT;
