-- Warehouses became "locations" in 1.1.0: shops and drop-ship partners hold stock too.
-- A rename breaks the previous release, so it is a contract step: deploy the
-- release that reads inventory_locations first, then run this in the window.
ALTER TABLE inventory_warehouses RENAME TO inventory_locations;
ALTER TABLE inventory_stock_levels RENAME COLUMN warehouse_id TO location_id;
