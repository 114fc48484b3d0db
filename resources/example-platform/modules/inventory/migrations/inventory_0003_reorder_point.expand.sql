-- Per-item reorder point for the check-low-stock task; NULL means "use the
-- module's low_stock_threshold". Additive, but it follows a contract step of
-- this module, so the planner places it in the contract wave.
ALTER TABLE inventory_items ADD COLUMN reorder_point INTEGER;
ALTER TABLE inventory_locations ADD COLUMN kind TEXT NOT NULL DEFAULT 'warehouse';
