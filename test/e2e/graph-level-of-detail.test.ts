/**
 * The Graph view's level of detail on a big graph (every module of a generated platform drawn,
 * `#graph?group=none`), in Chromium against `mwb serve` (`npm run build` first): far out the nodes
 * are one bitmap and only the selected one stays an element; zooming in admits the node elements
 * around the view over a few frames and keeps the selection; the overview map is a bitmap whose
 * click moves the view. Nothing here is timed (the benchmark is scripts/bench/graph-render.mjs).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { browserSuite, skipE2E } from '../helpers/browser';

const REPO = path.resolve(__dirname, '..', '..');
vi.setConfig({ hookTimeout: 60_000 });
const MODULES = 600;

async function zoomLevel(page: Page): Promise<number> {
  return page.evaluate(() => Number(/scale\(([\d.e-]+)\)/.exec(document.querySelector<HTMLElement>('.react-flow__viewport')!.style.transform)![1]));
}

/** Every node element admitted (none waiting for its frame). */
async function mounted(page: Page): Promise<void> {
  await page.locator('[data-testid="graph-canvas"][data-layout="done"][data-mounting="0"]').waitFor({ timeout: 60_000 });
}

describe.skipIf(skipE2E)('the level of detail of a big graph in a browser', { timeout: 240_000 }, () => {
  const suite = browserSuite();
  let platform = '';
  beforeAll(async () => {
    const tmp = suite.track(fs.mkdtempSync(path.join(os.tmpdir(), 'mwb-graph-lod-')));
    platform = path.join(tmp, 'platform');
    const { generatePlatform } = (await import(path.join(REPO, 'scripts', 'bench', 'generate.mjs'))) as { generatePlatform(dir: string, n: number, o: { seed: number }): unknown };
    generatePlatform(platform, MODULES, { seed: 7 });
  }, 120_000);

  it('far out draws a bitmap and keeps the selected node; zooming in brings the node elements back with the selection', async () => {
    const { page, consoleErrors } = await suite.page(`${(await suite.serve(platform)).url}#graph?group=none`);
    const canvas = page.getByTestId('graph-canvas');
    await page.locator('[data-testid="graph-canvas"][data-layout="done"] [data-testid="graph-node"]').first().waitFor({ timeout: 120_000 });
    await mounted(page);
    expect(Number(await canvas.getAttribute('data-drawn'))).toBe(MODULES);
    // At the readable zoom it opens with, only the nodes around the view are elements.
    const near = await page.locator('[data-testid="graph-node"]').count();
    expect(near).toBeGreaterThan(5);
    expect(near).toBeLessThan(MODULES / 2);
    expect(await page.getByTestId('graph-far-overview').getAttribute('data-visible')).toBe('false');

    // Select a module from the list, then zoom out to the whole graph.
    const name = (await page.locator('[data-testid="graph-node"]').nth(2).getAttribute('data-module'))!;
    await page.getByLabel('Search modules').fill(name);
    await page.locator(`[data-testid="module-list-row"][data-module="${name}"]`).click();
    await page.waitForFunction((n) => document.querySelector('[data-testid="module-details"] h2')?.textContent === n, name);
    await page.getByLabel('Search modules').fill('');
    await page.locator('.react-flow__controls-fitview').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="graph-canvas"]')?.classList.contains('far'));
    expect(await zoomLevel(page)).toBeLessThan(0.35);
    await mounted(page);
    expect(await page.getByTestId('graph-far-overview').getAttribute('data-visible')).toBe('true');
    // Only the selected module is still an element (the bitmap shows the others); the overview map hides.
    expect(await page.locator('[data-testid="graph-node"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-module')))).toEqual([name]);
    await expect.poll(() => page.locator(`[data-testid="graph-node"][data-module="${name}"]`).getAttribute('class')).toContain('selected');
    expect(await page.getByTestId('graph-minimap').isVisible()).toBe(false);

    // Zoom in on the selected module: node elements come back around it, the selection stays.
    const box = (await page.locator(`[data-testid="graph-node"][data-module="${name}"]`).boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    for (let i = 0; i < 40 && (await zoomLevel(page)) < 0.8; i++) await page.mouse.wheel(0, -240);
    await page.waitForFunction(() => !document.querySelector('[data-testid="graph-canvas"]')?.classList.contains('far'));
    await mounted(page);
    expect(await page.getByTestId('graph-far-overview').getAttribute('data-visible')).toBe('false');
    expect(await page.locator('[data-testid="graph-node"]').count()).toBeGreaterThan(5);
    expect(await page.locator(`[data-testid="graph-node"][data-module="${name}"]`).getAttribute('class')).toContain('selected');
    expect(await page.locator('[data-testid="module-details"] h2').textContent()).toBe(name);
    // Edges are drawn again between the node elements.
    expect(await page.locator('.react-flow__edge').count()).toBeGreaterThan(0);
    expect(consoleErrors).toEqual([]);
  });

  it('from far out, Enter in the search centres the first match and moves the keyboard focus to its node once it is an element', async () => {
    const { page, consoleErrors } = await suite.page(`${(await suite.serve(platform)).url}#graph?group=none`);
    await page.locator('[data-testid="graph-canvas"][data-layout="done"] [data-testid="graph-node"]').first().waitFor({ timeout: 120_000 });
    await mounted(page);
    await page.locator('.react-flow__controls-fitview').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="graph-canvas"]')?.classList.contains('far'));
    // A module far from the opening corner: the last in the list.
    const name = (await page.evaluate(() => [...document.querySelectorAll('[data-testid="module-list-row"][data-module]')].map((r) => r.getAttribute('data-module')))).at(-1)!;
    await page.getByLabel('Search modules').fill(name);
    await page.getByLabel('Search modules').press('Enter');
    await page.waitForFunction((n) => document.activeElement?.getAttribute('data-id') === n, name, { timeout: 60_000 });
    expect(await page.locator('[data-testid="module-details"] h2').textContent()).toBe(name);
    expect(consoleErrors).toEqual([]);
  });

  it('the overview map of a big graph is a bitmap of every module; a click there moves the view', async () => {
    const { page, consoleErrors } = await suite.page(`${(await suite.serve(platform)).url}#graph?group=none`);
    await page.locator('[data-testid="graph-canvas"][data-layout="done"] [data-testid="graph-node"]').first().waitFor({ timeout: 120_000 });
    await mounted(page);
    const map = page.getByRole('img', { name: 'Graph overview' });
    expect(await map.isVisible()).toBe(true);
    // The map draws every module, not only the node elements: its bitmap is coloured all over its width.
    const columns = await map.locator('canvas').evaluate((c: HTMLCanvasElement) => {
      const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
      const used = new Set<number>();
      for (let i = 3; i < data.length; i += 4) if (data[i] > 0) used.add(((i - 3) / 4) % c.width);
      return used.size / c.width;
    });
    expect(columns).toBeGreaterThan(0.5);
    const before = await page.locator('.react-flow__viewport').getAttribute('style');
    const frameBefore = await page.getByTestId('graph-minimap-view').boundingBox();
    const mapBox = (await map.boundingBox())!;
    await page.mouse.click(mapBox.x + mapBox.width * 0.8, mapBox.y + mapBox.height * 0.7);
    await page.waitForFunction((s) => document.querySelector('.react-flow__viewport')?.getAttribute('style') !== s, before);
    // The view's frame on the map followed.
    expect(await page.getByTestId('graph-minimap-view').boundingBox()).not.toEqual(frameBefore);
    await mounted(page);
    expect(await page.locator('[data-testid="graph-node"]').count()).toBeGreaterThan(0);
    expect(consoleErrors).toEqual([]);
  });
});
