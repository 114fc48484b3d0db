/**
 * The Problems, Permissions, Changes and Migrations views in Chromium against `mwb serve` on the
 * Drupal fixture (test/fixtures/drupal/site, trimmed from drupal/core 10.3.14), read through the
 * Drupal adapter. Also refreshes the two Drupal screenshots of the README (MWB_UPDATE_SCREENSHOTS=1).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { browserSuite, screenshot, skipE2E } from '../helpers/browser';
import { copyFixture, FIXTURES } from '../helpers/checkout';
import { commitAll, initRepo } from '../helpers/git';

const ROLE = 'config/sync/user.role.content_editor.yml';

function edit(dir: string, rel: string, change: (text: string) => string): void {
  const file = path.join(dir, rel);
  const before = fs.readFileSync(file, 'utf8');
  const after = change(before);
  if (after === before) throw new Error(`the edit of ${rel} changed nothing`);
  fs.writeFileSync(file, after);
}

describe.skipIf(skipE2E)('the Drupal site in the other views (mwb serve)', () => {
  const suite = browserSuite();

  it('Problems: a planted grant nobody declares is listed with its file and line, and opens there in the editor', async () => {
    const dir = suite.track(copyFixture('drupal/site'));
    // Line 47 of the role file: right after 'view site reports' (line 46).
    edit(dir, ROLE, (t) => t.replace("  - 'view site reports'\n", "  - 'view site reports'\n  - 'administer the moon'\n"));
    const served = await suite.serve(dir);
    const { page, consoleErrors } = await suite.page(`${served.url}#problems`);
    page.setDefaultTimeout(15_000);
    const row = page.locator('[data-testid="problem-row"][data-rule="role-grant-unknown"]');
    await row.waitFor();
    expect(await row.count()).toBe(1);
    const text = await row.textContent();
    expect(text).toContain("'administer the moon'");
    expect(text).toContain(`${ROLE}:47`);
    await row.click();
    await page.locator('[data-testid="manifest-editor"][data-state="ready"]').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('editor-path').textContent()).toBe(ROLE);
    await page.waitForFunction(() => document.querySelector('.mwb-editor-foot')?.textContent?.includes('Ln 47, Col 5'));
    expect(consoleErrors).toEqual([]);
  });

  it('Permissions: the catalog lists the Drupal permissions, restrict-access ones as risky, with the roles that grant them', async () => {
    const served = await suite.serve(suite.track(copyFixture('drupal/site')));
    const { page, consoleErrors } = await suite.page(`${served.url}#permissions`);
    page.setDefaultTimeout(15_000);
    await page.getByTestId('permissions-view').waitFor();
    const row = (id: string) => page.locator(`[data-testid="catalog-row"][data-id="${id}"]`);
    await page.getByTestId('catalog-row').first().waitFor();
    // The catalog draws a window of its rows (aria-rowcount counts them all, header included);
    // the search brings each permission into it.
    expect(Number(await page.getByTestId('permission-catalog').getAttribute('aria-rowcount'))).toBeGreaterThan(50);
    const find = async (id: string) => {
      await page.getByLabel('Search permissions').fill(id);
      await row(id).waitFor();
      return row(id);
    };
    // restrict access: true is the risk flag; a permission without it has no risk text.
    expect(await (await find('administer site base')).locator('.perm-risk').textContent()).toContain('restrict access: true');
    expect(await (await find('administer nodes')).locator('.perm-risk').textContent()).toContain('restrict access: true');
    expect(await (await find('view site reports')).locator('.perm-risk').textContent()).toBe('');
    // The content editor role (config/sync) grants the custom module's permission directly.
    expect(await row('view site reports').locator('.role-chip.direct').allTextContents()).toEqual(['content_editor']);
    expect(await (await find('access content')).locator('.role-chip.direct').allTextContents()).toEqual(expect.arrayContaining(['anonymous', 'authenticated']));
    expect(consoleErrors).toEqual([]);
  });

  it('Changes: a permission removed in the working tree while a role still grants it is a breaking removal at the grant', async () => {
    const dir = suite.track(initRepo());
    fs.cpSync(path.join(FIXTURES, 'drupal/site'), dir, { recursive: true });
    commitAll(dir, 'the site as deployed');
    edit(dir, 'modules/custom/site_base/site_base.permissions.yml', (t) => t.replace("view site reports:\n  title: 'View the site reports'\n", ''));
    const served = await suite.serve(dir);
    const { page, consoleErrors } = await suite.page(`${served.url}#changes`);
    await page.locator('[data-testid="changes-view"][data-state="done"]').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('changes-module').evaluateAll((els) => els.map((e) => `${e.getAttribute('data-change')} ${e.getAttribute('data-module')}`))).toEqual(['changed site_base']);
    const grant = page.locator('[data-testid="changes-finding"][data-rule="breaking-removal"]', { hasText: "role 'content_editor' still grants it" });
    expect(await grant.count()).toBe(1);
    expect(await grant.textContent()).toContain(`${ROLE}:46`);
    expect(consoleErrors).toEqual([]);
  });

  it('Graph and Migrations: the updates in Drupal run order from the same plan as mwb migrate plan, preflight and apply not offered', async () => {
    const served = await suite.serve(suite.track(copyFixture('drupal/site')));
    const graph = await suite.page(`${served.url}#graph`);
    await graph.page.locator('[data-testid="graph-canvas"][data-layout="done"] [data-testid="graph-node"]').first().waitFor({ timeout: 60_000 });
    await screenshot(graph.page, 'drupal-graph', true);
    expect(graph.consoleErrors).toEqual([]);

    const { page, consoleErrors } = await suite.page(`${served.url}#migrations`);
    page.setDefaultTimeout(15_000);
    await page.locator('[data-testid="migrations-view"][data-kind="drupal"]').waitFor();
    const steps = page.getByTestId('update-step');
    expect(await page.getByTestId('plan-summary').textContent()).toContain('58 updates in run order (drupal: drush updatedb');
    const ids = await steps.evaluateAll((els) => els.map((e) => e.getAttribute('data-id')));
    expect(ids).toHaveLength(58);
    // hook_update_dependencies puts site_events_update_10001 before site_base_update_10002; post-updates come after every hook_update_N, by name.
    expect(ids.slice(0, 3)).toEqual(['site_base_update_10001', 'site_events_update_10001', 'site_base_update_10002']);
    const kinds = await steps.evaluateAll((els) => els.map((e) => e.querySelector('.badge')?.textContent));
    const firstPost = kinds.indexOf('post-update');
    expect(firstPost).toBeGreaterThan(2);
    expect(kinds.slice(firstPost).every((k) => k === 'post-update')).toBe(true);
    const posts = ids.slice(firstPost) as string[];
    expect(posts).toEqual([...posts].sort());
    expect(await page.locator('[data-testid="update-step"][data-id="site_base_update_10002"]').textContent()).toContain('after site_events_update_10001 (hook_update_dependencies)');
    // Not offered: both buttons disabled, and the view says why.
    for (const id of ['preflight-button', 'apply-button']) {
      expect(await page.getByTestId(id).isDisabled()).toBe(true);
      expect(await page.getByTestId(id).getAttribute('title')).toContain('never runs');
    }
    expect(await page.getByTestId('not-run-reason').textContent()).toContain('its updates are PHP, which the workbench reads but never runs');
    await screenshot(page, 'drupal-migrations', true);
    // A step opens its function in the editor.
    await steps.first().click();
    await page.locator('[data-testid="manifest-editor"][data-state="ready"]').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('editor-path').textContent()).toBe('modules/custom/site_base/site_base.install');
    await page.waitForFunction(() => document.querySelector('.mwb-editor-foot')?.textContent?.includes('Ln 22,'));
    expect(consoleErrors).toEqual([]);
  });
});
