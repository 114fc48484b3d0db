/**
 * The workbench by keyboard and by link, in Chromium against `mwb serve` (`npm run build` first):
 * the editor pane as tabs beside a resizable split, Esc / Ctrl+W / close buttons, each file's own
 * cursor; Alt+1..7 and the skip link put the focus in the view; arrow keys in tab lists; the URL
 * follows the view both ways and carries the graph's selection, focus and filters.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserSuite, screenshot, skipE2E } from '../helpers/browser';
import { EXAMPLE } from '../helpers/checkout';

const graphReady = (page: Page) => page.locator('[data-testid="graph-canvas"][data-layout="done"] [data-testid="graph-node"]').first().waitFor({ timeout: 60_000 });
const node = (page: Page, name: string) => page.locator(`[data-testid="graph-node"][data-module="${name}"]`);
const pane = (page: Page, file: string) => page.locator(`[data-testid="manifest-editor"][data-state="ready"][data-path="${file}"]`);
const activeElement = (page: Page) => page.evaluate(() => ({ tag: document.activeElement?.tagName, label: document.activeElement?.getAttribute('aria-label'), view: document.activeElement?.getAttribute('data-view') }));

describe.skipIf(skipE2E)('the workbench by keyboard and by link', { timeout: 120_000 }, () => {
  const suite = browserSuite();
  let url = '';
  async function open(hash: string): Promise<{ page: Page; consoleErrors: string[] }> {
    if (!url) url = (await suite.serve(EXAMPLE)).url;
    return suite.page(`${url}${hash}`);
  }

  it('editor tabs beside a resizable split: one tab per file, its own cursor, Esc, Ctrl+W and the close button; the graph toolbar and Export menu stay usable', async () => {
    const { page, consoleErrors } = await open('#graph');
    await graphReady(page);
    const toolbar = page.getByRole('toolbar', { name: 'Graph tools' });
    const oneRow = (await toolbar.boundingBox())!.height;

    await node(page, 'orders').dblclick();
    await pane(page, 'modules/orders/module.yaml').waitFor({ timeout: 60_000 });
    await page.keyboard.press('Control+End');
    await node(page, 'billing').dblclick();
    await pane(page, 'modules/billing/module.yaml').waitFor({ timeout: 60_000 });
    const tabs = page.getByRole('tablist', { name: 'Open files' }).getByRole('tab');
    // Two files of the same name: their folders tell them apart.
    expect(await tabs.allTextContents()).toEqual(['module.yamlorders', 'module.yamlbilling']);
    expect(await page.getByTestId('editor-tab').evaluateAll((els) => els.map((e) => e.getAttribute('data-path')))).toEqual(['modules/orders/module.yaml', 'modules/billing/module.yaml']);
    expect(await tabs.nth(1).getAttribute('aria-selected')).toBe('true');

    // The status line is the shown file's: billing at 1:1, orders where its cursor was left.
    const cursor = () => page.locator('[data-testid="manifest-editor"]:not([hidden]) [data-testid="editor-cursor"]').textContent();
    expect(await cursor()).toBe('Ln 1, Col 1');
    await tabs.nth(1).focus();
    await page.keyboard.press('ArrowLeft');
    expect(await tabs.nth(0).getAttribute('aria-selected')).toBe('true');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-path'))).toBe('modules/orders/module.yaml');
    expect(await cursor()).not.toBe('Ln 1, Col 1');
    await page.keyboard.press('ArrowRight');
    expect(await tabs.nth(1).getAttribute('aria-selected')).toBe('true');

    // Sane minimums: the toolbar keeps to two rows at most, the Export menu opens on screen.
    await screenshot(page, 'editor-tabs-toolbar');
    expect((await toolbar.boundingBox())!.height).toBeLessThanOrEqual(oneRow * 2 + 2);
    await toolbar.getByRole('button', { name: 'Export' }).click();
    const menu = (await page.locator('.graph-export-menu').boundingBox())!;
    const view = (await page.locator('section.view').boundingBox())!;
    expect(menu.x).toBeGreaterThanOrEqual(view.x);
    expect(menu.x + menu.width).toBeLessThanOrEqual(view.x + view.width + 1);
    await page.keyboard.press('Escape');
    await screenshot(page, 'editor-tabs', true);

    // The split: drag the handle left to widen the pane, and the keyboard stops at the limits.
    const handle = page.getByRole('separator', { name: 'Resize the editor pane' });
    const before = Number(await handle.getAttribute('aria-valuenow'));
    const h = (await handle.boundingBox())!;
    await page.mouse.move(h.x + 2, h.y + h.height / 2);
    await page.mouse.down();
    await page.mouse.move(h.x - 120, h.y + h.height / 2, { steps: 4 });
    await page.mouse.up();
    expect(Number(await handle.getAttribute('aria-valuenow'))).toBeGreaterThan(before + 100);
    await handle.focus();
    await page.keyboard.press('Home');
    const max = Number(await handle.getAttribute('aria-valuemax'));
    expect(Number(await handle.getAttribute('aria-valuenow'))).toBe(max);
    expect((await page.locator('section.view').boundingBox())!.width).toBeGreaterThanOrEqual(559);
    await page.keyboard.press('End');
    expect(Number(await handle.getAttribute('aria-valuenow'))).toBe(Number(await handle.getAttribute('aria-valuemin')));

    // Esc in a clean editor closes its file; the other tab comes to the front.
    await page.locator('[data-testid="manifest-editor"]:not([hidden]) .view-lines').click();
    await page.keyboard.press('Escape');
    await page.getByTestId('editor-tab').filter({ has: page.locator('[data-path="modules/billing/module.yaml"]') }).waitFor({ state: 'detached' });
    expect(await tabs.count()).toBe(1);

    // Ctrl+W with unsaved edits asks first.
    await page.locator('[data-testid="manifest-editor"]:not([hidden]) .view-lines').click();
    await page.keyboard.type('# note');
    await page.locator('[data-testid="editor-tab"][data-dirty="true"]').waitFor();
    await page.keyboard.press('Control+w');
    const ask = page.getByRole('dialog', { name: 'Unsaved changes' });
    await ask.getByRole('button', { name: 'Discard' }).click();
    await page.getByRole('complementary', { name: 'Manifest editor' }).waitFor({ state: 'detached' });

    // The close button of a tab (the whole graph in view first: the canvas changed size several times).
    await page.locator('.react-flow__controls-fitview').click();
    await node(page, 'core').dblclick();
    await pane(page, 'modules/core/module.yaml').waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: 'Close modules/core/module.yaml' }).click();
    await page.getByRole('complementary', { name: 'Manifest editor' }).waitFor({ state: 'detached' });
    expect(consoleErrors).toEqual([]);
  });

  it('Alt+1..7 and the skip link put the focus in the view; F6 leaves the editor; arrow keys move between tabs of a view', async () => {
    const { page, consoleErrors } = await open('#problems');
    await page.getByTestId('problems-view').waitFor();
    // The skip link: the first Tab stop of the page.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to the view');
    await page.keyboard.press('Enter');
    expect(await activeElement(page)).toMatchObject({ tag: 'SECTION', view: 'problems' });

    await page.keyboard.press('Alt+5');
    await page.locator('section.view[data-view="permissions"]').waitFor();
    expect(await activeElement(page)).toMatchObject({ tag: 'SECTION', view: 'permissions' });
    await page.getByRole('tablist', { name: 'Permissions' }).waitFor();
    // The next Tab is inside the view, not back in the navigation.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => !!document.activeElement?.closest('section.view'))).toBe(true);

    // Arrow keys in the Permissions tabs (roving tabindex).
    const tabs = page.getByRole('tablist', { name: 'Permissions' }).getByRole('tab');
    await tabs.first().focus();
    await page.keyboard.press('ArrowRight');
    expect(await tabs.nth(1).getAttribute('aria-selected')).toBe('true');
    expect(await tabs.nth(1).evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await tabs.first().getAttribute('tabindex')).toBe('-1');

    // F6 in the editor moves the focus to the view.
    await tabs.first().click();
    await page.locator('a.perm-route').first().click();
    await page.locator('[data-testid="manifest-editor"][data-state="ready"]').waitFor({ timeout: 60_000 });
    await page.keyboard.press('F6');
    expect(await activeElement(page)).toMatchObject({ tag: 'SECTION', view: 'permissions' });
    expect(consoleErrors).toEqual([]);
  });

  it('the URL follows the view both ways and carries the graph selection, focus and filters', async () => {
    const { page, consoleErrors } = await open('#permissions');
    await page.locator('section.view[data-view="permissions"]').waitFor();
    // A link to another view while on one switches the view.
    await page.evaluate(() => (location.hash = '#graph'));
    await graphReady(page);
    await node(page, 'billing').click();
    const toolbar = page.getByRole('toolbar', { name: 'Graph tools' });
    await toolbar.getByRole('button', { name: 'Upstream' }).click();
    await page.getByLabel('Tier internal').uncheck();
    await page.getByLabel('Show event edges').check();
    await page.waitForFunction(() => location.hash.includes('tiers='));
    const shared = await page.evaluate(() => location.hash);
    const params = new URLSearchParams(shared.slice(shared.indexOf('?') + 1));
    expect(Object.fromEntries(params)).toEqual({ sel: 'billing', focus: 'upstream', tiers: 'core,optional', edges: 'event' });

    // Switching views updates the URL; Back returns to the graph.
    await page.keyboard.press('Alt+2');
    await page.waitForFunction(() => location.hash === '#problems');
    await page.goBack();
    await graphReady(page);

    // The shared link opens the same picture in a new window.
    const other = await suite.page(`${url}${shared}`);
    await graphReady(other.page);
    await other.page.getByTestId('focus-note').waitFor();
    expect(await other.page.getByTestId('module-details').locator('h2').textContent()).toBe('billing');
    expect(await other.page.getByLabel('Tier internal').isChecked()).toBe(false);
    expect(await other.page.getByLabel('Show event edges').isChecked()).toBe(true);
    expect(await other.page.locator('[data-testid="graph-node"][data-dimmed="false"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-module')).sort())).toEqual([
      'billing',
      'core',
      'customers',
      'payments',
      'tenancy',
    ]);
    expect(consoleErrors).toEqual([]);
    expect(other.consoleErrors).toEqual([]);
  });
});
