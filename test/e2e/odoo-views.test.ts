/**
 * The Graph, Problems, Permissions and Changes views in Chromium against `mwb serve` on the Odoo
 * fixture (test/fixtures/odoo/addons, trimmed from OCA server-tools and sale-workflow 16.0), read
 * through the Odoo adapter.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { impliedEdges } from '../../src-renderer/src/views/graph/implied-edges';
import { browserSuite, screenshot, skipE2E } from '../helpers/browser';
import { copyFixture, FIXTURES, runBuiltCli } from '../helpers/checkout';
import { commitAll, initRepo } from '../helpers/git';

const FIXTURE = 'odoo/addons';
const MENU = 'sale_order_line_menu/__manifest__.py';

function edit(dir: string, rel: string, change: (text: string) => string): void {
  const file = path.join(dir, rel);
  const before = fs.readFileSync(file, 'utf8');
  const after = change(before);
  if (after === before) throw new Error(`the edit of ${rel} changed nothing`);
  fs.writeFileSync(file, after);
}
const lineOf = (dir: string, rel: string, needle: string): number => fs.readFileSync(path.join(dir, rel), 'utf8').split('\n').findIndex((l) => l.includes(needle)) + 1;

describe.skipIf(skipE2E)('an Odoo addons repository in the views (mwb serve)', () => {
  const suite = browserSuite();

  it('Graph: every addon is a node with its own version; the depends within the checkout are its edges, Odoo core addons are not nodes', async () => {
    const dir = suite.track(copyFixture(FIXTURE));
    const served = await suite.serve(dir);
    const { page, consoleErrors } = await suite.page(`${served.url}#graph`);
    await page.locator('[data-testid="graph-canvas"][data-layout="done"] [data-testid="graph-node"]').first().waitFor({ timeout: 60_000 });
    const modules = await page.locator('[data-testid="graph-node"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-module')));
    const addons = fs.readdirSync(dir).filter((n) => fs.existsSync(path.join(dir, n, '__manifest__.py')));
    expect([...modules].sort()).toEqual([...addons].sort());
    expect(modules).not.toContain('sale');
    expect(await page.locator('[data-testid="graph-node"][data-module="auditlog"]').textContent()).toContain('2.2.1');
    const graph = JSON.parse(runBuiltCli(['graph', dir, '--format', 'json']).stdout) as { edges: { from: string; to: string; kind: string }[] };
    const structural = graph.edges.filter((e) => e.kind === 'dependency' && e.from !== e.to);
    expect(structural.map((e) => `${e.from}->${e.to}`)).toEqual(expect.arrayContaining(['sale_exception->base_exception', 'sale_planner_calendar->sale_payment_sheet', 'sale_stock_delivery_state->sale_delivery_state']));
    const implied = impliedEdges(structural);
    expect(await page.locator('.react-flow__edge.kind-dependency').count()).toBe(structural.filter((e) => !implied.has(`${e.from}->${e.to}`)).length);
    await screenshot(page, 'odoo-graph', true);
    expect(consoleErrors).toEqual([]);
  });

  it('Problems: an addon depending on an unknown addon is listed at its manifest line, and opens there in the editor', async () => {
    const dir = suite.track(copyFixture(FIXTURE));
    edit(dir, MENU, (t) => t.replace(/"depends": \["sale"\]/, '"depends": ["sale", "sale_moon_phase"]'));
    const line = lineOf(dir, MENU, 'sale_moon_phase');
    const served = await suite.serve(dir);
    const { page, consoleErrors } = await suite.page(`${served.url}#problems`);
    page.setDefaultTimeout(15_000);
    const row = page.locator('[data-testid="problem-row"][data-rule="dependency-missing"]');
    await row.waitFor();
    expect(await row.count()).toBe(1);
    const text = await row.textContent();
    expect(text).toContain("'sale_moon_phase'");
    expect(text).toContain(`${MENU}:${line}`);
    // 'sale', one of Odoo's own addons, is never reported missing.
    expect(text).not.toContain("'sale',");
    await row.click();
    await page.locator('[data-testid="manifest-editor"][data-state="ready"]').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('editor-path').textContent()).toBe(MENU);
    await page.waitForFunction((l) => document.querySelector('.mwb-editor-foot')?.textContent?.includes(`Ln ${l},`), line);
    expect(consoleErrors).toEqual([]);
  });

  it('Permissions: one catalog row per access row, granted to its group and, through implied_ids, to the groups that imply it', async () => {
    const served = await suite.serve(suite.track(copyFixture(FIXTURE)));
    const { page, consoleErrors } = await suite.page(`${served.url}#permissions`);
    page.setDefaultTimeout(15_000);
    await page.getByTestId('permissions-view').waitFor();
    const row = (id: string) => page.locator(`[data-testid="catalog-row"][data-id="${id}"]`);
    // The catalog draws a window of its rows: the search brings a row into it.
    await page.getByLabel('Search permissions').fill('auditlog.access_auditlog_rule_user');
    await row('auditlog.access_auditlog_rule_user').waitFor();
    const chips = await row('auditlog.access_auditlog_rule_user').locator('.role-chip').allTextContents();
    expect([...chips].sort()).toEqual(['auditlog.group_auditlog_manager', 'auditlog.group_auditlog_user', 'base.group_system']);
    // A row without a group is a documented risk.
    await page.getByLabel('Search permissions').fill('no group');
    const everyone = page.locator('[data-testid="catalog-row"]', { has: page.locator('.perm-risk', { hasText: 'no group' }) });
    await everyone.first().waitFor();
    expect(await everyone.count()).toBeGreaterThan(0);
    await page.getByLabel('Search permissions').fill('');
    await screenshot(page, 'odoo-permissions', true);
    expect(consoleErrors).toEqual([]);
  });

  it('Changes: an addon changed without a version bump, and a removed addon still depended on', async () => {
    const dir = suite.track(initRepo());
    fs.cpSync(path.join(FIXTURES, FIXTURE), dir, { recursive: true });
    commitAll(dir, 'the addons as merged');
    fs.appendFileSync(path.join(dir, 'auditlog/security/ir.model.access.csv'), 'access_auditlog_rule_all,auditlog_rule_all,model_auditlog_rule,base.group_user,1,0,0,0\n');
    fs.rmSync(path.join(dir, 'base_exception'), { recursive: true });
    const served = await suite.serve(dir);
    const { page, consoleErrors } = await suite.page(`${served.url}#changes`);
    await page.locator('[data-testid="changes-view"][data-state="done"]').waitFor({ timeout: 60_000 });
    const changed = await page.getByTestId('changes-module').evaluateAll((els) => els.map((e) => `${e.getAttribute('data-change')} ${e.getAttribute('data-module')}`));
    expect(changed.sort()).toEqual(['changed auditlog', 'removed base_exception']);
    const bump = page.locator('[data-testid="changes-finding"][data-rule="module-version-not-bumped"]');
    expect(await bump.count()).toBe(1);
    expect(await bump.textContent()).toContain('16.0.2.2.2');
    const removal = page.locator('[data-testid="changes-finding"][data-rule="breaking-removal"]');
    expect(await removal.textContent()).toContain('sale_exception/__manifest__.py');
    expect(consoleErrors).toEqual([]);
  });

  it("Migrations: Odoo's migration scripts in the order odoo -u runs them; preflight and apply not offered (Python is never run)", async () => {
    const served = await suite.serve(suite.track(copyFixture(FIXTURE)));
    const { page, consoleErrors } = await suite.page(`${served.url}#migrations`);
    page.setDefaultTimeout(15_000);
    await page.locator('[data-testid="migrations-view"][data-kind="odoo"]').waitFor();
    expect(await page.getByTestId('plan-summary').textContent()).toContain('2 updates in run order (odoo: odoo -u');
    const ids = await page.getByTestId('update-step').evaluateAll((els) => els.map((e) => e.getAttribute('data-id')));
    expect([...ids].sort()).toEqual(['sale_force_invoiced/16.0.1.0.1/post-migration.py', 'sale_stock_picking_blocking/16.0.1.1.0/pre-migration.py']);
    for (const id of ['preflight-button', 'apply-button']) expect(await page.getByTestId(id).isDisabled()).toBe(true);
    expect(await page.getByTestId('not-run-reason').textContent()).toContain('its updates are Python, which the workbench reads but never runs');
    expect(consoleErrors).toEqual([]);
  });
});
