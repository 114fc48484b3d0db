-- Webhooks look transactions up by the gateway's own reference.
CREATE INDEX payments_transactions_tenant_gateway_ref ON payments_transactions (tenant_id, gateway, gateway_ref);
