import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserSuite, hoverUntilShown, screenshot, skipE2E } from '../helpers/browser';
import { copyFixture, writeCheckout } from '../helpers/checkout';

/**
 * The manifest editor in Chromium against `mwb serve` (the built renderer: `npm run build` first).
 *
 * Markers are read from the page, not from a global: the pane root carries the number of Monaco
 * markers per owner (data-yaml-markers for monaco-yaml, data-rule-markers for the engine's rules),
 * computed from monaco.editor.getModelMarkers() whenever they change; the problems list under the
 * editor renders the same markers as rows. Squiggles are checked in the editor DOM as well.
 */

const EDITOR = '[data-testid="manifest-editor"]';

/** The editor's text as rendered (small files only: Monaco renders the visible lines). */
async function editorText(page: Page): Promise<string> {
  return page.locator(`${EDITOR} .monaco-editor .view-lines`).evaluate((el) => {
    const lines = Array.from(el.querySelectorAll<HTMLElement>('.view-line'));
    lines.sort((a, b) => parseFloat(a.style.top) - parseFloat(b.style.top));
    return lines.map((l) => (l.textContent ?? '').replace(/\u00a0/g, ' ')).join('\n');
  });
}

async function attr(page: Page, name: string): Promise<string | null> {
  return page.locator(EDITOR).getAttribute(name);
}

async function waitForAttr(page: Page, name: string, test: (value: string) => boolean, timeout = 10_000): Promise<void> {
  const start = Date.now();
  for (;;) {
    const value = (await attr(page, name)) ?? '';
    if (test(value)) return;
    if (Date.now() - start > timeout) throw new Error(`${name} is still '${value}' after ${timeout} ms`);
    await page.waitForTimeout(50);
  }
}

/** Opens a file through the Problems view: the row for `rule` opens the editor at its line. */
async function openFromProblems(page: Page, rule: string): Promise<void> {
  await page.locator(`[data-testid="problem-row"][data-rule="${rule}"]`).first().click();
  await page.locator(`${EDITOR}[data-state="ready"]`).waitFor({ timeout: 60_000 });
}

async function typeAtEnd(page: Page, text: string): Promise<void> {
  await page.locator(`${EDITOR} .monaco-editor .view-lines`).click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type(text);
}

describe.skipIf(skipE2E)('the manifest editor (Monaco + monaco-yaml) in a browser', { timeout: 90_000 }, () => {
  const suite = browserSuite();

  async function start(dir: string): Promise<{ page: Page; consoleErrors: string[] }> {
    suite.track(dir);
    const served = await suite.serve(dir);
    const opened = await suite.page(`${served.url}#problems`);
    await opened.page.getByTestId('problem-row').first().waitFor();
    return opened;
  }

  it('shows monaco-yaml schema markers, completion and hover for module.yaml (guards the monaco-editor 0.54 pin)', async () => {
    const dir = writeCheckout({
      'modules/core/module.yaml': 'name: core\nversion: 1.0.0\ntier: core\n',
      'modules/shop/module.yaml': 'name: shop\nversion: 1.0.0\ntier: gold\ndependencies:\n  - core\n',
    });
    const { page, consoleErrors } = await start(dir);
    await openFromProblems(page, 'manifest-invalid');
    expect(await page.getByTestId('editor-path').textContent()).toBe('modules/shop/module.yaml');

    // The YAML worker ran: a schema marker from owner 'yaml' (severity 4, a warning squiggle).
    await waitForAttr(page, 'data-yaml-markers', (v) => Number(v) > 0, 15_000);
    await page.locator(`${EDITOR} .squiggly-warning`).first().waitFor();
    // The engine's finding for the same line is listed; the schema one only squiggles there.
    await waitForAttr(page, 'data-rule-markers', (v) => Number(v) > 0);
    expect(await page.locator('[data-testid="editor-problem"][data-rule="manifest-invalid"]').count()).toBe(1);

    // Schema completion: the tier values.
    await page.locator(`${EDITOR} .view-line`, { hasText: 'tier' }).click();
    await page.keyboard.press('End');
    for (let i = 0; i < 'gold'.length; i++) await page.keyboard.press('Backspace');
    await page.keyboard.press('Control+Space');
    const suggestions = page.locator('.suggest-widget .monaco-list-row');
    await suggestions.first().waitFor({ timeout: 60_000 });
    expect((await suggestions.allTextContents()).map((t) => t.trim())).toEqual(expect.arrayContaining([expect.stringContaining('core'), expect.stringContaining('optional'), expect.stringContaining('internal')]));
    await page.keyboard.press('Escape');

    // Hover shows the schema description, "<range>" included.
    const hover = page.locator('.monaco-hover-content', { hasText: 'Strict dependencies' });
    await hoverUntilShown(page, page.locator(`${EDITOR} .view-line`, { hasText: 'dependencies' }).locator('span > span').first(), hover);
    expect(await hover.first().textContent()).toContain('"name <range>"');

    // Fixing the value clears both markers.
    await page.keyboard.type('core');
    await waitForAttr(page, 'data-yaml-markers', (v) => v === '0');
    await waitForAttr(page, 'data-rule-markers', (v) => v === '0');
    expect(await page.getByTestId('editor-dirty').count()).toBe(1);
    expect(consoleErrors).toEqual([]);
  });

  it('shows engine rule markers at the problem line and updates them as you type', async () => {
    const dir = copyFixture('rules/dependency-missing');
    const { page, consoleErrors } = await start(dir);
    await openFromProblems(page, 'dependency-missing');
    expect(await page.getByTestId('editor-path').textContent()).toBe('modules/orders/module.yaml');
    await waitForAttr(page, 'data-rule-markers', (v) => v === '1');
    // Revealed at the finding: line 5, column 5.
    expect(await page.locator('.mwb-editor-foot').textContent()).toContain('Ln 5, Col 5');
    await page.locator(`${EDITOR} .squiggly-error`).first().waitFor();
    const row = page.locator('[data-testid="editor-problem"][data-rule="dependency-missing"]');
    expect(await row.textContent()).toContain("'orders' depends on 'inventory'");
    expect(await row.locator('a').getAttribute('href')).toMatch(/\/docs\/rules\/dependency-missing\.md$/);
    expect(await attr(page, 'data-yaml-markers')).toBe('0');

    // As you type (debounced): another missing dependency is a second marker.
    await typeAtEnd(page, '  - shipping');
    await waitForAttr(page, 'data-rule-markers', (v) => v === '2');
    expect(await page.getByTestId('editor-dirty').isVisible()).toBe(true);
    // The marker's hover names the rule and links its documentation.
    const hover = page.locator('.monaco-hover-content', { hasText: "depends on 'shipping'" });
    await hoverUntilShown(page, page.locator(`${EDITOR} .view-line`, { hasText: 'shipping' }).locator('span > span', { hasText: 'shipping' }), hover);
    expect(await hover.first().textContent()).toContain('dependency-missing');
    expect(await hover.first().locator('a', { hasText: 'dependency-missing' }).count()).toBe(1);
    // Leaving it hides it (Esc with no widget open would close the file).
    await page.mouse.move(0, 0);
    await hover.first().waitFor({ state: 'hidden' });
    await screenshot(page, 'editor', true);

    // A problem row reveals its line.
    await page.locator('[data-testid="editor-problem"][data-rule="dependency-missing"]').first().getByRole('button').click();
    expect(await page.locator('.mwb-editor-foot').textContent()).toContain('Ln 5,');

    // Clicking the same problem in the Problems view again (a new request) re-reveals the line.
    await page.locator(`${EDITOR} .view-lines`).click();
    await page.keyboard.press('Control+Home');
    expect(await page.locator('.mwb-editor-foot').textContent()).toContain('Ln 1, Col 1');
    await page.locator('[data-testid="problem-row"][data-rule="dependency-missing"]').click();
    await page.waitForFunction(() => document.querySelector('.mwb-editor-foot')?.textContent?.includes('Ln 5, Col 5'));

    // Closing with unsaved changes asks: keep editing, then discard.
    await page.getByRole('button', { name: 'Close editor' }).click();
    const ask = page.getByRole('dialog', { name: 'Unsaved changes' });
    await ask.getByRole('button', { name: 'Keep editing' }).click();
    expect(await page.locator(EDITOR).count()).toBe(1);
    await page.getByRole('button', { name: 'Close editor' }).click();
    await ask.getByRole('button', { name: 'Discard' }).click();
    await page.locator(EDITOR).waitFor({ state: 'detached' });
    expect(fs.readFileSync(path.join(dir, 'modules/orders/module.yaml'), 'utf8')).not.toContain('shipping');
    expect(consoleErrors).toEqual([]);
  });

  it('saves with Ctrl+S atomically; the diagnostic disappears from the editor and the Problems view', async () => {
    const dir = copyFixture('rules/dependency-missing');
    const file = path.join(dir, 'modules/orders/module.yaml');
    const { page, consoleErrors } = await start(dir);
    await openFromProblems(page, 'dependency-missing');
    await waitForAttr(page, 'data-rule-markers', (v) => v === '1');

    // Delete line 5 ("  - inventory >= 2.0.0"): from the end (line 6), select up one line.
    await page.locator(`${EDITOR} .view-lines`).click();
    await page.keyboard.press('Control+End');
    await page.keyboard.press('Shift+ArrowUp');
    await page.keyboard.press('Delete');
    await page.getByTestId('editor-dirty').waitFor();
    const before = fs.statSync(file).ino;
    await page.keyboard.press('Control+S');
    await page.getByTestId('editor-dirty').waitFor({ state: 'detached' });

    expect(fs.readFileSync(file, 'utf8')).toBe('name: orders\nversion: 1.2.0\ndependencies:\n  - core >= 1.0.0\n');
    // Atomic: written to a temp file and renamed over (a new inode), no temp file left behind.
    expect(fs.statSync(file).ino).not.toBe(before);
    expect(fs.readdirSync(path.dirname(file))).toEqual(['module.yaml']);

    await waitForAttr(page, 'data-rule-markers', (v) => v === '0');
    // The saved file's snapshot starts one more lint of the buffer ("checking…" for a moment); it
    // ends with no problem in the editor.
    await page.waitForFunction(() => document.querySelector('[data-testid="editor-problems"]')?.textContent?.includes('none'), null, { timeout: 60_000 });
    await page.getByTestId('problem-row').first().waitFor({ state: 'detached', timeout: 60_000 });
    expect(await page.getByTestId('problems-view').textContent()).toContain('No problems');
    expect(consoleErrors).toEqual([]);
  });

  it('never loses an edit made on disk: reload when clean, conflict dialog (Overwrite / Reload / Compare) when not', async () => {
    const dir = copyFixture('rules/dependency-missing');
    const file = path.join(dir, 'modules/orders/module.yaml');
    const { page, consoleErrors } = await start(dir);
    await openFromProblems(page, 'dependency-missing');
    await waitForAttr(page, 'data-rule-markers', (v) => v === '1');

    // Clean editor: an external change is taken quietly, the cursor stays.
    fs.writeFileSync(file, 'name: orders\nversion: 1.3.0\ndependencies:\n  - core >= 1.0.0\n  - inventory >= 2.0.0\n');
    await page.waitForFunction(() => document.querySelector('[data-testid="manifest-editor"] .view-lines')?.textContent?.includes('1.3.0'), null, { timeout: 60_000 });
    expect(await page.locator('.mwb-editor-foot').textContent()).toContain('Ln 5, Col 5');
    expect(await page.getByTestId('editor-dirty').count()).toBe(0);

    const dialog = page.getByRole('dialog');
    const conflict = async (disk: string, typed: string) => {
      await typeAtEnd(page, typed);
      fs.writeFileSync(file, disk);
      // The "changed on disk" banner may or may not have come yet: saving finds the conflict anyway.
      await page.keyboard.press('Control+S');
      await dialog.waitFor();
      expect(await dialog.getAttribute('aria-modal')).toBe('true');
      for (const name of ['Reload', 'Overwrite', 'Compare']) expect(await dialog.getByRole('button', { name, exact: true }).count()).toBe(1);
    };

    // 1. Overwrite: the disk gets the editor's text.
    await conflict('name: orders\nversion: 1.4.0\n', 'description: mine');
    await screenshot(page, 'editor-conflict', true);
    await dialog.getByRole('button', { name: 'Overwrite', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByTestId('editor-dirty').waitFor({ state: 'detached' });
    expect(fs.readFileSync(file, 'utf8')).toBe('name: orders\nversion: 1.3.0\ndependencies:\n  - core >= 1.0.0\n  - inventory >= 2.0.0\ndescription: mine');
    expect(await page.getByTestId('editor-banner').count()).toBe(0);

    // 2. Reload (confirmed): the editor shows the disk text.
    await conflict('name: orders\nversion: 2.0.0\n', ' and more');
    await dialog.getByRole('button', { name: 'Reload', exact: true }).click();
    await dialog.getByRole('button', { name: 'Discard and reload' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect((await editorText(page)).trim()).toBe('name: orders\nversion: 2.0.0');
    expect(await page.getByTestId('editor-dirty').count()).toBe(0);
    expect(fs.readFileSync(file, 'utf8')).toBe('name: orders\nversion: 2.0.0\n');

    // 3. Compare: a diff editor, disk on the left and the editor's text on the right.
    await conflict('name: orders\nversion: 3.0.0\n', 'tier: core');
    await dialog.getByRole('button', { name: 'Compare', exact: true }).click();
    const compare = page.getByTestId('editor-compare');
    await compare.locator('.monaco-diff-editor').waitFor();
    await compare.locator('.editor.original .view-lines', { hasText: '3.0.0' }).waitFor();
    await compare.locator('.editor.modified .view-lines', { hasText: 'tier: core' }).waitFor();
    expect(await compare.locator('.editor.original .view-lines').textContent()).not.toContain('tier: core');
    await compare.and(page.locator('[data-changes]')).waitFor();
    await screenshot(page, 'editor-compare');
    // Overwrite from the comparison saves the right side.
    await compare.getByRole('button', { name: 'Overwrite with mine' }).click();
    await compare.waitFor({ state: 'detached' });
    expect(fs.readFileSync(file, 'utf8')).toBe('name: orders\nversion: 2.0.0\ntier: core');

    // 4. Compare, then take the disk version.
    await conflict('name: orders\nversion: 4.0.0\n', '\n');
    await dialog.getByRole('button', { name: 'Compare', exact: true }).click();
    await compare.locator('.editor.original .view-lines', { hasText: '4.0.0' }).waitFor();
    await compare.getByRole('button', { name: 'Take disk version' }).click();
    await compare.waitFor({ state: 'detached' });
    expect((await editorText(page)).trim()).toBe('name: orders\nversion: 4.0.0');
    expect(await page.getByTestId('editor-dirty').count()).toBe(0);

    // Deleted on disk: saving offers to recreate it from the editor's text.
    await typeAtEnd(page, 'tier: core');
    fs.rmSync(file);
    await page.keyboard.press('Control+S');
    const deleted = page.getByRole('dialog', { name: 'The file was deleted on disk' });
    await deleted.getByRole('button', { name: 'Recreate' }).click();
    await deleted.waitFor({ state: 'detached' });
    await page.getByTestId('editor-dirty').waitFor({ state: 'detached' });
    expect(fs.readFileSync(file, 'utf8')).toBe('name: orders\nversion: 4.0.0\ntier: core');
    expect(consoleErrors).toEqual([]);
  });
});
