import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserSuite, screenshot, skipE2E } from '../helpers/browser';
import { EXAMPLE, writeCheckout } from '../helpers/checkout';

const EDITOR = '[data-testid="manifest-editor"]';

function copyExample(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mwb-e2e-migr-'));
  fs.cpSync(EXAMPLE, dir, { recursive: true });
  return dir;
}

const stepIds = (page: Page, selector = '[data-testid="step"]') => page.locator(selector).evaluateAll((els) => els.map((e) => e.getAttribute('data-id')));

describe.skipIf(skipE2E)('the Migrations view in a browser', () => {
  const suite = browserSuite();

  it('draws the phase timeline of the example, applies it in two steps with a confirmation naming the window, and opens a step at its SQL', async () => {
    const dir = copyExample();
    suite.track(dir);
    // A slow backfill (200k demo tenants in the global tenancy module) so that progress shows while applying.
    fs.writeFileSync(
      path.join(dir, 'modules/tenancy/migrations/tenancy_0003_seed_demo_tenants.backfill.sql'),
      "-- Demo tenants for load tests; rerunning adds nothing.\nINSERT INTO tenancy_tenants (id, slug, name)\nSELECT printf('demo-%d', x), printf('demo-%d', x), printf('Demo %d', x)\nFROM (WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 200000) SELECT x FROM c)\nWHERE NOT EXISTS (SELECT 1 FROM tenancy_tenants WHERE id LIKE 'demo-%');\n",
    );
    const served = await suite.serve(dir);
    const { page, consoleErrors } = await suite.page(`${served.url}#migrations`);
    const timeline = page.getByTestId('timeline');
    await timeline.waitFor();
    expect(await page.getByTestId('plan-summary').textContent()).toBe('41 steps: 0 applied, 41 pending, 0 drifted, 0 blocked');

    // Modules as rows in load order; waves as columns; each change one bar across its phases.
    const rows = await timeline.locator('[role="rowheader"]').allTextContents();
    expect(rows).toEqual(['core', 'tenancy', 'audit', 'cms', 'customers', 'blog', 'inventory', 'messaging', 'payments', 'billing', 'orders', 'analytics', 'marketplace', 'monitoring']);
    expect(await timeline.locator('[role="columnheader"]').allTextContents()).toEqual(['Module', 'Wave 1 · expand', 'Wave 2 · backfill', 'Wave 3 · contract', 'Wave 4 · maintenance']);
    // The column shading is a full cell, not the permissions matrix's 20 px dot (a clash on `.cell`).
    const shade = await timeline.getByTestId('wave-cell').first().evaluate((e) => {
      const r = e.getBoundingClientRect();
      return { width: r.width, radius: getComputedStyle(e).borderTopLeftRadius };
    });
    expect(shade.width).toBeGreaterThan(100);
    expect(shade.radius).toBe('0px');
    const columnsOf = () => timeline.getByTestId('step').evaluateAll((els) => Object.fromEntries(els.map((e) => [e.getAttribute('data-id'), e.getAttribute('data-column')])));
    const before = await columnsOf();
    const bar = timeline.locator('[data-change="billing:invoice_status"]');
    expect(await bar.getAttribute('data-from')).toBe('1');
    expect(await bar.getAttribute('data-to')).toBe('3');
    expect(await stepIds(page, '[data-change="billing:invoice_status"] [data-testid="step"]')).toEqual(['billing_0003_invoice_status', 'billing_0004_invoice_status', 'billing_0005_invoice_status']);
    // The later expand held behind a pending contract of its module sits in the contract wave.
    expect(await timeline.locator('[data-change="inventory:reorder_point"]').getAttribute('data-from')).toBe('3');
    expect(await timeline.locator('[data-id="inventory_0003_reorder_point"]').getAttribute('title')).toContain('inventory_0003_reorder_point (expand, wave 3)');
    await screenshot(page, 'migrations-timeline', true);

    // Preflight runs everything on a copy: the database is not created.
    await page.getByRole('button', { name: 'Preflight' }).click();
    const result = page.getByTestId('migration-result');
    await result.waitFor();
    expect(await result.getAttribute('data-ok')).toBe('true');
    expect(await result.textContent()).toContain('Preflight: 41 of 41 steps ran cleanly');
    expect(fs.existsSync(path.join(dir, '.workbench'))).toBe(false);

    // Apply asks first, naming the maintenance window.
    await page.getByRole('button', { name: 'Apply…' }).click();
    const dialog = page.getByTestId('apply-confirm');
    await dialog.waitFor();
    expect(await dialog.getByTestId('window-warning').textContent()).toContain('wave 3 (contract: 4 steps) and wave 4 (maintenance: 4 steps)');
    await screenshot(page, 'migrations-confirm', true);
    await dialog.getByRole('button', { name: 'Expand and backfill only' }).click();
    // Progress arrives while applying (the slow backfill keeps it on screen).
    await page.waitForFunction(() => /Applying \d+ \/ 33 · \w+/.test(document.querySelector('[data-testid="migration-progress"]')?.textContent ?? ''));
    await screenshot(page, 'migrations-applying');
    await result.waitFor();
    await page.waitForFunction(() => document.querySelector('[data-testid="plan-summary"]')?.textContent?.startsWith('41 steps: 33 applied'));
    expect(await result.textContent()).toContain('Applied 33 of 41');
    expect(await result.textContent()).toContain('stopped before wave 3 (contract)');
    // GUI wording: the confirmation, not the CLI's --yes.
    expect(await result.textContent()).toContain('run only when you confirm a maintenance window');
    expect(await page.getByTestId('migrations-view').textContent()).not.toMatch(/--yes|mwb /);
    expect(await timeline.locator('[data-status="applied"]').count()).toBe(33);
    // Applied steps keep their waves: no step moved to another column.
    expect(await columnsOf()).toEqual(before);
    expect(await timeline.locator('[data-change="billing:invoice_status"]').getAttribute('data-from')).toBe('1');
    expect(await timeline.locator('[data-outcome="held"]').count()).toBe(8);
    await screenshot(page, 'migrations-applied', true);

    // The rest, in the window.
    await page.getByRole('button', { name: 'Apply…' }).click();
    await dialog.getByRole('button', { name: 'Apply all, in the window' }).click();
    await page.waitForFunction(() => document.querySelector('[data-testid="plan-summary"]')?.textContent === '41 steps: 41 applied, 0 pending, 0 drifted, 0 blocked');
    const db = new Database(path.join(dir, '.workbench/dev.sqlite'), { readonly: true });
    expect((db.prepare('SELECT count(*) AS n FROM workbench_migrations').get() as { n: number }).n).toBe(41);
    db.close();
    expect(await columnsOf()).toEqual(before);

    // A click shows the step's details in a panel; from there (or by a double click) its SQL opens.
    await timeline.locator('[data-id="billing_0005_invoice_status"]').click();
    const details = page.getByTestId('step-details');
    await details.waitFor();
    expect(await details.textContent()).toContain('contract · wave 3 (its wave before it was applied)');
    expect(await details.textContent()).toMatch(/applied\s*applied \d{4}-/);
    expect(await details.getByTestId('step-outcome').textContent()).toContain('applied');
    await screenshot(page, 'migrations-step-details', true);
    await details.getByTestId('open-step-sql').click();
    await page.locator(`${EDITOR}[data-path="modules/billing/migrations/billing_0005_invoice_status.contract.sql"]`).waitFor();
    await page.locator(`${EDITOR} .view-lines`, { hasText: 'DROP COLUMN is_paid' }).waitFor();
    expect(await page.locator('.mwb-editor-foot').textContent()).toContain('SQL');
    expect(consoleErrors).toEqual([]);
  }, 90_000);

  it('shows blocked steps with the reason on hover, and a preflight failure in place with file and line', async () => {
    const dir = writeCheckout({
      'modules/shop/module.yaml': 'name: shop\nversion: 1.0.0\n',
      'modules/shop/migrations/shop_0001_create_items.expand.sql': 'CREATE TABLE shop_items (id TEXT PRIMARY KEY);\n',
      'modules/shop/migrations/shop_0002_create_orders.expand.sql': '-- The index names a table that does not exist.\nCREATE TABLE shop_orders (id TEXT PRIMARY KEY);\nCREATE INDEX shop_orders_item ON shop_order_lines (item_id);\n',
      'modules/shop/migrations/shop_0003_prices.backfill.sql': 'UPDATE shop_items SET id = id;\nCREATE INDEX shop_items_id ON shop_items (id);\n',
    });
    suite.track(dir);
    const served = await suite.serve(dir);
    const { page, consoleErrors } = await suite.page(`${served.url}#migrations`);
    const blocked = page.locator('[data-id="shop_0003_prices"]');
    await blocked.waitFor();
    expect(await blocked.getAttribute('data-status')).toBe('blocked');
    expect(await blocked.getAttribute('title')).toContain('blocked: migration-phase-violation at line 2:');
    await blocked.click();
    expect(await page.getByTestId('step-reason').textContent()).toContain('migration-phase-violation at line 2:');
    await page.keyboard.press('Escape');
    await page.getByTestId('step-details').waitFor({ state: 'detached' });
    expect(await page.getByTestId('migration-findings').textContent()).toContain('backfill migrations change data only');

    await page.getByRole('button', { name: 'Preflight' }).click();
    const result = page.getByTestId('migration-result');
    await result.waitFor();
    expect(await result.getAttribute('data-ok')).toBe('false');
    expect(await result.textContent()).toContain('modules/shop/migrations/shop_0002_create_orders.expand.sql:3');
    expect(await result.textContent()).toContain('no such table: main.shop_order_lines');
    expect(await page.locator('[data-id="shop_0002_create_orders"]').getAttribute('data-outcome')).toBe('failed');
    await screenshot(page, 'migrations-preflight-failed', true);

    // The failure opens at the failing statement's line.
    await result.getByRole('button', { name: 'shop_0002_create_orders' }).click();
    await page.locator(`${EDITOR}[data-path="modules/shop/migrations/shop_0002_create_orders.expand.sql"]`).waitFor();
    await page.waitForFunction(() => document.querySelector('.mwb-editor-foot')?.textContent?.includes('Ln 3, Col 1'));
    expect(consoleErrors).toEqual([]);
  });
});
