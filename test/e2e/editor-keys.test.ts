/**
 * Typing into the editors from every place that opens one, in Chromium against `mwb serve` (the
 * built renderer: `npm run build` first). A key typed in an editor belongs to the editor: the
 * graph's shortcuts (React Flow's Space-to-pan, `/` for search, Esc) must never see it. The text is
 * read from the Monaco model itself (window.mwbModels, a read-only view of the open models), not
 * from the rendered lines.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserSuite, skipE2E } from '../helpers/browser';
import { EXAMPLE } from '../helpers/checkout';
import { commitAll, git, initRepo } from '../helpers/git';

/**
 * The example on main; a branch with an edited migration (a Changes finding) and a module whose
 * dependency is missing (a Problems row).
 */
function checkout(): string {
  const dir = initRepo();
  fs.cpSync(EXAMPLE, dir, { recursive: true });
  commitAll(dir, 'acme-commerce as released');
  git(dir, 'checkout', '-q', '-b', 'feature/search');
  const sql = path.join(dir, 'modules/billing/migrations/billing_0002_create_invoices.expand.sql');
  fs.appendFileSync(sql, '-- invoices keep the locale\n');
  fs.mkdirSync(path.join(dir, 'modules/search'));
  fs.writeFileSync(path.join(dir, 'modules/search/module.yaml'), 'name: search\nversion: 0.1.0\ndependencies:\n  - core\n  - indexer\n');
  return dir;
}

const EDITOR = '[data-testid="manifest-editor"]';

/** What is typed: spaces, a Tab, Enter, all inside a comment (no completion popup that Tab or Enter would accept). */
const TYPED = '# - search.fulltext >=1.0';

interface ModelState {
  uri: string;
  path: string;
  text: string;
  tabSize: number;
  insertSpaces: boolean;
}

/** The open Monaco model whose checkout path (or, with `uri`, whose URI) is `key`. */
async function model(page: Page, key: string, by: 'path' | 'uri' = 'path'): Promise<ModelState | undefined> {
  return page.evaluate(
    ([k, b]) => ((window as unknown as { mwbModels?: () => ModelState[] }).mwbModels?.() ?? []).find((m) => m[b as 'path'] === k),
    [key, by],
  );
}

/** Types at the end of the focused Monaco editor (`scope` is its container): the text, Tab, Enter, more text, then Escape. */
async function typeInto(page: Page, scope: string): Promise<void> {
  await page.locator(`${scope} .monaco-editor .view-lines`).click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type(TYPED);
  await page.keyboard.press('Tab');
  await page.keyboard.type('x');
  await page.keyboard.press('Enter');
  await page.keyboard.type('# end');
}

/** The expected text after typeInto on a file that ends with a newline: Tab goes to the next tab stop of the model's indentation. */
function expected(original: string, m: ModelState): string {
  expect(original.endsWith('\n')).toBe(true);
  const tab = m.insertSpaces ? ' '.repeat(m.tabSize - (TYPED.length % m.tabSize)) : '\t';
  return `${original}${TYPED}${tab}x\n# end`;
}

async function expectTyped(page: Page, key: string, original: string, by: 'path' | 'uri' = 'path'): Promise<void> {
  const m = await model(page, key, by);
  expect(m?.text).toBe(expected(original, m!));
}

describe.skipIf(skipE2E)('typing into the editor from every entry point', { timeout: 120_000 }, () => {
  const suite = browserSuite();
  let dir = '';
  let url = '';

  async function open(hash: string): Promise<{ page: Page; consoleErrors: string[] }> {
    if (!url) {
      dir = suite.track(checkout());
      url = (await suite.serve(dir)).url;
    }
    return suite.page(`${url}#${hash}`);
  }

  async function graphReady(page: Page): Promise<void> {
    await page.locator('[data-testid="graph-canvas"][data-layout="done"] [data-testid="graph-node"]').first().waitFor({ timeout: 60_000 });
  }

  /**
   * Types into the editor pane on `file` and checks the model; then Escape, which closes the file
   * with no editor widget open: with unsaved edits it asks first, and "Keep editing" keeps them.
   */
  async function typeInPane(page: Page, file: string): Promise<void> {
    const pane = `${EDITOR}[data-state="ready"][data-path="${file}"]`;
    await page.locator(pane).waitFor({ timeout: 60_000 });
    const original = fs.readFileSync(path.join(dir, file), 'utf8');
    await typeInto(page, pane);
    await expectTyped(page, file, original);
    await page.keyboard.press('Escape');
    const ask = page.getByRole('dialog', { name: 'Unsaved changes' });
    await ask.waitFor();
    await ask.getByRole('button', { name: 'Keep editing' }).click();
    await expectTyped(page, file, original);
    expect(fs.readFileSync(path.join(dir, file), 'utf8')).toBe(original);
  }

  it('graph double-click', async () => {
    const { page, consoleErrors } = await open('graph');
    await graphReady(page);
    await page.locator('[data-testid="graph-node"][data-module="orders"]').dblclick();
    await typeInPane(page, 'modules/orders/module.yaml');
    // The graph saw none of it: no search started, the view did not pan.
    expect(await page.getByRole('searchbox', { name: 'Search modules' }).inputValue()).toBe('');
    expect(consoleErrors).toEqual([]);
  });

  it('the details panel: "Open manifest"', async () => {
    const { page, consoleErrors } = await open('graph');
    await graphReady(page);
    await page.locator('[data-testid="graph-node"][data-module="billing"]').click();
    await page.getByRole('button', { name: 'Open manifest' }).click();
    await typeInPane(page, 'modules/billing/module.yaml');
    // Esc in the editor did not reach the graph: billing is still selected.
    expect(await page.getByRole('button', { name: 'Open manifest' }).count()).toBe(1);
    expect(consoleErrors).toEqual([]);
  });

  it('a Problems row', async () => {
    const { page, consoleErrors } = await open('problems');
    await page.locator('[data-testid="problem-row"][data-rule="dependency-missing"]').click();
    await typeInPane(page, 'modules/search/module.yaml');
    expect(consoleErrors).toEqual([]);
  });

  it('a Changes finding', async () => {
    const { page, consoleErrors } = await open('changes');
    await page.locator('[data-testid="changes-view"][data-state="done"]').waitFor({ timeout: 60_000 });
    await page.locator('[data-testid="changes-finding"][data-rule="migration-edited"] button', { hasText: 'billing_0002_create_invoices.expand.sql' }).click();
    await typeInPane(page, 'modules/billing/migrations/billing_0002_create_invoices.expand.sql');
    expect(consoleErrors).toEqual([]);
  });

  it('a Permissions route link', async () => {
    const { page, consoleErrors } = await open('permissions');
    const route = page.locator('a.perm-route').first();
    await route.waitFor();
    const file = (await route.getAttribute('data-file'))!;
    await route.click();
    await typeInPane(page, file);
    expect(consoleErrors).toEqual([]);
  });

  it('Notes: the note editor and "Open in pane"', async () => {
    const { page, consoleErrors } = await open('notes');
    const note = 'docs/notes/0002-invoice-status.md';
    await page.locator(`[data-testid="note-item"][data-path="${note}"]`).click();
    const scope = `[data-testid="note-editor"][data-path="${note}"]`;
    await page.locator(`${scope} .monaco-editor`).waitFor({ timeout: 60_000 });
    const original = fs.readFileSync(path.join(dir, note), 'utf8');
    await typeInto(page, scope);
    await expectTyped(page, `mwb-note:/${note}`, original, 'uri');
    await page.keyboard.press('Escape');
    await expectTyped(page, `mwb-note:/${note}`, original, 'uri');

    // The same note in the editor pane, beside the graph.
    await page.getByRole('button', { name: 'Open in pane' }).click();
    await page.keyboard.press('Alt+1');
    await graphReady(page);
    await typeInPane(page, note);
    expect(consoleErrors).toEqual([]);
  });
});
