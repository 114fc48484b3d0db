/**
 * The Graph view during a pan or zoom gesture, in Chromium against `mwb serve` (`npm run build`
 * first), on a generated platform of 600 modules: while a gesture runs no node element of a big
 * graph comes or goes (the overview bitmap stands in for the nodes the view reaches) and nothing
 * under the pointer is hit-tested; once it settles the nodes in view are elements again. The
 * grouped overview mounts all its elements once, and the viewport is a compositor layer. React
 * Flow holds only a big graph's nodes around the view, so a zoom out mounts none mid-gesture. A
 * zoom gesture scales one picture of the node elements (gesture-layer.tsx) instead of the elements,
 * and the minimap's frame follows by its transform. Nothing here is timed (the benchmark is scripts/bench/graph-render.mjs).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { browserSuite, screenshot, skipE2E } from '../helpers/browser';

const REPO = path.resolve(__dirname, '..', '..');
vi.setConfig({ hookTimeout: 60_000 });
const MODULES = 600;

/** Every node element admitted (none waiting for its frame, no gesture left the drawn area). */
async function settled(page: Page): Promise<void> {
  await page.locator('[data-testid="graph-canvas"][data-layout="done"][data-mounting="0"]').waitFor({ timeout: 60_000 });
}

/** Module names of the node elements at least partly inside the canvas. */
async function inView(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const c = document.querySelector('[data-testid="graph-canvas"]')!.getBoundingClientRect();
    return [...document.querySelectorAll<HTMLElement>('[data-testid="graph-node"]')]
      .filter((el) => {
        const r = el.getBoundingClientRect();
        return r.right > c.left && r.left < c.right && r.bottom > c.top && r.top < c.bottom;
      })
      .map((el) => el.dataset.module!);
  });
}

/**
 * A screen offset (px) that brings a module at least `screens` canvas widths or heights away from
 * the view to the canvas centre: found on the overview bitmap, which holds every module.
 */
async function farModuleOffset(page: Page, screens: number): Promise<{ dx: number; dy: number }> {
  return page.evaluate((screens) => {
    const bitmap = document.querySelector<HTMLCanvasElement>('[data-testid="graph-far-overview"]')!;
    const canvas = document.querySelector('[data-testid="graph-canvas"]')!.getBoundingClientRect();
    const m = /translate\(([-\d.e]+)px,\s*([-\d.e]+)px\)\s*scale\(([-\d.e]+)\)/.exec(document.querySelector<HTMLElement>('.react-flow__viewport')!.style.transform)!;
    const [tx, ty, k] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const x0 = parseFloat(bitmap.style.left);
    const y0 = parseFloat(bitmap.style.top);
    const scale = bitmap.width / parseFloat(bitmap.style.width);
    const data = bitmap.getContext('2d')!.getImageData(0, 0, bitmap.width, bitmap.height).data;
    // The view's centre and size in flow units.
    const cx = (canvas.width / 2 - tx) / k;
    const cy = (canvas.height / 2 - ty) / k;
    const w = canvas.width / k;
    const h = canvas.height / k;
    let best: { x: number; y: number; d: number } | null = null;
    for (let i = 3; i < data.length; i += 4) {
      if (data[i] === 0) continue;
      const p = (i - 3) / 4;
      const x = x0 + (p % bitmap.width) / scale;
      const y = y0 + Math.floor(p / bitmap.width) / scale;
      if (Math.abs(x - cx) < screens * w && Math.abs(y - cy) < screens * h) continue;
      const d = Math.hypot(x - cx, y - cy);
      if (!best || d < best.d) best = { x, y, d };
    }
    if (!best) throw new Error('no module that far from the view');
    return { dx: (cx - best.x) * k, dy: (cy - best.y) * k };
  }, screens);
}

describe.skipIf(skipE2E)('the graph during a pan or zoom gesture in a browser', { timeout: 240_000 }, () => {
  const suite = browserSuite();
  let platform = '';
  beforeAll(async () => {
    const tmp = suite.track(fs.mkdtempSync(path.join(os.tmpdir(), 'mwb-graph-gesture-')));
    platform = path.join(tmp, 'platform');
    const { generatePlatform } = (await import(path.join(REPO, 'scripts', 'bench', 'generate.mjs'))) as { generatePlatform(dir: string, n: number, o: { seed: number }): unknown };
    generatePlatform(platform, MODULES, { seed: 11 });
  }, 120_000);

  it('a big graph admits no node element during a pan; once the pan settles the nodes in view are elements', async () => {
    const { page, consoleErrors } = await suite.page(`${(await suite.serve(platform)).url}#graph?group=none`);
    await page.locator('[data-testid="graph-canvas"][data-layout="done"] [data-testid="graph-node"]').first().waitFor({ timeout: 120_000 });
    await settled(page);
    const before = await inView(page);
    expect(before.length).toBeGreaterThan(3);
    expect(await page.getByTestId('graph-far-overview').getAttribute('data-visible')).toBe('false');

    // Drag a module more than two screens away to the centre, and hold the mouse there.
    const { dx, dy } = await farModuleOffset(page, 2.2);
    const box = (await page.getByTestId('graph-canvas').boundingBox())!;
    const start = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
    await page.mouse.move(start.x, start.y);
    await page.mouse.down();
    const steps = 24;
    for (let i = 1; i <= steps; i++) await page.mouse.move(start.x + (dx * i) / steps, start.y + (dy * i) / steps);
    // Frames go by with the gesture still running: before, the budget admitted nodes meanwhile.
    await page.waitForTimeout(1000);
    expect(await page.getByTestId('graph-canvas').getAttribute('data-moving')).toBe('');
    expect(await inView(page)).toEqual([]);
    // The bitmap stands in for them, and the canvas says nodes wait.
    expect(await page.getByTestId('graph-far-overview').getAttribute('data-visible')).toBe('true');
    expect(Number(await page.getByTestId('graph-canvas').getAttribute('data-mounting'))).toBeGreaterThan(0);
    await page.mouse.up();

    await settled(page);
    const after = await inView(page);
    expect(after.length).toBeGreaterThan(0);
    expect(after.filter((n) => before.includes(n))).toEqual([]);
    // The edges between the newly admitted nodes are drawn (picked from their own edges).
    expect(await page.locator('.react-flow__edge').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('graph-far-overview').getAttribute('data-visible')).toBe('false');
    expect(await page.getByTestId('graph-canvas').getAttribute('data-moving')).toBeNull();
    expect(consoleErrors).toEqual([]);
  });

  it('React Flow holds only the nodes around the view of a big graph: a zoom out mounts no node mid-gesture, and Fit View fits every module', async () => {
    const { page, consoleErrors } = await suite.page(`${(await suite.serve(platform)).url}#graph?group=none`);
    await page.locator('[data-testid="graph-canvas"][data-layout="done"] [data-testid="graph-node"]').first().waitFor({ timeout: 120_000 });
    await settled(page);
    // Every node React Flow holds is an element (it gets no hidden copy of the others): a few of the 600.
    const held = await page.locator('.react-flow__node').count();
    expect(held).toBeGreaterThan(3);
    expect(held).toBeLessThan(MODULES / 2);
    expect(await page.locator('.react-flow__node [data-testid="graph-node"]').count()).toBe(held);
    expect(Number(await page.getByTestId('graph-canvas').getAttribute('data-drawn'))).toBe(MODULES);
    // Count node elements mounted while a gesture runs. Zooming out brings the nodes admitted around
    // the view into it: before, React Flow mounted (and measured) them mid-gesture.
    await page.evaluate(() => {
      const w = window as unknown as { mountedMidGesture: number };
      w.mountedMidGesture = 0;
      const canvas = document.querySelector('[data-testid="graph-canvas"]')!;
      new MutationObserver((records) => {
        if (!canvas.hasAttribute('data-moving')) return;
        for (const r of records) w.mountedMidGesture += [...r.addedNodes].filter((n) => n instanceof HTMLElement && n.classList.contains('react-flow__node')).length;
      }).observe(document.querySelector('.react-flow__nodes')!, { childList: true });
    });
    const box = (await page.getByTestId('graph-canvas').boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    for (let i = 0; i < 2; i++) await page.mouse.wheel(0, 120);
    await page.waitForTimeout(100);
    await page.waitForFunction(() => !document.querySelector('[data-testid="graph-canvas"]')?.hasAttribute('data-moving'));
    expect(await page.evaluate(() => (window as unknown as { mountedMidGesture: number }).mountedMidGesture)).toBe(0);
    // Once it settles, the view's nodes are admitted (more than before: the view is bigger, still readable).
    expect(await page.getByTestId('graph-canvas').getAttribute('class')).not.toContain('far');
    await expect.poll(() => page.locator('.react-flow__node').count(), { timeout: 60_000 }).toBeGreaterThan(held);
    await settled(page);
    // Fit View is ours on a big graph (React Flow's fits only the nodes it holds): every module in view.
    await page.locator('.react-flow__controls-fitview').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="graph-canvas"]')?.classList.contains('far'));
    const fitted = await page.evaluate(() => {
      const bitmap = document.querySelector<HTMLElement>('[data-testid="graph-far-overview"]')!.getBoundingClientRect();
      const c = document.querySelector('[data-testid="graph-canvas"]')!.getBoundingClientRect();
      return { inside: bitmap.left >= c.left - 1 && bitmap.right <= c.right + 1 && bitmap.top >= c.top - 1 && bitmap.bottom <= c.bottom + 1, share: (bitmap.width * bitmap.height) / (c.width * c.height) };
    });
    expect(fitted.inside).toBe(true);
    expect(fitted.share).toBeGreaterThan(0.2);
    expect(consoleErrors).toEqual([]);
  });

  it('a zoom gesture scales one picture of the node elements (their rendering skipped, no DOM change), and once it settles the elements show again', async () => {
    const { page, consoleErrors } = await suite.page(`${(await suite.serve(platform)).url}#graph?group=none`);
    await page.locator('[data-testid="graph-canvas"][data-layout="done"] [data-testid="graph-node"]').first().waitFor({ timeout: 120_000 });
    await settled(page);
    // What the page saw while the gesture ran: recorded in the page, when `data-zooming` appears
    // (a wait from here could miss the moment on a loaded machine).
    await page.evaluate(() => {
      const w = window as unknown as { seen: Record<string, unknown>; changed: number };
      w.seen = {};
      w.changed = 0;
      const canvas = document.querySelector<HTMLElement>('[data-testid="graph-canvas"]')!;
      const frame = document.querySelector<HTMLElement>('[data-testid="graph-minimap-view"]')!;
      const box = () => ({ left: frame.style.left, top: frame.style.top, width: frame.style.width, height: frame.style.height });
      const before = JSON.stringify(box());
      new MutationObserver(() => {
        if (!canvas.hasAttribute('data-zooming') || w.seen.zooming) return;
        const layer = document.querySelector<HTMLCanvasElement>('[data-testid="graph-gesture-layer"]')!;
        w.seen = {
          zooming: true,
          moving: canvas.hasAttribute('data-moving'),
          layer: getComputedStyle(layer).display,
          layerPixels: layer.width * layer.height,
          nodes: getComputedStyle(document.querySelector('.react-flow__nodes')!).contentVisibility,
          edges: getComputedStyle(document.querySelector('.react-flow__edges')!).contentVisibility,
        };
      }).observe(canvas, { attributes: true, attributeFilter: ['data-zooming'] });
      // Node elements and edges changed while a gesture runs (React rendering them, or mounting).
      const count = (records: MutationRecord[]) => {
        if (canvas.hasAttribute('data-moving')) w.changed += records.length;
      };
      for (const sel of ['.react-flow__nodes', '.react-flow__edges']) new MutationObserver(count).observe(document.querySelector(sel)!, { subtree: true, childList: true, attributes: true, characterData: true });
      // The minimap's frame: mid-gesture it moves and scales by its transform only.
      new MutationObserver(() => {
        if (canvas.hasAttribute('data-moving') && JSON.stringify(box()) !== before) w.seen.frameBoxChanged = true;
        if (canvas.hasAttribute('data-moving')) w.seen.frameTransform = frame.style.transform;
      }).observe(frame, { attributes: true, attributeFilter: ['style'] });
    });
    const frameBefore = await page.getByTestId('graph-minimap-view').evaluate((el) => el.style.transform);
    const box = (await page.getByTestId('graph-canvas').boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    for (let i = 0; i < 3; i++) await page.mouse.wheel(0, -120);
    await screenshot(page, 'graph-zoom-gesture-layer');
    await page.waitForFunction(() => !document.querySelector('[data-testid="graph-canvas"]')?.hasAttribute('data-moving'));
    const seen = await page.evaluate(() => (window as unknown as { seen: Record<string, unknown> }).seen);
    expect(seen).toMatchObject({ zooming: true, layer: 'block', nodes: 'hidden', edges: 'hidden' });
    expect(seen.layerPixels).toBeGreaterThan(0);
    expect(seen.frameBoxChanged).toBeUndefined();
    expect(seen.frameTransform).not.toBe(frameBefore);
    // No node element or edge came, went or changed mid-gesture.
    expect(await page.evaluate(() => (window as unknown as { changed: number }).changed)).toBe(0);
    // Settled: the elements render again, crisp at the new zoom, the picture hides.
    await page.waitForFunction(() => !document.querySelector('[data-testid="graph-canvas"]')?.hasAttribute('data-zooming'));
    expect(await page.getByTestId('graph-gesture-layer').evaluate((el) => getComputedStyle(el).display)).toBe('none');
    expect(await page.locator('.react-flow__nodes').evaluate((el) => getComputedStyle(el).contentVisibility)).toBe('visible');
    await settled(page);
    expect(await page.locator('.react-flow__node').count()).toBeGreaterThan(0);
    expect((await inView(page)).length).toBeGreaterThan(0);
    await screenshot(page, 'graph-zoom-settled');
    expect(consoleErrors).toEqual([]);
  });

  it('mid-gesture nothing under the pointer is hit-tested; after it a node is, and a click selects it', async () => {
    const { page, consoleErrors } = await suite.page(`${(await suite.serve(platform)).url}#graph?group=none`);
    await page.locator('[data-testid="graph-canvas"][data-layout="done"] [data-testid="graph-node"]').first().waitFor({ timeout: 120_000 });
    await settled(page);
    const canvas = (await page.getByTestId('graph-canvas').boundingBox())!;
    const start = { x: canvas.x + canvas.width / 2, y: canvas.y + canvas.height / 2 };
    // A node's centre after a small pan: hit-tested as the node only once the pan has ended.
    const name = (await inView(page))[0];
    await page.mouse.move(start.x, start.y);
    await page.mouse.down();
    await page.mouse.move(start.x + 40, start.y + 30, { steps: 4 });
    const node = (await page.locator(`[data-testid="graph-node"][data-module="${name}"]`).boundingBox())!;
    const hit = (x: number, y: number) => page.evaluate(([x, y]) => document.elementFromPoint(x, y)?.closest('[data-testid="graph-node"]')?.getAttribute('data-module') ?? null, [x, y]);
    expect(await hit(node.x + node.width / 2, node.y + node.height / 2)).toBeNull();
    await page.mouse.up();
    await page.waitForFunction(() => !document.querySelector('[data-testid="graph-canvas"]')?.hasAttribute('data-moving'));
    expect(await hit(node.x + node.width / 2, node.y + node.height / 2)).toBe(name);
    await page.mouse.click(node.x + node.width / 2, node.y + node.height / 2);
    await page.waitForFunction((n) => document.querySelector('[data-testid="module-details"] h2')?.textContent === n, name);
    // The viewport is its own compositor layer (a pan moves its bitmap instead of repainting the canvas).
    expect(await page.locator('.react-flow__viewport').evaluate((el) => getComputedStyle(el).willChange)).toBe('transform');
    expect(consoleErrors).toEqual([]);
  });

  it('the grouped overview mounts all its elements once: zooming in leaves out none, and a big platform draws no dot grid', async () => {
    const { page, consoleErrors } = await suite.page(`${(await suite.serve(platform)).url}#graph`);
    await page.locator('[data-testid="graph-canvas"][data-layout="done"] [data-testid="graph-group"]').first().waitFor({ timeout: 120_000 });
    const groups = Number(await page.getByTestId('graph-canvas').getAttribute('data-groups'));
    expect(groups).toBeGreaterThan(3);
    const edges = await page.locator('.react-flow__edge').count();
    expect(edges).toBeGreaterThan(0);
    const canvas = (await page.getByTestId('graph-canvas').boundingBox())!;
    await page.mouse.move(canvas.x + canvas.width / 2, canvas.y + canvas.height / 2);
    for (let i = 0; i < 8; i++) await page.mouse.wheel(0, -240);
    await page.waitForFunction(() => !document.querySelector('[data-testid="graph-canvas"]')?.hasAttribute('data-moving'));
    // Some groups are out of view now, and still elements.
    const outside = await page.locator('[data-testid="graph-group"]').evaluateAll((els) => {
      const c = document.querySelector('[data-testid="graph-canvas"]')!.getBoundingClientRect();
      return els.filter((el) => {
        const r = el.getBoundingClientRect();
        return r.right < c.left || r.left > c.right || r.bottom < c.top || r.top > c.bottom;
      }).length;
    });
    expect(outside).toBeGreaterThan(0);
    expect(await page.locator('[data-testid="graph-group"]').count()).toBe(groups);
    expect(await page.locator('.react-flow__edge').count()).toBe(edges);
    expect(await page.locator('.react-flow__background').count()).toBe(0);
    expect(consoleErrors).toEqual([]);
  });
});
