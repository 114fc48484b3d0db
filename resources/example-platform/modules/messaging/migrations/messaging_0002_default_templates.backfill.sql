-- depends: tenancy_0001_create_tenants
-- dialect: sqlite
-- SQLite only: it fills messaging_templates, which messaging_0001 creates on SQLite only.
-- Give every existing tenant the default English templates. Tenants created
-- later get them from the on_enable path. Rerunning inserts nothing new.
INSERT INTO messaging_templates (id, tenant_id, code, locale, subject, body)
SELECT t.id || ':order-confirmation:en', t.id, 'order-confirmation', 'en',
       'Your order {{ order.number }}',
       'Thank you for your order. We will let you know when it ships.'
FROM tenancy_tenants AS t
WHERE t.status <> 'deleted'
  AND NOT EXISTS (
        SELECT 1 FROM messaging_templates AS m
        WHERE m.tenant_id = t.id AND m.code = 'order-confirmation' AND m.locale = 'en'
    );

INSERT INTO messaging_templates (id, tenant_id, code, locale, subject, body)
SELECT t.id || ':invoice-issued:en', t.id, 'invoice-issued', 'en',
       'Invoice {{ invoice.number }}',
       'Your invoice is attached. It is due on {{ invoice.due_at }}.'
FROM tenancy_tenants AS t
WHERE t.status <> 'deleted'
  AND NOT EXISTS (
        SELECT 1 FROM messaging_templates AS m
        WHERE m.tenant_id = t.id AND m.code = 'invoice-issued' AND m.locale = 'en'
    );
