/**
 * The Tables view in Chromium: the example platform (tables grouped by owning module in tier
 * colours, foreign keys with the cross-module one highlighted, the tenant column, a table opening
 * the migration line that created it), and a generated 2,000-module platform with three tables per
 * module, which opens grouped by tier and never draws its 6,000 tables at once.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserSuite, screenshot, skipE2E } from '../helpers/browser';
import { EXAMPLE, REPO } from '../helpers/checkout';

const EDITOR = '[data-testid="manifest-editor"]';
const tableNode = (page: Page, key: string) => page.locator(`[data-testid="table-node"][data-table="${key}"]`);
const edge = (page: Page, from: string, to: string) => page.getByTestId(`rf__edge-fk:${from}->${to}`);

/** A 2,000-module platform from the benchmark generator, with two more tables per module: one keyed to its own, one to a dependency's. */
async function bigPlatform(dir: string): Promise<void> {
  const { generatePlatform } = (await import(path.join(REPO, 'scripts', 'bench', 'generate.mjs'))) as { generatePlatform(dir: string, n: number, o: { seed: number }): unknown };
  generatePlatform(dir, 2000, { seed: 11 });
  const modules = path.join(dir, 'modules');
  for (const name of fs.readdirSync(modules)) {
    const manifest = fs.readFileSync(path.join(modules, name, 'module.yaml'), 'utf8');
    const migrations = path.join(modules, name, 'migrations');
    if (!fs.existsSync(migrations)) continue;
    const own = `${name.replace(/-/g, '_')}_items`;
    const dep = /^dependencies:\n(?:\s+- core\b.*\n)?\s+- (m\d+-[a-z]+)/m.exec(manifest)?.[1];
    const depTable = dep && fs.existsSync(path.join(modules, dep, 'migrations')) ? `${dep.replace(/-/g, '_')}_items` : null;
    const prefix = name.replace(/-/g, '_');
    const sql = [
      `CREATE TABLE ${prefix}_lines (id INTEGER PRIMARY KEY, tenant_id TEXT, item_id INTEGER REFERENCES ${own} (id), note TEXT);`,
      `CREATE TABLE ${prefix}_links (id INTEGER PRIMARY KEY, tenant_id TEXT${depTable ? `, other_id INTEGER REFERENCES ${depTable} (id)` : ''});`,
    ].join('\n');
    fs.writeFileSync(path.join(migrations, `${name}_0004_lines.expand.sql`), `${sql}\n`);
  }
}

describe.skipIf(skipE2E)('the Tables view in a browser', () => {
  const suite = browserSuite();

  it('draws the example: tables by module in tier colours, the cross-module foreign key highlighted, the tenant column; a table opens its CREATE line', async () => {
    const served = await suite.serve(EXAMPLE);
    const { page, consoleErrors } = await suite.page(`${served.url}#tables`);
    await tableNode(page, 'billing_subscriptions').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('tables-summary').textContent()).toBe('31 tables · 14 modules · 3 cross-module foreign keys · naming: prefix');
    // Small: every module open, every table drawn, grouped by owner with its tier.
    expect(await page.getByTestId('table-node').count()).toBe(31);
    expect(await page.locator('[data-testid="table-module"][data-open="true"]').count()).toBe(14);
    expect(await page.locator('[data-testid="table-module"][data-module="customers"]').getAttribute('class')).toContain('tier-core');
    expect(await page.locator('[data-testid="table-module"][data-module="billing"]').getAttribute('class')).toContain('tier-optional');
    // Foreign keys: inside a module plain, across modules highlighted.
    expect(await edge(page, 'table:billing_invoices', 'table:billing_subscriptions').getAttribute('class')).not.toContain('cross');
    expect(await edge(page, 'table:billing_subscriptions', 'table:customers').getAttribute('class')).toContain('cross');
    // The tenant column, and the shared core table.
    expect(await tableNode(page, 'billing_invoices').getAttribute('data-tenant')).toBe('tenant-yes');
    expect(await tableNode(page, 'tenancy_tenants').getAttribute('data-tenant')).toBe('tenant-global');
    expect(await tableNode(page, 'tenancy_tenants').textContent()).toContain('shared');
    expect(await tableNode(page, 'inventory_locations').getAttribute('title')).toContain('renamed from inventory_warehouses');
    await screenshot(page, 'tables-example', true);

    // Collapsing a module draws it as one box; its foreign keys then end at the box.
    await page.locator('[data-testid="table-module"][data-module="billing"] [data-testid="table-module-toggle"]').click();
    await tableNode(page, 'billing_subscriptions').waitFor({ state: 'detached' });
    expect(await page.locator('[data-testid="table-module"][data-module="billing"]').textContent()).toContain('3 tables · 1 cross-module FK');
    expect(await edge(page, 'module:billing', 'table:customers').getAttribute('class')).toContain('cross');

    // A table opens the migration line that created it.
    await tableNode(page, 'orders_checkout_sessions').click();
    await page.locator(`${EDITOR}[data-state="ready"][data-path="modules/orders/migrations/orders_0002_create_checkout_sessions.expand.sql"]`).waitFor({ timeout: 60_000 });
    await page.locator('.mwb-editor-foot', { hasText: 'Ln 2, Col 1' }).waitFor();

    // The graph's module details list the module's tables; one opens where it is created.
    await page.locator('nav[aria-label="Views"] button', { hasText: 'Graph' }).click();
    await page.locator('[data-testid="graph-node"][data-module="billing"]').click();
    const listed = page.locator('[data-testid="module-details"] [data-testid="details-tables"]');
    await listed.waitFor();
    expect(await listed.locator('li').evaluateAll((els) => els.map((e) => e.getAttribute('data-table')))).toEqual(['billing_subscriptions', 'billing_invoices', 'billing_invoice_lines']);
    expect(await listed.locator('li[data-table="billing_subscriptions"]').textContent()).toContain('keys into customers');
    await listed.getByRole('button', { name: 'billing_invoices' }).click();
    await page.locator(`${EDITOR}[data-state="ready"][data-path="modules/billing/migrations/billing_0002_create_invoices.expand.sql"]`).waitFor({ timeout: 60_000 });
    await page.locator('.mwb-editor-foot', { hasText: 'Ln 3, Col 1' }).waitFor();
    expect(consoleErrors).toEqual([]);
  }, 120_000);

  it('opens a generated 2,000-module platform grouped by tier, draws only what is open and in view, and finds a table', async () => {
    // Removed here rather than by the suite's afterAll, whose time is short for 10,000 files.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mwb-e2e-tables-'));
    try {
      await bigPlatformView(dir);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 420_000);

  async function bigPlatformView(dir: string): Promise<void> {
    await bigPlatform(dir);
    // Reading 2,000 modules before the URL is printed takes a while on a loaded machine.
    const served = await suite.serve(dir, 0, 150_000);
    const { page, consoleErrors } = await suite.page(`${served.url}#tables`);
    await page.getByTestId('table-tier').first().waitFor({ timeout: 120_000 });
    const summary = await page.getByTestId('tables-summary').textContent();
    expect(summary).toMatch(/^6000 tables · 2000 modules · \d+ cross-module foreign keys · naming: prefix$/);
    // Grouped: one box per tier, no module box, no table.
    expect(await page.getByTestId('table-tier').evaluateAll((els) => els.map((e) => e.getAttribute('data-tier')))).toEqual(['core', 'optional', 'internal']);
    expect(await page.getByTestId('table-module').count()).toBe(0);
    expect(await page.getByTestId('table-node').count()).toBe(0);
    expect(await page.getByTestId('tables-open-all').isDisabled()).toBe(true);
    const optional = Number(/(\d+) modules/.exec((await page.locator('[data-testid="table-tier"][data-tier="optional"]').textContent()) ?? '')?.[1]);
    expect(optional).toBeGreaterThan(1000);

    // Opening a tier shows its modules, collapsed; React Flow draws only those in view.
    await page.locator('[data-testid="table-tier"][data-tier="optional"]').click();
    await page.getByTestId('table-module').first().waitFor();
    const drawn = await page.getByTestId('table-module').count();
    expect(drawn).toBeGreaterThan(0);
    expect(drawn).toBeLessThan(optional);
    expect(await page.getByTestId('table-node').count()).toBe(0);
    await screenshot(page, 'tables-2000-optional');

    // Find a table: Enter opens its tier and module and centres it; a click opens its CREATE.
    const search = page.getByTestId('tables-search');
    await search.fill('m1500_');
    await page.locator('.tables-matches', { hasText: '3 matches' }).waitFor();
    await search.press('Enter');
    const found = page.locator('[data-testid="table-node"].match').first();
    await found.waitFor();
    const key = (await found.getAttribute('data-table')) as string;
    expect(key).toMatch(/^m1500_[a-z]+_(items|lines|links)$/);
    expect(await page.getByTestId('table-node').count()).toBeLessThanOrEqual(3 * 40);
    await found.click();
    await page.locator(`${EDITOR}[data-state="ready"]`).waitFor({ timeout: 60_000 });
    expect(await page.locator(EDITOR).getAttribute('data-path')).toMatch(/^modules\/m1500-[a-z]+\/migrations\/m1500-[a-z]+_000[14]_/);

    // Back to tiers.
    await page.getByTestId('tables-by-tier').click();
    await page.locator('[data-testid="table-tier"][data-tier="optional"]').waitFor();
    expect(await page.getByTestId('table-node').count()).toBe(0);
    expect(consoleErrors).toEqual([]);
    await page.context().close();
    await served.stop();
  }
});
