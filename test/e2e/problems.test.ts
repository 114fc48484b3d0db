/**
 * The Problems view in Chromium against `mwb serve` (`npm run build` first): findings grouped by
 * file and collapsible, F8 / Shift+F8 through them (the editor shows each, the focus stays in the
 * list), and a finding about several files (a dependency cycle) marked in each file's editor.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserSuite, screenshot, skipE2E } from '../helpers/browser';
import { writeCheckout } from '../helpers/checkout';

const TROUBLED = {
  'platform.yaml': 'name: troubled\nprofiles:\n  default: {capabilities: []}\n',
  'modules/a/module.yaml': 'name: a\nversion: 1.0.0\ndependencies: [b]\n',
  'modules/b/module.yaml': 'name: b\nversion: 1.0.0\ndependencies: [a]\n',
  'modules/c/module.yaml': 'name: c\nversion: 1.0.0\ncapabilities:\n  requires: [search]\ndependencies: [ghost]\n',
};

const current = (page: Page) => page.evaluate(() => {
  const row = document.querySelector('[data-testid="problem-row"][aria-current="true"]');
  return row ? { rule: row.getAttribute('data-rule'), file: row.getAttribute('data-file'), focused: row === document.activeElement } : null;
});

describe.skipIf(skipE2E)('the Problems view in a browser', { timeout: 120_000 }, () => {
  const suite = browserSuite();

  it('groups findings by file (collapsible), F8 / Shift+F8 walk them, a cycle is marked in each of its files', async () => {
    const dir = suite.track(writeCheckout(TROUBLED));
    const served = await suite.serve(dir);
    const { page, consoleErrors } = await suite.page(`${served.url}#problems`);
    await page.getByTestId('problem-row').first().waitFor();

    const files = await page.getByTestId('problem-file').evaluateAll((els) => els.map((e) => e.getAttribute('data-file')));
    expect(files).toEqual([...files].sort());
    expect(files).toEqual(expect.arrayContaining(['modules/c/module.yaml']));
    const rowFiles = await page.getByTestId('problem-row').evaluateAll((els) => els.map((e) => e.getAttribute('data-file')));
    // Rows follow their file headers: each file's findings together.
    expect(rowFiles).toEqual([...rowFiles].sort());

    // Collapse c's group, then expand it again.
    const cRows = page.locator('[data-testid="problem-row"][data-file="modules/c/module.yaml"]');
    const cCount = await cRows.count();
    expect(cCount).toBeGreaterThanOrEqual(2);
    const header = page.locator('[data-testid="problem-file"][data-file="modules/c/module.yaml"] button');
    await header.click();
    expect(await header.getAttribute('aria-expanded')).toBe('false');
    expect(await cRows.count()).toBe(0);
    await screenshot(page, 'problems-grouped');
    await header.click();
    expect(await cRows.count()).toBe(cCount);

    // F8 from the list: the first finding, shown in the editor, the focus staying on the row.
    const order = await page.getByTestId('problem-row').evaluateAll((els) => els.map((e) => `${e.getAttribute('data-file')} ${e.getAttribute('data-rule')}`));
    await page.getByRole('heading', { name: 'Problems' }).click();
    await page.keyboard.press('F8');
    expect(await current(page)).toMatchObject({ focused: true });
    expect(`${(await current(page))!.file} ${(await current(page))!.rule}`).toBe(order[0]);
    await page.locator(`[data-testid="manifest-editor"][data-state="ready"][data-path="${order[0].split(' ')[0]}"]`).waitFor({ timeout: 60_000 });
    expect(await current(page)).toMatchObject({ focused: true });
    await page.keyboard.press('F8');
    expect(`${(await current(page))!.file} ${(await current(page))!.rule}`).toBe(order[1]);
    await page.keyboard.press('Shift+F8');
    expect(`${(await current(page))!.file} ${(await current(page))!.rule}`).toBe(order[0]);
    await page.keyboard.press('Shift+F8');
    expect(`${(await current(page))!.file} ${(await current(page))!.rule}`).toBe(order[order.length - 1]);

    // The cycle is reported on one manifest; the other one, opened in the editor, carries it too.
    const cycleRow = page.locator('[data-testid="problem-row"][data-rule="dependency-cycle"]');
    expect(await cycleRow.count()).toBe(1);
    const reportedOn = await cycleRow.getAttribute('data-file');
    const other = reportedOn === 'modules/a/module.yaml' ? 'modules/b/module.yaml' : 'modules/a/module.yaml';
    await cycleRow.getByRole('link', { name: new RegExp(other) }).click();
    const pane = page.locator(`[data-testid="manifest-editor"][data-state="ready"][data-path="${other}"]`);
    await pane.waitFor({ timeout: 60_000 });
    await pane.locator('[data-testid="editor-problem"][data-rule="dependency-cycle"]').waitFor({ timeout: 60_000 });
    expect(await pane.locator('[data-testid="editor-problem"][data-rule="dependency-cycle"]').textContent()).toContain(`reported in ${reportedOn}`);
    expect(consoleErrors).toEqual([]);
  });
});
