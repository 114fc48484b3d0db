-- Case-insensitive e-mail lookup, step 1 of 3: a nullable column the
-- application starts writing immediately.
ALTER TABLE customers ADD COLUMN email_normalized TEXT;
