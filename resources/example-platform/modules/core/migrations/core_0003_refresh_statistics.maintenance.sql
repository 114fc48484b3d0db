-- Refresh the query planner's statistics after the seed.
-- Maintenance wave: runs only with `migrate apply --yes`, in a maintenance window.
ANALYZE core_settings;
ANALYZE core_module_state;
