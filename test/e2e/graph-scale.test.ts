/**
 * The Graph view on a generated large platform (scripts/bench/generate.mjs), in Chromium against
 * `mwb serve` (`npm run build` first): it opens grouped, a group expands in place and collapses
 * again, the module list finds, selects and centres a module, and nodes keep their positions when
 * filters change. Nothing here is timed (the benchmark is scripts/bench/graph-render.mjs).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { browserSuite, screenshot, skipE2E } from '../helpers/browser';

const REPO = path.resolve(__dirname, '..', '..');
// Stopping the servers and removing a platform of 600 modules can outlast the default hook timeout on a busy machine.
vi.setConfig({ hookTimeout: 60_000 });
const MODULES = 600;

interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** Flow coordinates of every rendered node (from React Flow's transform), by id. */
async function boxes(page: Page): Promise<Record<string, Box>> {
  return page.locator('.react-flow__node').evaluateAll((els) => {
    const out: Record<string, { x: number; y: number; w: number; h: number }> = {};
    for (const el of els as HTMLElement[]) {
      const m = /translate\(([-\d.]+)px, ?([-\d.]+)px\)/.exec(el.style.transform);
      if (m) out[el.dataset.id!] = { x: Number(m[1]), y: Number(m[2]), w: el.offsetWidth, h: el.offsetHeight };
    }
    return out;
  });
}

/** Ids present in both with the same position; fails with the ones that moved. */
function expectUnmoved(before: Record<string, Box>, after: Record<string, Box>, minimum: number): void {
  const common = Object.keys(before).filter((id) => after[id]);
  expect(common.length).toBeGreaterThanOrEqual(minimum);
  const moved = common.filter((id) => before[id].x !== after[id].x || before[id].y !== after[id].y);
  expect(moved).toEqual([]);
}

function overlapping(all: Record<string, Box>): string[] {
  const list = Object.entries(all);
  const out: string[] = [];
  for (let i = 0; i < list.length; i++)
    for (let j = i + 1; j < list.length; j++) {
      const [a, b] = [list[i][1], list[j][1]];
      if (a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h) out.push(`${list[i][0]}/${list[j][0]}`);
    }
  return out;
}

async function settled(page: Page): Promise<void> {
  await page.locator('[data-testid="graph-canvas"][data-layout="done"]').waitFor({ timeout: 60_000 });
  await page.waitForTimeout(400);
}

async function fitAll(page: Page): Promise<void> {
  await page.locator('.react-flow__controls-fitview').click();
  await page.waitForTimeout(500);
}

describe.skipIf(skipE2E)('the graph of a large generated platform in a browser', { timeout: 240_000 }, () => {
  const suite = browserSuite();
  let platform = '';
  beforeAll(async () => {
    const tmp = suite.track(fs.mkdtempSync(path.join(os.tmpdir(), 'mwb-graph-scale-')));
    platform = path.join(tmp, 'platform');
    const { generatePlatform } = (await import(path.join(REPO, 'scripts', 'bench', 'generate.mjs'))) as { generatePlatform(dir: string, n: number, o: { seed: number }): unknown };
    generatePlatform(platform, MODULES, { seed: 5 });
  }, 120_000);

  async function open(hash = '#graph'): Promise<{ page: Page; consoleErrors: string[] }> {
    const opened = await suite.page(`${(await suite.serve(platform)).url}${hash}`);
    await opened.page.locator('[data-testid="graph-canvas"][data-layout="done"] [data-testid="graph-group"]').first().waitFor({ timeout: 120_000 });
    await settled(opened.page);
    return opened;
  }

  it('opens grouped (not hundreds of boxes); a click expands a group where it was without moving the others; the list collapses it back', async () => {
    const { page, consoleErrors } = await open();
    const canvas = page.getByTestId('graph-canvas');
    const groups = Number(await canvas.getAttribute('data-groups'));
    expect(groups).toBeGreaterThan(10);
    expect(Number(await canvas.getAttribute('data-drawn'))).toBeLessThan(MODULES / 4);
    expect(await page.getByLabel('Group by').inputValue()).toBe('name');
    expect(await page.getByTestId('groups-note').textContent()).toContain(`${groups} collapsed groups`);
    await screenshot(page, 'graph-grouped', true);
    // A group node says how many modules it holds (one whose header the list shows).
    const gid = (await page.locator('[data-testid="module-list-row"][data-group]').nth(1).getAttribute('data-group'))!;
    const group = page.locator(`[data-testid="graph-group"][data-group="${gid}"]`);
    const count = Number(await group.getAttribute('data-count'));
    expect(count).toBeGreaterThan(1);
    expect(await group.textContent()).toContain(`${count} modules`);
    const label = gid.split(':').pop()!;

    const before = await boxes(page);
    await group.click();
    await page.locator(`[data-testid="graph-group"][data-group="${gid}"]`).waitFor({ state: 'detached' });
    await settled(page);
    await fitAll(page);
    const expanded = await boxes(page);
    const members = Object.keys(expanded).filter((id) => id.endsWith(`-${label}`));
    expect(members.length).toBe(count);
    expectUnmoved(before, expanded, groups - 2);
    expect(overlapping(expanded)).toEqual([]);
    expect(await page.locator(`[data-testid="module-list-row"][data-group="${gid}"]`).getAttribute('aria-expanded')).toBe('true');

    // Collapsed from the list: the group comes back where it was, and nothing else moved.
    await page.locator(`[data-testid="module-list-row"][data-group="${gid}"]`).click();
    await page.locator(`[data-testid="graph-group"][data-group="${gid}"]`).waitFor();
    await settled(page);
    await fitAll(page);
    const collapsed = await boxes(page);
    expect(collapsed[gid]).toEqual(before[gid]);
    expectUnmoved(before, collapsed, groups);

    // Keyboard: Enter on a focused group expands it too.
    const other = page.locator('[data-testid="graph-group"]').first();
    const otherId = (await other.getAttribute('data-group'))!;
    await page.locator(`.react-flow__node[data-id="${otherId}"]`).focus();
    await page.keyboard.press('Enter');
    await page.locator(`[data-testid="graph-group"][data-group="${otherId}"]`).waitFor({ state: 'detached' });
    expect(consoleErrors).toEqual([]);
  });

  it('the module list: the search filters it, a click selects the module, opens its group and centres and focuses it on the canvas; arrows and Enter work', async () => {
    const { page, consoleErrors } = await open();
    const list = page.getByTestId('module-list');
    // Virtualized: far fewer rows in the DOM than modules.
    expect(await list.locator('[data-testid="module-list-row"]').count()).toBeLessThan(80);
    expect(await list.textContent()).toContain(`${MODULES} modules`);
    const target = (await list.locator('[data-testid="module-list-row"][data-module]').nth(3).getAttribute('data-module'))!;
    expect(await page.locator(`[data-testid="graph-node"][data-module="${target}"]`).count()).toBe(0);

    await page.getByLabel('Search modules').fill(target);
    await page.waitForFunction((name) => document.querySelectorAll('[data-testid="module-list-row"][data-module]').length === 1 && !!document.querySelector(`[data-testid="module-list-row"][data-module="${name}"]`), target);
    await list.locator(`[data-testid="module-list-row"][data-module="${target}"]`).click();
    await page.waitForFunction((name) => document.querySelector('[data-testid="module-details"] h2')?.textContent === name, target);
    await page.waitForFunction((name) => document.activeElement?.getAttribute('data-id') === name, target, { timeout: 60_000 });
    const canvas = (await page.getByTestId('graph-canvas').boundingBox())!;
    const box = (await page.locator(`[data-testid="graph-node"][data-module="${target}"]`).boundingBox())!;
    expect(Math.abs(box.x + box.width / 2 - (canvas.x + canvas.width / 2))).toBeLessThan(40);
    expect(Math.abs(box.y + box.height / 2 - (canvas.y + canvas.height / 2))).toBeLessThan(40);
    expect(await list.locator(`[data-testid="module-list-row"][data-module="${target}"]`).getAttribute('aria-selected')).toBe('true');
    await page.waitForTimeout(300);
    await screenshot(page, 'graph-module-list', true);

    // Keyboard: clear the search, then move in the list and select with Enter.
    await page.getByLabel('Search modules').fill('');
    const listbox = list.getByRole('listbox', { name: 'Modules' });
    await listbox.focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    const active = (await listbox.getAttribute('aria-activedescendant'))!;
    const row = page.locator(`#${active}`);
    const name = await row.getAttribute('data-module');
    expect(name).toBeTruthy();
    await page.keyboard.press('Enter');
    await page.waitForFunction((n) => document.querySelector('[data-testid="module-details"] h2')?.textContent === n, name);
    expect(consoleErrors).toEqual([]);
  });

  it('keeps the positions of the nodes that remain when a tier is hidden and shown, edge kinds toggle or a focus hides others', async () => {
    const { page, consoleErrors } = await open();
    // Expand two groups (from the list) so that modules, not only groups, are on the canvas.
    for (const i of [0, 1]) {
      await page.locator('[data-testid="module-list-row"][data-group]').nth(i).click();
      await settled(page);
    }
    await fitAll(page);
    const before = await boxes(page);
    const runs = Number(await page.getByTestId('graph-canvas').getAttribute('data-layouts'));

    await page.getByLabel('Tier internal').uncheck();
    await settled(page);
    await fitAll(page);
    expectUnmoved(before, await boxes(page), 20);
    await page.getByLabel('Tier internal').check();
    await settled(page);
    await page.getByLabel('Show event edges').check();
    await settled(page);
    await fitAll(page);
    const again = await boxes(page);
    expectUnmoved(before, again, Object.keys(before).length);
    // Filters and edge kinds never ran a layout.
    expect(Number(await page.getByTestId('graph-canvas').getAttribute('data-layouts'))).toBe(runs);

    // Focus on a drawn module's upstream, hiding the others: what stays keeps its place.
    const drawnModule = (await page.locator('[data-testid="graph-node"]').last().getAttribute('data-module'))!;
    await page.locator(`[data-testid="module-list-row"][data-module="${drawnModule}"]`).scrollIntoViewIfNeeded().catch(() => undefined);
    await page.getByLabel('Search modules').fill(drawnModule);
    await page.locator(`[data-testid="module-list-row"][data-module="${drawnModule}"]`).click();
    await page.getByTestId('module-details').waitFor();
    await page.getByLabel('Search modules').fill('');
    await page.getByRole('toolbar', { name: 'Graph tools' }).getByRole('button', { name: 'Upstream' }).click();
    await page.getByLabel('Hide others').check();
    await settled(page);
    await fitAll(page);
    const focused = await boxes(page);
    expect(Object.keys(focused).length).toBeLessThan(Object.keys(again).length);
    expectUnmoved(again, focused, 1);

    // Grouping by tier lays out afresh (without a selection, whose group would open).
    await page.getByLabel('Hide others').uncheck();
    await page.locator('body').press('Escape');
    await page.locator('body').press('Escape');
    await page.getByTestId('module-details').waitFor({ state: 'detached' });
    await page.getByLabel('Group by').selectOption('tier');
    await page.waitForFunction(() => document.querySelector('[data-testid="graph-canvas"]')?.getAttribute('data-groups') === '3');
    await settled(page);
    expect(await page.locator('[data-testid="graph-group"]').count()).toBe(3);
    expect(consoleErrors).toEqual([]);
  });
});
