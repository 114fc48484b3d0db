-- Seed the settings every platform needs. Idempotent: existing keys are kept.
INSERT INTO core_settings (key, value)
SELECT 'site.name', 'Acme Commerce'
WHERE NOT EXISTS (SELECT 1 FROM core_settings WHERE key = 'site.name');

INSERT INTO core_settings (key, value)
SELECT 'site.default_locale', 'en'
WHERE NOT EXISTS (SELECT 1 FROM core_settings WHERE key = 'site.default_locale');

INSERT INTO core_settings (key, value)
SELECT 'site.maintenance_mode', 'false'
WHERE NOT EXISTS (SELECT 1 FROM core_settings WHERE key = 'site.maintenance_mode');
