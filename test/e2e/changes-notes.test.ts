/**
 * The Changes and Notes views in Chromium against `mwb serve`: a real git repository holding a
 * copy of the example platform with a branch that removes, adds and changes modules; the base
 * picker, the diff as a list and over the graph, findings that open files and lead to a new note;
 * notes listed and filtered, edited in Monaco with a live (and inert) preview, created from a
 * template pre-filled with the selected module, and listed in the module's details on the graph.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserSuite, screenshot, skipE2E } from '../helpers/browser';
import { EXAMPLE } from '../helpers/checkout';
import { commitAll, git, initRepo, repoState } from '../helpers/git';

function edit(dir: string, rel: string, change: (text: string) => string): void {
  const file = path.join(dir, rel);
  fs.writeFileSync(file, change(fs.readFileSync(file, 'utf8')));
}

/** The example on main; a feature branch that drops marketplace and changes four other modules. */
function featureRepo(): string {
  const dir = initRepo();
  fs.cpSync(EXAMPLE, dir, { recursive: true });
  commitAll(dir, 'acme-commerce as released');
  git(dir, 'checkout', '-q', '-b', 'feature/loyalty');
  fs.rmSync(path.join(dir, 'modules/marketplace'), { recursive: true });
  edit(dir, 'modules/orders/module.yaml', (t) => t.replace('version: 1.4.1', 'version: 1.5.0').replace(/\ncapabilities:/, '\noptional_dependencies:\n  - loyalty\n\ncapabilities:'));
  commitAll(dir, 'Drop marketplace; orders uses loyalty when present');
  // Uncommitted work on top: a new module, an edited migration, a core module changed.
  fs.mkdirSync(path.join(dir, 'modules/loyalty'));
  fs.writeFileSync(path.join(dir, 'modules/loyalty/module.yaml'), 'name: loyalty\nversion: 0.1.0\ndescription: Points for purchases.\ndependencies:\n  - core >= 2.0.0\n  - customers\n');
  edit(dir, 'modules/billing/migrations/billing_0002_create_invoices.expand.sql', (t) => `${t}-- invoices also keep the customer's locale\n`);
  edit(dir, 'modules/tenancy/module.yaml', (t) => t.replace('version: 2.1.0', 'version: 2.2.0'));
  return dir;
}

async function monacoText(page: Page, scope: string): Promise<string> {
  return page.locator(`${scope} .view-lines`).evaluate((el) => (el as HTMLElement).innerText.replace(/\u00a0/g, ' '));
}

describe.skipIf(skipE2E)('the Changes and Notes views in a browser', () => {
  const suite = browserSuite();

  it('Changes: base picker, the diff as a list and over the graph, findings with links, a note for a core change', async () => {
    const dir = featureRepo();
    suite.track(dir);
    const before = repoState(dir);
    const served = await suite.serve(dir);
    const { page, consoleErrors } = await suite.page(`${served.url}#changes`);
    const view = page.getByTestId('changes-view');
    await page.locator('[data-testid="changes-view"][data-state="done"]').waitFor({ timeout: 60_000 });

    // The summary and the modules, each with its change.
    expect(await page.getByTestId('changes-summary').textContent()).toMatch(/feature\/loyalty.*merge base with main/);
    const rows = page.getByTestId('changes-module');
    expect(await rows.evaluateAll((els) => els.map((e) => `${e.getAttribute('data-change')} ${e.getAttribute('data-module')}`))).toEqual([
      'changed billing',
      'added loyalty',
      'removed marketplace',
      'changed orders',
      'changed tenancy',
    ]);
    expect(await page.locator('[data-testid="changes-module"][data-module="billing"]').textContent()).toContain('not bumped');
    const rules = await page.getByTestId('changes-finding').evaluateAll((els) => els.map((e) => e.getAttribute('data-rule')));
    expect(new Set(rules)).toEqual(new Set(['migration-edited', 'module-version-not-bumped', 'breaking-removal', 'core-change-without-note']));
    expect(await page.locator('[data-testid="changes-entry"][data-category="dependency"]').first().textContent()).toContain('loyalty');
    // The header counts the pull-request rules on this change; the status bar counts the working
    // tree's own findings: they differ here, and the header says why.
    expect(await page.getByTestId('change-errors').textContent()).toBe('6 errors');
    const bar = await page.locator('.statusbar .errors').textContent();
    expect(bar).not.toBe('6 errors');
    expect(await page.getByTestId('count-note').textContent()).toContain(`the status bar counts the working tree's own findings (${bar},`);
    // No CLI wording in the view: the note hint names the button instead of `mwb notes new`.
    expect(await page.locator('[data-testid="changes-finding"][data-rule="core-change-without-note"]').textContent()).toContain('Write a note…, or New note in Notes');
    expect(await view.textContent()).not.toMatch(/mwb |--kind|--base/);
    await screenshot(page, 'changes-pr', true);

    // A rule id opens its page rendered inside the workbench, not raw Markdown in a new tab.
    await page.locator('[data-testid="changes-finding"][data-rule="migration-edited"] a.rule').click();
    const doc = page.locator('[data-testid="rule-doc"][data-page="migration-edited"]');
    await doc.locator('h1', { hasText: 'migration-edited' }).waitFor();
    expect(await doc.locator('h2').count()).toBeGreaterThan(1);
    expect(await doc.textContent()).not.toContain('## ');
    await page.keyboard.press('Escape');
    await doc.waitFor({ state: 'detached' });

    // A finding's location opens the file in the editor pane, at its line.
    await page.locator('[data-testid="changes-finding"][data-rule="migration-edited"] button', { hasText: 'billing_0002_create_invoices.expand.sql' }).click();
    await page.locator('[data-testid="manifest-editor"][data-state="ready"]').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('editor-path').textContent()).toBe('modules/billing/migrations/billing_0002_create_invoices.expand.sql');
    await page.getByRole('complementary', { name: 'Manifest editor' }).getByRole('button', { name: 'Close editor' }).click();

    // Over the graph: added, removed (a ghost) and changed modules, added and removed edges.
    await view.getByRole('tab', { name: 'Graph' }).click();
    await page.locator('[data-testid="graph-canvas"][data-layout="done"]').waitFor({ timeout: 60_000 });
    const diffs = await page.locator('[data-testid="graph-node"][data-diff]').evaluateAll((els) => Object.fromEntries(els.map((e) => [e.getAttribute('data-module'), e.getAttribute('data-diff')])));
    expect(diffs).toEqual({ billing: 'changed', loyalty: 'added', marketplace: 'removed', orders: 'changed', tenancy: 'changed' });
    expect(await page.locator('.react-flow__edge.diff-added').count()).toBeGreaterThanOrEqual(3);
    expect(await page.locator('.react-flow__edge.diff-removed').count()).toBeGreaterThanOrEqual(3);
    await screenshot(page, 'changes-graph', true);

    // The base picker: a branch, a recent commit, a revision typed in, and back to the default.
    const picker = page.getByRole('combobox', { name: 'Base revision' });
    expect(await picker.locator('optgroup[label="Branches"] option').allTextContents()).toEqual(expect.arrayContaining(['main', 'feature/loyalty (current)']));
    await view.getByRole('tab', { name: 'List' }).click();
    await picker.selectOption('main');
    await page.locator('[data-testid="changes-summary"]', { hasText: 'compared with main' }).waitFor();
    const tip = git(dir, 'rev-parse', 'HEAD').trim();
    await picker.selectOption(tip);
    await page.locator('[data-testid="changes-summary"]', { hasText: tip.slice(0, 8) }).waitFor();
    // Against the branch tip only the uncommitted work is left: marketplace is no longer "removed".
    await page.locator('[data-testid="changes-module"][data-module="marketplace"]').waitFor({ state: 'detached' });
    await page.getByRole('textbox', { name: 'Other base revision' }).fill('no-such-release');
    await page.getByRole('button', { name: 'Compare', exact: true }).click();
    // Not a revision: said once, dropped from the base list, and the last good base stays.
    const rejected = page.getByTestId('base-rejected');
    await rejected.waitFor();
    expect(await rejected.textContent()).toContain("“no-such-release” is not a revision of this repository (unknown revision 'no-such-release'");
    expect(await rejected.textContent()).toContain(`still comparing with “${tip}”`);
    await page.locator('[data-testid="changes-view"][data-state="done"]').waitFor();
    expect(await picker.inputValue()).toBe(tip);
    expect(await picker.locator('option').allTextContents()).not.toContain('no-such-release');
    expect(await page.getByTestId('changes-summary').textContent()).toContain(tip.slice(0, 8));
    // Reloading restores the last good base, never the bad one.
    await page.reload();
    await page.locator('[data-testid="changes-view"][data-state="done"]').waitFor({ timeout: 60_000 });
    expect(await picker.inputValue()).toBe(tip);
    await picker.selectOption('');
    await page.locator('[data-testid="changes-module"][data-module="marketplace"]').waitFor();

    // The core change wants a note: write it from the finding, and the warning goes away.
    await page.locator('[data-testid="changes-finding"][data-rule="core-change-without-note"]').getByRole('button', { name: 'Write a note…' }).click();
    const form = page.getByTestId('new-note');
    await form.waitFor();
    expect(await form.getByRole('checkbox', { name: 'Module tenancy' }).isChecked()).toBe(true);
    await form.getByRole('textbox', { name: 'Note title' }).fill('Tenant suspension in tenancy 2.2');
    await form.getByRole('button', { name: 'Create note' }).click();
    await page.locator('[data-testid="note-detail"][data-path="docs/notes/0004-tenant-suspension-in-tenancy-2-2.md"]').waitFor();
    expect(fs.readFileSync(path.join(dir, 'docs/notes/0004-tenant-suspension-in-tenancy-2-2.md'), 'utf8')).toContain('modules: [tenancy]');
    await page.keyboard.press('Alt+6');
    await page.locator('[data-testid="changes-view"][data-state="done"]').waitFor({ timeout: 60_000 });
    await page.getByTestId('changes-finding').first().waitFor();
    expect(await page.locator('[data-testid="changes-finding"][data-rule="core-change-without-note"]').count()).toBe(0);

    // Checking never touched the repository (the note is the one file the user asked for).
    const after = repoState(dir);
    expect(after.index).toBe(before.index);
    expect(after.head).toBe(before.head);
    expect(after.refs).toBe(before.refs);
    const lines = (status: string) => status.split('\n').filter(Boolean).sort();
    expect(lines(after.status)).toEqual(lines(`${before.status}?? docs/notes/0004-tenant-suspension-in-tenancy-2-2.md\n`));
    expect(consoleErrors).toEqual([]);
  }, 120_000);

  it('Notes: list and filters, Monaco with a live preview that never runs note HTML, save, new note for the selected module, notes in module details', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mwb-notes-e2e-'));
    suite.track(dir);
    fs.cpSync(EXAMPLE, dir, { recursive: true });
    const served = await suite.serve(dir);
    const { page, consoleErrors } = await suite.page(`${served.url}#notes`);
    const items = page.getByTestId('note-item');
    await items.first().waitFor();
    expect(await items.evaluateAll((els) => els.map((e) => e.getAttribute('data-path')))).toEqual([
      'docs/notes/0001-three-tier-modules.md',
      'docs/notes/0002-invoice-status.md',
      'docs/notes/0003-payments-extraction.md',
    ]);
    await page.getByRole('combobox', { name: 'Filter by module' }).selectOption('billing');
    expect(await items.count()).toBe(2);
    await page.getByRole('combobox', { name: 'Filter by kind' }).selectOption('migration');
    expect(await items.count()).toBe(1);
    await page.getByRole('combobox', { name: 'Filter by status' }).selectOption('draft');
    await page.getByTestId('notes-none').waitFor();
    await page.getByRole('combobox', { name: 'Filter by status' }).selectOption('');

    // Open the migration note: Monaco on the left, the rendered note on the right.
    await items.first().click();
    const detail = '[data-testid="note-detail"]';
    await page.locator(`${detail} .view-lines`).waitFor({ timeout: 60_000 });
    await page.waitForFunction(() => document.querySelector('[data-testid="note-detail"] .view-lines')?.textContent?.includes('Replace'));
    const preview = page.getByTestId('note-preview');
    expect(await preview.locator('h1').textContent()).toBe('Replace is_paid with an invoice status column');
    expect(await preview.locator('h1 code').textContent()).toBe('is_paid');
    expect(await preview.locator('table th').allTextContents()).toEqual(['step', 'migration', 'phase', 'what it does']);
    expect(await preview.locator('.note-meta').textContent()).toContain('migration');

    // Typing shows in the preview at once; HTML and script links in a note stay text.
    await page.locator(`${detail} .view-lines`).click();
    await page.keyboard.press('Control+End');
    // The note ends inside an indented list item; Monaco keeps that indentation on Enter.
    await page.keyboard.press('Enter');
    await page.keyboard.press('Shift+Home');
    await page.keyboard.press('Backspace');
    await page.keyboard.type('\n## Follow-up\n\nAlso **archive** void invoices.\n\n<img src=x onerror="window.__xss=1"> [docs](javascript:window.__xss=2) [spec](https://example.com/spec)\n');
    await preview.locator('h2', { hasText: 'Follow-up' }).waitFor();
    expect(await preview.locator('strong', { hasText: 'archive' }).count()).toBe(1);
    expect(await preview.locator('img').count()).toBe(0);
    expect(await preview.textContent()).toContain('<img src=x onerror="window.__xss=1">');
    expect(await preview.locator('a', { hasText: 'docs' }).count()).toBe(0);
    expect(await preview.locator('a', { hasText: 'spec' }).getAttribute('href')).toBe('https://example.com/spec');
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    expect(await page.locator(`${detail}[data-dirty="true"]`).count()).toBe(1);
    await preview.evaluate((el) => (el.scrollTop = el.scrollHeight));
    await screenshot(page, 'notes-editor', true);
    await page.keyboard.press('Control+s');
    await page.locator(`${detail}[data-dirty="false"]`).waitFor();
    expect(fs.readFileSync(path.join(dir, 'docs/notes/0002-invoice-status.md'), 'utf8')).toContain('## Follow-up\n\nAlso **archive** void invoices.');
    expect(await monacoText(page, detail)).toContain('Follow-up');

    // From the graph: a module's details list its notes, and "+ new" starts a note for it.
    await page.keyboard.press('Alt+1');
    await page.locator('[data-testid="graph-canvas"][data-layout="done"]').waitFor({ timeout: 60_000 });
    await page.locator('[data-testid="graph-node"][data-module="payments"]').click();
    const notes = page.getByTestId('details-notes');
    await notes.getByRole('button', { name: /0003 Extract payment gateways/ }).waitFor();
    expect(await notes.getByRole('listitem').count()).toBe(1);
    await notes.scrollIntoViewIfNeeded();
    await screenshot(page, 'graph-module-notes', true);
    await notes.getByRole('button', { name: '+ new' }).click();
    const form = page.getByTestId('new-note');
    await form.waitFor();
    expect(await form.getByRole('checkbox', { name: 'Module payments' }).isChecked()).toBe(true);
    await form.getByRole('radio', { name: /migration/ }).check();
    await form.getByRole('textbox', { name: 'Note title' }).fill('Move refunds to payments');
    await form.getByRole('combobox', { name: 'Supersedes' }).selectOption('0003');
    await screenshot(page, 'notes-new', true);
    await form.getByRole('button', { name: 'Create note' }).click();
    await page.locator(`${detail}[data-path="docs/notes/0004-move-refunds-to-payments.md"]`).waitFor();
    await preview.locator('h2', { hasText: 'Rollback' }).waitFor();
    expect(await page.locator('[data-testid="note-item"][data-path="docs/notes/0003-payments-extraction.md"]').textContent()).toContain('superseded');
    const created = fs.readFileSync(path.join(dir, 'docs/notes/0004-move-refunds-to-payments.md'), 'utf8');
    expect(created).toContain('kind: migration');
    expect(created).toContain('modules: [payments]');
    expect(created).toContain('supersedes: "0003"');
    // The new note is valid: the workbench has no problems.
    expect(await page.locator('.statusbar .errors').textContent()).toBe('0 errors');
    expect(consoleErrors).toEqual([]);
  }, 120_000);
});
