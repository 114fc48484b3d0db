/**
 * Issue 16, the views at scale, in Chromium against `mwb serve` on a generated platform of 2,000
 * modules (scripts/bench/generate.mjs, with notes and a git branch that bumps some versions, as
 * the view-switch benchmark prepares it). Not timed: every view switch shows its first rows; the
 * Capabilities matrix keeps its module column and header in view while it scrolls and draws
 * later rows and columns; the arrow keys walk its cells; filters find a module far down; the
 * Changes view lists the branch's modules from the session's scan, a window at a time. The
 * Migrations and Permissions views read their rows in pages (contract-pages.ts): no answer they get
 * is a whole plan or catalog, and searching, filtering, selecting and jumping to a file still work.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserSuite, screenshot, skipE2E } from '../helpers/browser';
import { REPO } from '../helpers/checkout';

interface ViewReady {
  view: string;
  key: string;
  ready: string;
}
const BENCH = path.join(REPO, 'scripts', 'bench');
const MODULES = 2000;

async function largePlatform(): Promise<{ dir: string; generated: string; views: ViewReady[] }> {
  const { generatePlatform } = (await import(path.join(BENCH, 'generate.mjs'))) as { generatePlatform(dir: string, n: number, o: { seed: number }): unknown };
  const { preparePlatformCopy, VIEW_READY } = (await import(path.join(BENCH, 'view-switch.mjs'))) as { preparePlatformCopy(dir: string): string; VIEW_READY: ViewReady[] };
  const generated = fs.mkdtempSync(path.join(os.tmpdir(), 'mwb-large-'));
  generatePlatform(generated, MODULES, { seed: 1 });
  return { dir: preparePlatformCopy(generated), generated, views: VIEW_READY };
}

/** Whether an element is drawn inside the scroll box (not scrolled out of it). */
const inBox = (page: Page, box: string, el: string) =>
  page.evaluate(
    ({ box, el }) => {
      const b = document.querySelector(box)!.getBoundingClientRect();
      const e = document.querySelector(el);
      if (!e) return false;
      const r = e.getBoundingClientRect();
      return r.left >= b.left - 1 && r.top >= b.top - 1 && r.right <= b.right + 1 && r.bottom <= b.bottom + 1;
    },
    { box, el },
  );

describe.skipIf(skipE2E)('the views on a platform of 2,000 modules', { timeout: 600_000 }, () => {
  const suite = browserSuite();

  it('every view switch draws its first rows; the matrix scrolls with its module column and header kept; filters find the last module', async () => {
    const { dir, generated, views } = await largePlatform();
    // Stopped and removed inside the test: 16,000 files take longer than an afterAll hook may.
    const served = await suite.serve(dir, 0, 240_000);
    try {
      await walkViews(served.url, dir, views);
    } finally {
      await served.stop();
      fs.rmSync(dir, { recursive: true, force: true });
      fs.rmSync(generated, { recursive: true, force: true });
    }
  });

  async function walkViews(url: string, dir: string, views: ViewReady[]): Promise<void> {
    const { page, consoleErrors } = await suite.page(`${url}#notes`);
    // What the views ask for and how large each answer is (issue 16: never one huge message).
    const asked = new Map<number, string>();
    const answers: { method: string; bytes: number }[] = [];
    const changedFiles: string[] = [];
    page.on('websocket', (ws) => {
      ws.on('framesent', (f) => {
        const m = JSON.parse(String(f.payload)) as { id?: number; method?: string };
        if (m.id !== undefined && m.method) asked.set(m.id, m.method);
      });
      ws.on('framereceived', (f) => {
        const text = String(f.payload);
        const id = /^\{"id":(\d+)/.exec(text)?.[1] ?? (JSON.parse(text) as { id?: number }).id;
        if (id !== undefined) answers.push({ method: asked.get(Number(id)) ?? '?', bytes: text.length });
        else if (text.startsWith('{"event":"file.changed"')) changedFiles.push((JSON.parse(text) as { payload: { path: string } }).payload.path);
      });
    });
    await page.addInitScript(holdableChecks);
    await page.reload();
    await page.locator('[data-testid="note-item"]').first().waitFor({ timeout: 180_000 });

    // Every view answers with rows, and only a window of them is in the DOM.
    for (const v of views) {
      await page.keyboard.press(v.key);
      await page.locator(v.ready).first().waitFor({ timeout: 180_000 });
      expect(await page.evaluate(() => document.getElementsByTagName('*').length), v.view).toBeLessThan(20_000);
    }

    // Capabilities: rows and columns virtualized, sticky header and module column.
    await page.keyboard.press('Alt+3');
    const grid = page.getByTestId('capability-matrix');
    await grid.waitFor();
    const rowCount = Number(await grid.getAttribute('aria-rowcount'));
    const colCount = Number(await grid.getAttribute('aria-colcount'));
    expect(rowCount).toBeGreaterThan(MODULES / 2);
    expect(colCount).toBeGreaterThan(100);
    expect(await grid.locator('[role="row"][data-row]').count()).toBeLessThan(100);
    expect(await grid.locator('[role="row"][data-row="0"] [role="gridcell"]').count()).toBeLessThan(60);
    await grid.evaluate((el) => {
      el.scrollTop = el.scrollHeight * 0.75;
      el.scrollLeft = el.scrollWidth * 0.75;
    });
    await page.waitForFunction(() => {
      const rows = [...document.querySelectorAll('[data-testid="capability-matrix"] [role="row"][data-row]')].map((r) => Number(r.getAttribute('data-row')));
      return rows.length > 0 && Math.min(...rows) > 500;
    });
    const later = await grid.locator('[role="gridcell"]').evaluateAll((cells) => Math.min(...cells.map((c) => Number(c.getAttribute('aria-colindex')))));
    expect(later).toBeGreaterThan(colCount / 2);
    // The module column and the header row stay in view.
    const firstRow = await grid.locator('[role="row"][data-row]').evaluateAll((rows) => {
      const box = rows[0].closest('[role="grid"]')!.getBoundingClientRect();
      const visible = rows.find((r) => r.getBoundingClientRect().top > box.top + 40)!;
      return visible.getAttribute('data-row');
    });
    expect(await inBox(page, '[data-testid="capability-matrix"]', `[data-testid="capability-matrix"] [data-row="${firstRow}"] [role="rowheader"]`)).toBe(true);
    expect(await inBox(page, '[data-testid="capability-matrix"]', '[data-testid="capability-matrix"] .vgrid-corner')).toBe(true);
    const header = await grid.locator('[role="columnheader"][aria-colindex]').evaluateAll((hs) => hs.map((h) => Number(h.getAttribute('aria-colindex'))));
    expect(Math.min(...header.filter((i) => i > 1))).toBe(later);
    await screenshot(page, 'capabilities-large', true);

    // Keyboard: the tab stop (the first cell) is scrolled away, so the grid takes the focus and
    // hands it to the first row in view; the arrow keys walk the cells from there; End reaches the
    // last column, Ctrl+End the last row.
    expect(await grid.getAttribute('tabindex')).toBe('0');
    await grid.focus();
    await page.waitForFunction(() => document.activeElement?.getAttribute('role') === 'rowheader' && Number(document.activeElement.closest('[role="row"]')?.getAttribute('aria-rowindex')) > 500);
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('End');
    await page.waitForFunction((n) => document.activeElement?.getAttribute('aria-colindex') === String(n), colCount);
    await page.keyboard.press('Control+End');
    await page.waitForFunction((n) => document.activeElement?.closest('[role="row"]')?.getAttribute('aria-rowindex') === String(n), rowCount);

    // The filter finds the last module of the load order.
    const last = await grid.locator('[role="row"][aria-rowindex]').last().getAttribute('data-module');
    expect(last).toBeTruthy();
    await page.getByLabel('Filter capabilities').fill(last as string);
    await grid.locator(`[role="row"][data-module="${last}"]`).waitFor();
    expect(Number(await grid.getAttribute('aria-rowcount'))).toBeLessThan(rowCount);

    // Migrations: the last module's row is reached by scrolling the timeline.
    await page.keyboard.press('Alt+4');
    const timeline = page.getByTestId('timeline');
    await timeline.locator('[data-testid="step"]').first().waitFor({ timeout: 180_000 });
    await timeline.evaluate((el) => (el.scrollTop = el.scrollHeight));
    const lastRow = Number(await timeline.getAttribute('aria-rowcount'));
    // Rows are measured as they are drawn, so the bottom moves: scroll until the last row shows its steps.
    const lastMigrating = (await (
      await page.waitForFunction((n) => {
        const el = document.querySelector('[data-testid="timeline"]') as HTMLElement;
        el.scrollTop = el.scrollHeight;
        return el.querySelector(`[role="row"][aria-rowindex="${n}"] [data-testid="step"]`) ? el.querySelector(`[role="row"][aria-rowindex="${n}"]`)?.getAttribute('data-module') : false;
      }, lastRow)
    ).jsonValue()) as string;
    expect(lastRow - 1).toBe(MODULES);
    expect(await page.getByTestId('plan-summary').textContent()).toBe(`${(MODULES * 3).toLocaleString('en-US')} steps: 0 applied, ${MODULES * 3} pending, 0 drifted, 0 blocked`);
    expect(await timeline.locator('[role="row"][data-module]').count()).toBeLessThan(100);
    // The filter asks the server: the last module's row, its contract step's window statements, its SQL.
    await page.getByLabel('Filter migrations').fill(lastMigrating);
    await page.waitForFunction(() => document.querySelector('[data-testid="timeline"]')?.getAttribute('aria-rowcount') === '2');
    const contractStep = timeline.locator(`[data-testid="step"][data-id="${lastMigrating}_0003_retire_legacy_code"]`);
    await contractStep.click();
    const details = page.getByTestId('step-details');
    expect(await details.getAttribute('data-id')).toBe(`${lastMigrating}_0003_retire_legacy_code`);
    expect(await details.getByTestId('window-statements').textContent()).toContain('DROP');
    await details.getByTestId('open-step-sql').click();
    const sqlPath = `modules/${lastMigrating}/migrations/${lastMigrating}_0003_retire_legacy_code.contract.sql`;
    await page.locator(`[data-testid="manifest-editor"][data-path="${sqlPath}"]`).waitFor();
    // The waves filter plans again: only the contract wave, every module.
    await page.keyboard.press('Alt+4');
    await page.getByLabel('Filter migrations').fill('');
    await page.getByLabel('Waves').selectOption('contract');
    await page.waitForFunction((n) => document.querySelector('[data-testid="plan-summary"]')?.textContent?.startsWith(`${n.toLocaleString('en-US')} steps: 0 applied, ${n} pending`), MODULES);
    await timeline.locator('[data-testid="step"]').first().waitFor();
    expect(new Set(await timeline.locator('[data-testid="step"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-column'))))).toEqual(new Set(['3']));
    // Apply names the window from the plan's counts.
    await page.getByRole('button', { name: 'Apply…' }).click();
    expect(await page.getByTestId('window-warning').textContent()).toContain(`wave 3 (contract: ${MODULES.toLocaleString('en-US')} steps)`);
    await page.getByTestId('apply-confirm').getByRole('button', { name: 'Cancel' }).click();
    await page.getByLabel('Waves').selectOption('');

    // Permissions: a search finds a permission of a module far down the list.
    await page.keyboard.press('Alt+5');
    await page.getByTestId('catalog-row').first().waitFor({ timeout: 180_000 });
    // Only the pages in view are asked for (the virtualizer's key lookups for every row fetch nothing).
    await page.waitForTimeout(1000);
    expect([...asked.values()].filter((m) => m === 'permissions.rows').length).toBeLessThan(10);
    const lastModule = fs.readdirSync(path.join(dir, 'modules')).sort().at(-1) as string;
    await page.getByLabel('Search permissions').fill(`${lastModule}.`);
    await page.waitForFunction((m) => {
      const rows = [...document.querySelectorAll('[data-testid="catalog-row"]')];
      return rows.length > 0 && rows.every((r) => r.getAttribute('data-id')?.startsWith(`${m}.`));
    }, lastModule);
    // The matrix shows the same search's rows; a permission opens its manifest at its line.
    await page.getByTestId('tab-matrix').click();
    await page.waitForFunction((m) => {
      const rows = [...document.querySelectorAll('[data-testid="matrix-row"]')];
      return rows.length > 0 && rows.every((r) => r.getAttribute('data-id')?.startsWith(`${m}.`));
    }, lastModule);
    await page.getByTestId('tab-catalog').click();
    await page.getByTestId('catalog-row').first().locator('.perm-id').click();
    await page.locator(`[data-testid="manifest-editor"][data-path="modules/${lastModule}/module.yaml"]`).waitFor();
    // Without a search: the whole catalog's size, a window of it drawn, its last row reached by scrolling.
    await page.keyboard.press('Alt+5');
    await page.getByLabel('Search permissions').fill('');
    const catalogTable = page.getByTestId('permission-catalog');
    const total = Number((await page.getByTestId('tab-catalog').textContent())?.match(/\d+/)?.[0]);
    expect(total).toBeGreaterThan(MODULES);
    await page.waitForFunction((n) => document.querySelector('[data-testid="permission-catalog"]')?.getAttribute('aria-rowcount') === String(n + 1), total);
    expect(await page.getByTestId('catalog-row').count()).toBeLessThan(100);
    // Its pages load as the rows come into view; measured rows move the bottom: scroll until the last row is drawn.
    await page.waitForFunction((n) => {
      const el = document.querySelector('[data-testid="permission-catalog"]') as HTMLElement;
      el.scrollTop = el.scrollHeight;
      return el.querySelector(`[role="row"][aria-rowindex="${n}"][data-testid="catalog-row"]`) !== null;
    }, total + 1);
    expect(await catalogTable.locator('[data-testid="catalog-row"]').count()).toBeLessThan(100);
    await page.getByTestId('tab-reconcile').click();
    await page.getByTestId('reconcile-panel').waitFor();

    // The paged views never asked for a whole plan or catalog, and no answer they got was large.
    const viewAnswers = answers.filter((a) => /^(migrations|permissions)\./.test(a.method));
    expect(viewAnswers.map((a) => a.method)).not.toContain('permissions.catalog');
    expect(viewAnswers.map((a) => a.method)).not.toContain('migrations.plan');
    expect(viewAnswers.length).toBeGreaterThan(5);
    expect(Math.max(...viewAnswers.map((a) => a.bytes))).toBeLessThan(256 * 1024);

    // Notes: the search finds the last note.
    await page.keyboard.press('Alt+7');
    const notes = fs.readdirSync(path.join(dir, 'docs', 'notes')).sort();
    const title = fs.readFileSync(path.join(dir, 'docs', 'notes', notes.at(-1) as string), 'utf8').match(/^title: (.*)$/m)?.[1] as string;
    await page.getByLabel('Search notes').fill(title);
    await page.locator('[data-testid="note-item"]', { hasText: title }).waitFor();

    // Changes, while its check runs: the files that differ, listed before the findings. A file the
    // watcher reports makes the visit check again (else the service answers with the check it made
    // after the session opened); the page holds the check's answer until the files show.
    const all = fs.readdirSync(path.join(dir, 'modules')).sort();
    const bumped = all.filter((_, i) => i % 50 === 0);
    const added = `modules/${bumped[0]}/CHANGELOG.md`;
    fs.writeFileSync(path.join(dir, added), '# Changes\n');
    await expect.poll(() => changedFiles.includes(added), { timeout: 60_000 }).toBe(true);
    await page.evaluate(() => ((window as unknown as { __holdChecks: boolean }).__holdChecks = true));
    await page.keyboard.press('Alt+6');
    const pending = page.locator('[data-testid="changes-view"][data-state="running"] [data-testid="changes-pending"][data-phase="check"]');
    await pending.getByTestId('changes-file').first().waitFor({ timeout: 180_000 });
    expect(await pending.getByTestId('changes-file').evaluateAll((rows) => rows.slice(0, 2).map((r) => r.textContent))).toEqual([`added ${added}`, `modified modules/${bumped[0]}/module.yaml`]);
    expect(await page.getByTestId('changes-module').count()).toBe(0);
    await page.evaluate(() => {
      const w = window as unknown as { __holdChecks: boolean; __heldChecks: (() => void)[] };
      w.__holdChecks = false;
      for (const deliver of w.__heldChecks.splice(0)) deliver();
    });

    // Then the report: the branch bumps every 50th module; the list names exactly those, and draws
    // only a window of them; scrolling reaches the last one.
    const done = page.locator('[data-testid="changes-view"][data-state="done"]');
    await done.locator('[data-testid="changes-module"]').first().waitFor({ timeout: 180_000 });
    await done.getByTestId('changes-findings').waitFor();
    expect(await page.getByTestId('changes-pending').count()).toBe(0);
    const table = done.getByTestId('changes-modules').locator('[role="table"]');
    expect(Number(await table.getAttribute('aria-rowcount'))).toBe(bumped.length + 1);
    const drawn = await done.getByTestId('changes-module').evaluateAll((rows) => rows.map((r) => `${r.getAttribute('data-change')} ${r.getAttribute('data-module')}`));
    expect(drawn.length).toBeLessThan(bumped.length);
    expect(drawn).toEqual(bumped.slice(0, drawn.length).map((m) => `changed ${m}`));
    await table.evaluate((el) => (el.scrollTop = el.scrollHeight));
    await done.locator(`[data-testid="changes-module"][data-module="${bumped.at(-1)}"]`).waitFor();
    expect(consoleErrors).toEqual([]);
  }
});

/**
 * In the page: answers to `changes.check` are held while `window.__holdChecks` is set, and delivered
 * by the test (so what the Changes view shows while its check runs can be looked at, untimed).
 */
function holdableChecks(): void {
  const w = window as unknown as { __holdChecks: boolean; __heldChecks: (() => void)[] };
  w.__holdChecks = false;
  w.__heldChecks = [];
  const checks = new Set<number>();
  const send = WebSocket.prototype.send;
  WebSocket.prototype.send = function (this: WebSocket, data: string | ArrayBufferLike | Blob | ArrayBufferView) {
    const m = typeof data === 'string' ? (JSON.parse(data) as { id?: number; method?: string }) : {};
    if (m.method === 'changes.check' && m.id !== undefined) checks.add(m.id);
    return send.call(this, data);
  };
  const handler = Object.getOwnPropertyDescriptor(WebSocket.prototype, 'onmessage') as PropertyDescriptor;
  Object.defineProperty(WebSocket.prototype, 'onmessage', {
    configurable: true,
    get(this: WebSocket) {
      return handler.get?.call(this);
    },
    set(this: WebSocket, on: ((ev: MessageEvent) => void) | null) {
      handler.set?.call(
        this,
        on &&
          ((ev: MessageEvent) => {
            const id = Number(/^\{"id":(\d+)/.exec(String(ev.data))?.[1]);
            if (w.__holdChecks && checks.has(id)) w.__heldChecks.push(() => on.call(this, ev));
            else on.call(this, ev);
          }),
      );
    },
  });
}
