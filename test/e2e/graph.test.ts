import fs from 'node:fs';
import ELK from 'elkjs/lib/elk.bundled.js';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkbenchSnapshot } from '../../src-main/common/contract';
import {
  buildGraph,
  focusSet,
  indexSnapshot,
  layoutKey,
  layoutRequest,
  nearestInDirection,
  parseCycle,
  searchModules,
  type GraphOptions,
} from '../../src-renderer/src/views/graph/graph-model';
import { impliedEdges } from '../../src-renderer/src/views/graph/implied-edges';
import { fromElkGraph, quickLayered, toElkGraph } from '../../src-renderer/src/workers/layout-engine';
import type { LayoutPositions, LayoutRequest } from '../../src-renderer/src/workers/layout-protocol';
import { launchBrowser, openPage, screenshot, serve, skipE2E, type Served } from '../helpers/browser';
import { EXAMPLE, writeCheckout } from '../helpers/checkout';
import { ok, testService } from '../helpers/service';

/** A checkout with a dependency cycle (a <-> b), a missing capability (c) and a module blocked by it (d). */
const TROUBLED = {
  'platform.yaml': 'name: troubled\nprofiles:\n  default: {capabilities: []}\n',
  'modules/a/module.yaml': 'name: a\nversion: 1.0.0\ndependencies: [b]\n',
  'modules/b/module.yaml': 'name: b\nversion: 1.0.0\ndependencies: [a]\n',
  'modules/c/module.yaml': 'name: c\nversion: 1.0.0\ncapabilities:\n  requires: [search]\n',
  'modules/d/module.yaml': 'name: d\nversion: 1.0.0\ndependencies: [c]\n',
  'modules/e/module.yaml': 'name: e\nversion: 1.0.0\n',
};

async function snapshotOf(dir: string): Promise<WorkbenchSnapshot> {
  const { service } = testService({ now: () => 0 });
  try {
    return await ok<WorkbenchSnapshot>(service.handle('session.open', { path: dir }));
  } finally {
    service.dispose();
  }
}

const ALL: GraphOptions = { tiers: { core: true, optional: true, internal: true }, showEvents: false, showCapabilities: false, direction: 'RIGHT', only: null };

function overlaps(layout: LayoutPositions, request: LayoutRequest): string[] {
  const boxes = request.nodes.map((n) => ({ id: n.id, ...layout.positions[n.id], w: n.width, h: n.height }));
  const out: string[] = [];
  for (let i = 0; i < boxes.length; i++)
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i];
      const b = boxes[j];
      if (a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h) out.push(`${a.id}/${b.id}`);
    }
  return out;
}

describe('graph model and layout (pure, no browser)', () => {
  let example: WorkbenchSnapshot;
  beforeAll(async () => {
    example = await snapshotOf(EXAMPLE);
  });

  it('turns the snapshot into one node per module, positions at zero, dependency and optional edges only by default', () => {
    const graph = buildGraph(example, indexSnapshot(example), ALL);
    expect(graph.nodes.map((n) => n.id).sort()).toEqual(example.modules.map((m) => m.name).sort());
    expect(graph.nodes.every((n) => n.position.x === 0 && n.position.y === 0)).toBe(true);
    expect(new Set(graph.edges.map((e) => e.data!.kind))).toEqual(new Set(['dependency', 'optional']));
    // Drawn upstream -> downstream: billing depends on payments, so payments is the source.
    expect(graph.edges.find((e) => e.id === 'dependency:payments->billing')).toMatchObject({ source: 'payments', target: 'billing' });
    expect(graph.edges.filter((e) => e.data!.kind === 'optional').every((e) => e.className?.includes('kind-optional'))).toBe(true);
  });

  it('adds labelled event and capability edges on their toggles, and filters tiers', () => {
    const index = indexSnapshot(example);
    const events = buildGraph(example, index, { ...ALL, showEvents: true });
    const eventEdges = events.edges.filter((e) => e.data!.kind === 'event');
    expect(eventEdges.length).toBeGreaterThan(0);
    expect(eventEdges.every((e) => typeof e.label === 'string' && e.data!.labels.length > 0)).toBe(true);
    const caps = buildGraph(example, index, { ...ALL, showCapabilities: true });
    expect(caps.edges.some((e) => e.data!.kind === 'capability' && e.data!.labels.includes('payments.processing'))).toBe(true);
    const noInternal = buildGraph(example, index, { ...ALL, tiers: { core: true, optional: true, internal: false } });
    expect(noInternal.nodes.map((n) => n.id)).not.toContain('dev-tools');
    expect(noInternal.edges.some((e) => e.source === 'dev-tools' || e.target === 'dev-tools')).toBe(false);
  });

  it('computes upstream and downstream focus sets transitively', () => {
    const index = indexSnapshot(example);
    const up = focusSet(index, 'billing', 'upstream');
    expect([...up].sort()).toEqual(['billing', 'core', 'customers', 'payments', 'tenancy']);
    const down = focusSet(index, 'payments', 'downstream');
    expect(down.has('billing')).toBe(true);
    expect(down.has('orders')).toBe(true);
    expect(down.has('core')).toBe(false);
    const both = focusSet(index, 'payments', 'both');
    expect(both.has('core') && both.has('billing')).toBe(true);
  });

  it('finds implied edges without cutting cycles, and searches by name', () => {
    expect(impliedEdges([{ from: 'a', to: 'b' }, { from: 'b', to: 'c' }, { from: 'a', to: 'c' }])).toEqual(new Set(['a->c']));
    // a -> b, a -> c with b <-> c: neither edge of a is implied by the other (that would cut a off).
    expect(impliedEdges([{ from: 'a', to: 'b' }, { from: 'a', to: 'c' }, { from: 'b', to: 'c' }, { from: 'c', to: 'b' }]).size).toBe(0);
    const reduced = buildGraph(example, indexSnapshot(example), { ...ALL, hideImplied: true });
    expect(reduced.edges.find((e) => e.id === 'dependency:core->billing')).toBeUndefined();
    expect(reduced.edges.find((e) => e.id === 'dependency:payments->billing')).toBeDefined();
    expect(searchModules(['payments', 'billing', 'pay', 'repay'], 'PAY')).toEqual(['pay', 'payments', 'repay']);
    expect(parseCycle('dependency cycle: a -> b -> a')).toEqual(['a', 'b', 'a']);
    expect(parseCycle('something else')).toBeNull();
  });

  it('marks cycle members, cycle edges and blocked modules', async () => {
    const snap = await snapshotOf(writeCheckout(TROUBLED));
    const index = indexSnapshot(snap);
    expect([...index.cycleMembers].sort()).toEqual(['a', 'b']);
    expect([...index.alerts].sort()).toEqual(['a', 'b', 'c', 'd']);
    const graph = buildGraph(snap, index, ALL);
    expect(graph.edges.filter((e) => e.data!.cycle).map((e) => e.id).sort()).toEqual(['dependency:a->b', 'dependency:b->a']);
    expect(graph.nodes.find((n) => n.id === 'c')!.data.problems.errors).toBeGreaterThan(0);
  });

  it('keeps the layout key when only the revision changes, and lays out deterministically without overlaps', async () => {
    const index = indexSnapshot(example);
    const graph = buildGraph(example, index, ALL);
    const again = buildGraph({ ...example, revision: example.revision + 1 }, indexSnapshot(example), ALL);
    expect(layoutKey(again, 'RIGHT', false)).toBe(layoutKey(graph, 'RIGHT', false));
    expect(layoutKey(buildGraph(example, index, { ...ALL, showEvents: true }), 'RIGHT', true)).not.toBe(layoutKey(graph, 'RIGHT', false));

    const request = layoutRequest(graph, 1, 'RIGHT', false);
    const elk = new ELK();
    const first = fromElkGraph(await elk.layout(toElkGraph(request)));
    const second = fromElkGraph(await elk.layout(toElkGraph({ ...request, nodes: [...request.nodes].reverse(), edges: [...request.edges].reverse() })));
    expect(second.positions).toEqual(first.positions);
    expect(overlaps(first, request)).toEqual([]);
    // Layered: every dependency is left of its dependents.
    for (const e of request.edges) expect(first.positions[e.source].x).toBeLessThan(first.positions[e.target].x);
    expect(Object.keys(first.routes ?? {}).length).toBe(request.edges.length);

    const quick = quickLayered(request);
    expect(quickLayered({ ...request, nodes: [...request.nodes].reverse() })).toEqual(quick);
    expect(overlaps(quick, request)).toEqual([]);
  });

  it('moves between nodes with arrow keys by geometry', () => {
    const centres = new Map([
      ['a', { x: 0, y: 0 }],
      ['b', { x: 200, y: 10 }],
      ['c', { x: 200, y: 300 }],
      ['d', { x: 0, y: 200 }],
    ]);
    expect(nearestInDirection(centres, 'a', 'ArrowRight')).toBe('b');
    expect(nearestInDirection(centres, 'a', 'ArrowDown')).toBe('d');
    expect(nearestInDirection(centres, 'a', 'ArrowLeft')).toBeNull();
  });
});

// ---------------------------------------------------------------------------------------------

async function openGraph(browser: Browser, url: string): Promise<{ page: Page; consoleErrors: string[] }> {
  const opened = await openPage(browser, `${url}#graph`);
  await opened.page.locator('[data-testid="graph-canvas"][data-layout="done"] [data-testid="graph-node"]').first().waitFor();
  return opened;
}

const node = (page: Page, name: string) => page.locator(`[data-testid="graph-node"][data-module="${name}"]`);
const undimmed = (page: Page) => page.locator('[data-testid="graph-node"][data-dimmed="false"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-module')!).sort());
const drawn = (page: Page) => page.locator('[data-testid="graph-node"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-module')!).sort());
const layoutDone = (page: Page) => page.locator('[data-testid="graph-canvas"][data-layout="done"]').waitFor();

describe.skipIf(skipE2E)('the Graph view in a browser', () => {
  let browser: Browser;
  let example: Served;
  let exampleSnapshot: WorkbenchSnapshot;
  const servers: Served[] = [];
  beforeAll(async () => {
    [browser, example, exampleSnapshot] = await Promise.all([launchBrowser(), serve(EXAMPLE), snapshotOf(EXAMPLE)]);
    servers.push(example);
  });
  afterAll(async () => {
    await browser?.close();
    await Promise.all(servers.map((s) => s.stop()));
  });

  it('draws one node per module of the example, with tier colours and versions, laid out without overlaps', async () => {
    const { page, consoleErrors } = await openGraph(browser, example.url);
    expect(await drawn(page)).toEqual(exampleSnapshot.modules.map((m) => m.name).sort());
    expect(await page.locator('[data-testid="graph-node"]').count()).toBe(15);
    expect(await node(page, 'core').getAttribute('data-tier')).toBe('core');
    expect(await node(page, 'dev-tools').getAttribute('class')).toContain('tier-internal');
    expect(await node(page, 'billing').textContent()).toContain('1.5.0');
    // elkjs (loaded by the layout worker on first need) placed it: no fallback note.
    expect(await page.locator('.graph-fallback-note').count()).toBe(0);
    // Dependency edges solid, optional ones dashed; no event edges by default; implied dependencies
    // (a -> c when a -> b -> c) hidden by default, with a note that shows them.
    const direct = await page.locator('.react-flow__edge.kind-dependency').count();
    expect(direct).toBeGreaterThan(10);
    const impliedNote = page.getByTestId('implied-note');
    const hidden = Number(/^(\d+) implied/.exec((await impliedNote.textContent()) ?? '')?.[1]);
    expect(hidden).toBeGreaterThan(0);
    await impliedNote.getByRole('button', { name: 'Show' }).click();
    await page.waitForFunction((n) => document.querySelectorAll('.react-flow__edge.kind-dependency').length > n, direct);
    await layoutDone(page);
    await impliedNote.waitFor({ state: 'detached' });
    expect(await page.getByLabel('Show implied dependencies').isChecked()).toBe(true);
    expect(await page.locator('.react-flow__edge.kind-dependency').count()).toBeGreaterThan(20);
    expect(await page.locator('.react-flow__edge.kind-optional').count()).toBeGreaterThan(0);
    expect(await page.locator('.react-flow__edge.kind-event').count()).toBe(0);
    const dash = await page.locator('.react-flow__edge.kind-optional .react-flow__edge-path').first().evaluate((el) => getComputedStyle(el).strokeDasharray);
    expect(dash).not.toBe('none');
    const boxes = await page.locator('.react-flow__node').evaluateAll((els) => els.map((e) => e.getBoundingClientRect()).map((r) => ({ x: r.x, y: r.y, w: r.width, h: r.height })));
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++) {
        const [a, b] = [boxes[i], boxes[j]];
        expect(a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h).toBe(false);
      }
    expect(await page.locator('[data-testid="graph-node"][data-alert="true"]').count()).toBe(0);
    expect(consoleErrors).toEqual([]);
  });

  it('search highlights matches, Enter selects, centres and focuses the first one, / and Esc drive the search box', async () => {
    const { page, consoleErrors } = await openGraph(browser, example.url);
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('/');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Search modules');
    await page.keyboard.type('pay');
    await page.getByTestId('search-count').waitFor();
    expect(await page.getByTestId('search-count').textContent()).toBe('1 of 15');
    expect(await undimmed(page)).toEqual(['payments']);
    expect(await node(page, 'payments').getAttribute('data-match')).toBe('true');

    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.activeElement?.getAttribute('data-id') === 'payments');
    // Selected: the details panel shows it, beside the canvas (the canvas narrows, the node stays centred).
    expect(await page.getByTestId('module-details').locator('h2').textContent()).toBe('payments');
    const canvas = (await page.getByTestId('graph-canvas').boundingBox())!;
    const box = (await node(page, 'payments').boundingBox())!;
    expect(Math.abs(box.x + box.width / 2 - (canvas.x + canvas.width / 2))).toBeLessThan(30);
    expect(Math.abs(box.y + box.height / 2 - (canvas.y + canvas.height / 2))).toBeLessThan(30);

    // Arrow keys move between modules; Enter selects the focused one.
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction(() => document.activeElement?.getAttribute('data-id') !== 'payments');
    const next = await page.evaluate(() => document.activeElement?.getAttribute('data-id'));
    expect(next).toBeTruthy();
    await page.keyboard.press('Enter');
    await page.getByTestId('module-details').waitFor();
    expect(await page.getByTestId('module-details').locator('h2').textContent()).toBe(next);

    await page.getByLabel('Search modules').focus();
    await page.keyboard.press('Escape');
    expect(await page.getByLabel('Search modules').inputValue()).toBe('');
    await page.locator('[data-testid="graph-node"][data-dimmed="true"]').first().waitFor({ state: 'detached' });
    expect(consoleErrors).toEqual([]);
  });

  it('shows details on click, and focuses upstream / downstream of the selected module', async () => {
    const { page, consoleErrors } = await openGraph(browser, example.url);
    await node(page, 'billing').click();
    const details = page.getByTestId('module-details');
    await details.waitFor();
    expect(await details.locator('h2').textContent()).toBe('billing');
    const deps = await details.getByTestId('details-dependencies').textContent();
    for (const dep of ['core', 'tenancy', 'customers', 'payments']) expect(deps).toContain(dep);
    expect(await details.getByTestId('details-dependents').textContent()).toContain('analytics');
    expect(await details.textContent()).toContain('scoped');
    expect(await details.textContent()).toContain('payments.processing');
    expect(await details.textContent()).toContain('/api/v1/billing/invoices');
    expect(await node(page, 'billing').getAttribute('class')).toContain('selected');

    const toolbar = page.getByRole('toolbar', { name: 'Graph tools' });
    await toolbar.getByRole('button', { name: 'Upstream' }).click();
    await page.getByTestId('focus-note').waitFor();
    const up = await undimmed(page);
    expect(up).toEqual(['billing', 'core', 'customers', 'payments', 'tenancy']);

    await toolbar.getByRole('button', { name: 'Downstream' }).click();
    await page.waitForFunction(() => document.querySelector('[data-module="core"]')?.getAttribute('data-dimmed') === 'true');
    expect(await undimmed(page)).toEqual(['analytics', 'billing']);

    // Hide others: only the focus is drawn (and laid out again).
    await toolbar.getByRole('button', { name: 'Upstream' }).click();
    await page.getByLabel('Hide others').check();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="graph-node"]').length === 5);
    await layoutDone(page);
    expect(await drawn(page)).toEqual(['billing', 'core', 'customers', 'payments', 'tenancy']);
    await page.getByLabel('Hide others').uncheck();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="graph-node"]').length === 15);

    // Clicking a dependency in the panel selects it; the focus follows the selection.
    await details.getByTestId('details-dependencies').getByRole('button', { name: 'payments' }).click();
    await page.waitForFunction(() => document.querySelector('[data-testid="module-details"] h2')?.textContent === 'payments');
    expect(await undimmed(page)).toEqual(['core', 'payments', 'tenancy']);
    await screenshot(page, 'graph-focus');

    // Esc clears the focus.
    await page.locator('body').press('Escape');
    await page.getByTestId('focus-note').waitFor({ state: 'detached' });
    expect((await undimmed(page)).length).toBe(15);

    // Double-click opens the manifest in the editor pane.
    await node(page, 'orders').dblclick();
    await page.locator('aside[aria-label="Manifest editor"]').waitFor();
    await page.locator('[data-testid="manifest-editor"][data-state="ready"] .monaco-editor').waitFor();
    expect(await page.getByTestId('editor-path').textContent()).toContain('modules/orders/module.yaml');
    expect((await page.locator('.monaco-editor .view-lines').textContent())?.replace(/\u00a0/g, ' ')).toContain('name: orders');
    expect(consoleErrors).toEqual([]);
  });

  it('adds labelled event edges with the toggle, filters tiers, and does not lay out again on a rescan', async () => {
    const { page, consoleErrors } = await openGraph(browser, example.url);
    const canvas = page.getByTestId('graph-canvas');
    expect(await page.locator('.react-flow__edge.kind-event').count()).toBe(0);
    await page.getByLabel('Show event edges').check();
    await page.locator('.react-flow__edge.kind-event').first().waitFor();
    await layoutDone(page);
    expect(await page.locator('.react-flow__edge.kind-event').count()).toBeGreaterThan(10);
    expect(await page.locator('.react-flow__edge.kind-event .react-flow__edge-text').allTextContents()).toEqual(
      expect.arrayContaining([expect.stringContaining('payments.payment.failed'), 'core.module.enabled']),
    );
    await page.getByLabel('Show event edges').uncheck();
    await page.locator('.react-flow__edge.kind-event').first().waitFor({ state: 'detached' });

    await page.getByLabel('Tier internal').uncheck();
    await node(page, 'dev-tools').waitFor({ state: 'detached' });
    await layoutDone(page);
    expect(await page.locator('[data-testid="graph-node"]').count()).toBe(13);
    await page.getByLabel('Tier internal').check();
    await node(page, 'dev-tools').waitFor();
    await layoutDone(page);

    const runs = Number(await canvas.getAttribute('data-layouts'));
    const revision = Number(await canvas.getAttribute('data-revision'));
    await page.getByRole('button', { name: 'Rescan' }).click();
    await page.waitForFunction((r) => Number(document.querySelector('[data-testid="graph-canvas"]')?.getAttribute('data-revision')) > r, revision);
    expect(Number(await canvas.getAttribute('data-layouts'))).toBe(runs);
    expect(await canvas.getAttribute('data-layout')).toBe('done');
    expect(consoleErrors).toEqual([]);
  });

  it('exports Mermaid, SVG and PNG as downloaded files', async () => {
    const { page, consoleErrors } = await openGraph(browser, example.url);
    const exportAs = async (item: string) => {
      const download = page.waitForEvent('download');
      await page.getByRole('button', { name: 'Export' }).click();
      await page.getByRole('menuitem', { name: item }).click();
      const d = await download;
      return { name: d.suggestedFilename(), bytes: fs.readFileSync((await d.path())!) };
    };
    const mermaid = await exportAs('Mermaid');
    expect(mermaid.name).toBe('acme-commerce-graph.mmd');
    expect(mermaid.bytes.toString('utf8').startsWith('flowchart')).toBe(true);
    expect(mermaid.bytes.toString('utf8')).toContain('m_billing');
    const svg = await exportAs('SVG image');
    expect(svg.name).toBe('acme-commerce-graph.svg');
    const svgText = svg.bytes.toString('utf8');
    expect(svgText.startsWith('<svg')).toBe(true);
    for (const m of exampleSnapshot.modules) expect(svgText).toContain(`>${m.name}<`);
    const png = await exportAs('PNG image');
    expect(png.name).toBe('acme-commerce-graph.png');
    expect(png.bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(png.bytes.length).toBeGreaterThan(10_000);
    expect(consoleErrors).toEqual([]);
  });

  it('outlines modules in a cycle, with a missing capability, and what they block', async () => {
    const served = await serve(writeCheckout(TROUBLED));
    servers.push(served);
    const { page, consoleErrors } = await openGraph(browser, served.url);
    const alerts = await page.locator('[data-testid="graph-node"][data-alert="true"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-module')).sort());
    expect(alerts).toEqual(['a', 'b', 'c', 'd']);
    expect(await node(page, 'e').getAttribute('data-alert')).toBe('false');
    expect(await node(page, 'a').getAttribute('class')).toContain('cycle');
    expect(await node(page, 'c').getAttribute('data-status')).not.toBe('ok');
    expect(await node(page, 'a').getByTestId('problem-badge').textContent()).toMatch(/\d/);
    const outline = await node(page, 'c').evaluate((el) => getComputedStyle(el).borderTopColor);
    expect(outline).toBe('rgb(207, 34, 46)');
    expect(await page.locator('.react-flow__edge.cycle').count()).toBe(2);

    await node(page, 'd').click();
    const details = page.getByTestId('module-details');
    await details.getByTestId('blocked-reasons').waitFor();
    expect(await details.getByTestId('blocked-reasons').textContent()).toContain('c');
    await node(page, 'c').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="module-details"] h2')?.textContent === 'c');
    expect(await details.getByTestId('details-problems').textContent()).toContain('capability-missing');
    await details.getByTestId('details-problems').getByRole('button').first().click();
    await page.locator('aside[aria-label="Manifest editor"]').waitFor();
    await screenshot(page, 'graph-problems');
    expect(consoleErrors).toEqual([]);
  });

  it('saves the docs screenshot of the example graph', async () => {
    const { page, consoleErrors } = await openGraph(browser, example.url);
    await node(page, 'billing').click();
    await page.getByTestId('module-details').waitFor();
    await page.waitForTimeout(300);
    await screenshot(page, 'graph', true);
    expect(consoleErrors).toEqual([]);
  });
});
