-- depends: core_0001_create_settings
-- The module was called `platform-admin` before 2.0.0. Carry its enabled state
-- over to the new name, then drop the old row. Safe to run twice.
INSERT INTO core_module_state (module, enabled, changed_at)
SELECT 'tenancy', enabled, CURRENT_TIMESTAMP
FROM core_module_state
WHERE module = 'platform-admin'
  AND NOT EXISTS (SELECT 1 FROM core_module_state WHERE module = 'tenancy');

DELETE FROM core_module_state WHERE module = 'platform-admin';
