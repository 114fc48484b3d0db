/**
 * The Graph, Problems, Permissions and Changes views in Chromium against `mwb serve` on AppModule
 * platforms read through the AppModule adapter: test/fixtures/appmodule/foundation (trimmed from
 * FusionSync/fastapi-foundation) and test/fixtures/appmodule/planted (planted defects). Also refreshes
 * the two AppModule screenshots of the README (MWB_UPDATE_SCREENSHOTS=1).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { browserSuite, screenshot, skipE2E } from '../helpers/browser';
import { copyFixture, FIXTURES, runBuiltCli } from '../helpers/checkout';
import { commitAll, initRepo } from '../helpers/git';
import { impliedEdges } from '../../src-renderer/src/views/graph/implied-edges';

const BILLING = 'src/apps/billing/module.py';
const lineOf = (root: string, rel: string, needle: string): number => fs.readFileSync(path.join(root, rel), 'utf8').split('\n').findIndex((l) => l.includes(needle)) + 1;

describe.skipIf(skipE2E)('AppModule platforms in the views (mwb serve)', () => {
  const suite = browserSuite();

  it('Graph: one node per app with its tier and version, and the dependency edges module.py declares', async () => {
    const root = suite.track(copyFixture('appmodule/planted'));
    const served = await suite.serve(root);
    const { page, consoleErrors } = await suite.page(`${served.url}#graph`);
    await page.locator('[data-testid="graph-canvas"][data-layout="done"] [data-testid="graph-node"]').first().waitFor({ timeout: 60_000 });
    const modules = await page.locator('[data-testid="graph-node"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-module')));
    expect([...modules].sort()).toEqual(['billing', 'orders', 'reports', 'search']);
    expect(await page.locator('[data-testid="graph-node"][data-module="orders"]').textContent()).toContain('1.4.0');
    expect(await page.locator('[data-testid="graph-node"][data-module="orders"]').getAttribute('data-tier')).toBe('optional');
    const graph = JSON.parse(runBuiltCli(['graph', root, '--format', 'json']).stdout) as { edges: { from: string; to: string; kind: string }[] };
    const structural = graph.edges.filter((e) => e.kind === 'dependency' && e.from !== e.to);
    expect(structural.map((e) => `${e.from}->${e.to}`).sort()).toEqual(['billing->orders', 'search->orders']);
    const implied = impliedEdges(structural);
    expect(await page.locator('.react-flow__edge.kind-dependency').count()).toBe(structural.filter((e) => !implied.has(`${e.from}->${e.to}`)).length);
    await screenshot(page, 'appmodule-graph', true);
    expect(consoleErrors).toEqual([]);
  });

  it('Problems: the planted defects are listed at their module.py lines, and a row opens module.py there', async () => {
    const root = suite.track(copyFixture('appmodule/planted'));
    const served = await suite.serve(root);
    const { page, consoleErrors } = await suite.page(`${served.url}#problems`);
    page.setDefaultTimeout(15_000);
    const row = (rule: string) => page.locator(`[data-testid="problem-row"][data-rule="${rule}"]`);
    await row('dependency-missing').waitFor();
    const line = lineOf(root, BILLING, '"ledger"');
    expect(await row('dependency-missing').textContent()).toContain(`${BILLING}:${line}`);
    expect(await row('permission-duplicate').textContent()).toContain(`${BILLING}:${lineOf(root, BILLING, 'Read invoices again')}`);
    expect(await row('core-version-unsatisfied').textContent()).toContain('src/apps/reports/module.py');
    expect(await row('capability-missing').textContent()).toContain('search.fulltext');
    expect(await row('python-not-static').textContent()).toContain('cannot read statically');
    await row('dependency-missing').click();
    await page.locator('[data-testid="manifest-editor"][data-state="ready"]').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('editor-path').textContent()).toBe(BILLING);
    await page.waitForFunction((ln) => document.querySelector('.mwb-editor-foot')?.textContent?.includes(`Ln ${ln},`), line);
    expect(consoleErrors).toEqual([]);
  });

  it('Permissions: every PermissionSpec of the shipped apps is in the catalog with its risk level and the router that requires it', async () => {
    const root = suite.track(copyFixture('appmodule/foundation'));
    const served = await suite.serve(root);
    const { page, consoleErrors } = await suite.page(`${served.url}#permissions`);
    page.setDefaultTimeout(15_000);
    await page.getByTestId('permissions-view').waitFor();
    const row = (id: string) => page.locator(`[data-testid="catalog-row"][data-id="${id}"]`);
    await page.getByTestId('catalog-row').first().waitFor();
    const cli = JSON.parse(runBuiltCli(['permissions', 'catalog', root, '--format', 'json']).stdout) as { permissions: { id: string }[] };
    expect(cli.permissions.length).toBeGreaterThan(30);
    // The catalog draws a window of its rows (aria-rowcount counts them all, header included); the search brings each one into it.
    expect(Number(await page.getByTestId('permission-catalog').getAttribute('aria-rowcount'))).toBe(cli.permissions.length + 1);
    const find = async (id: string) => {
      await page.getByLabel('Search permissions').fill(id);
      await row(id).waitFor();
      return row(id);
    };
    for (const { id } of cli.permissions) await find(id);
    expect(await (await find('access.role_template.manage')).locator('.perm-risk').textContent()).toContain('critical');
    expect(await row('access.role_template.manage').textContent()).toContain('/platform/access/role-templates');
    expect(await (await find('file.delete')).locator('.perm-risk').textContent()).toContain('high');
    expect(await (await find('example.read')).locator('.perm-risk').textContent()).toContain('normal');
    await page.getByLabel('Search permissions').fill('');
    // Role templates live in the database: the view says so instead of calling every permission ungranted.
    expect(await page.getByTestId('roles-elsewhere').textContent()).toContain('outside the checkout');
    expect(await page.getByTestId('ungranted').count()).toBe(0);
    await screenshot(page, 'appmodule-permissions', true);
    expect(consoleErrors).toEqual([]);
  });

  it('Changes: a PermissionSpec removed in the working tree while a router requires it is a breaking removal at the router', async () => {
    const dir = suite.track(initRepo());
    fs.cpSync(path.join(FIXTURES, 'appmodule/foundation'), dir, { recursive: true });
    commitAll(dir, 'the platform as released');
    const perms = path.join(dir, 'src/platform_apps/files/permissions.py');
    const before = fs.readFileSync(perms, 'utf8');
    const after = before.replace(/ {4}PermissionSpec\(\n {8}resource="file",\n {8}action="delete",[\s\S]*?\n {4}\),\n/, '');
    expect(after).not.toBe(before);
    fs.writeFileSync(perms, after);
    const served = await suite.serve(dir);
    const { page, consoleErrors } = await suite.page(`${served.url}#changes`);
    await page.locator('[data-testid="changes-view"][data-state="done"]').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('changes-module').evaluateAll((els) => els.map((e) => `${e.getAttribute('data-change')} ${e.getAttribute('data-module')}`))).toEqual(['changed platform_files']);
    const removal = page.locator('[data-testid="changes-finding"][data-rule="breaking-removal"]');
    expect(await removal.count()).toBe(1);
    const router = 'src/platform_apps/files/router.py';
    expect(await removal.textContent()).toContain(`${router}:${lineOf(dir, router, '"file:delete"')}`);
    expect(await page.locator('[data-testid="changes-finding"][data-rule="module-version-not-bumped"]').count()).toBe(1);
    expect(consoleErrors).toEqual([]);
  });
});
