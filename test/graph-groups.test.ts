/**
 * The Graph view's grouping, counted edges and incremental layout, as pure functions (no browser):
 * which grouping a platform opens with, what a collapsed group stands for, and that placing new
 * nodes never moves placed ones nor overlaps them.
 */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { WorkbenchSnapshot } from '../src-main/common/contract';
import { collapseGraph, MAX_COUNTED_EDGES } from '../src-renderer/src/views/graph/graph-collapse';
import { assignGroups, defaultGroupMode, GROUP_FROM, nameSide } from '../src-renderer/src/views/graph/graph-groups';
import { buildGraph, indexSnapshot, type GraphOptions } from '../src-renderer/src/views/graph/graph-model';
import { quickLayered } from '../src-renderer/src/workers/layout-engine';
import { placeIncrementally } from '../src-renderer/src/workers/layout-incremental';
import type { LayoutBox, LayoutRequest } from '../src-renderer/src/workers/layout-protocol';
import { copyFixture, EXAMPLE, REPO } from './helpers/checkout';
import { ok, testService } from './helpers/service';
import fs from 'node:fs';
import os from 'node:os';

async function snapshotOf(dir: string): Promise<WorkbenchSnapshot> {
  const { service } = testService({ now: () => 0 });
  try {
    return await ok<WorkbenchSnapshot>(service.handle('session.open', { path: dir }));
  } finally {
    service.dispose();
  }
}

const ALL: GraphOptions = { tiers: { core: true, optional: true, internal: true }, showEvents: false, showCapabilities: false, direction: 'RIGHT', only: null };

function overlaps(boxes: LayoutBox[]): number {
  let n = 0;
  for (let i = 0; i < boxes.length; i++)
    for (let j = i + 1; j < boxes.length; j++) {
      const [a, b] = [boxes[i], boxes[j]];
      if (a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height) n++;
    }
  return n;
}

describe('graph grouping (pure)', () => {
  let big: WorkbenchSnapshot;
  let example: WorkbenchSnapshot;
  beforeAll(async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mwb-groups-'));
    const { generatePlatform } = (await import(path.join(REPO, 'scripts', 'bench', 'generate.mjs'))) as { generatePlatform(dir: string, n: number, o: { seed: number }): unknown };
    generatePlatform(path.join(dir, 'p'), 400, { seed: 11 });
    big = await snapshotOf(path.join(dir, 'p'));
    example = await snapshotOf(EXAMPLE);
    fs.rmSync(dir, { recursive: true, force: true });
  }, 120_000);

  it('opens small platforms ungrouped and large ones grouped by the shared word of their names', () => {
    expect(example.modules.length).toBeLessThan(GROUP_FROM);
    expect(defaultGroupMode(example)).toBe('none');
    expect(assignGroups(example, 'none').groups.size).toBe(0);
    // Generated names are `m0001-billing`: the last word groups them, the first (unique) does not.
    expect(nameSide(big.modules)).toBe('last');
    expect(defaultGroupMode(big)).toBe('name');
    const byName = assignGroups(big, 'name');
    expect(byName.groups.size).toBeGreaterThan(10);
    for (const g of byName.groups.values()) {
      expect(g.members.length).toBeGreaterThanOrEqual(2);
      expect(g.members.every((m) => m.endsWith(`-${g.label}`))).toBe(true);
    }
    // A module alone under its word is not a group of one.
    expect(byName.groupOf.has('core')).toBe(false);
    expect(nameSide([{ name: 'commerce_cart' }, { name: 'commerce_order' }, { name: 'views_ui' }] as WorkbenchSnapshot['modules'])).toBe('first');
    expect([...assignGroups(big, 'tier').groups.values()].map((g) => g.label).sort()).toEqual(['core', 'internal', 'optional']);
  });

  it("groups a Drupal site by the package of each module's .info.yml", async () => {
    const site = await snapshotOf(copyFixture('drupal/site'));
    const custom = site.modules.filter((m) => m.manifest.package === 'Custom').map((m) => m.name);
    expect(custom).toEqual(expect.arrayContaining(['site_base', 'site_events']));
    const packages = assignGroups(site, 'package');
    const group = packages.groups.get(packages.groupOf.get('site_base')!)!;
    expect(group.label).toBe('Custom');
    expect(group.members.sort()).toEqual([...custom].sort());
  });

  it('collapses a group into one node with counts; edges to it merge into one counted edge; an expanded group draws its modules', () => {
    const index = indexSnapshot(big);
    const graph = buildGraph(big, index, ALL);
    const assignment = assignGroups(big, 'name');
    const collapsed = collapseGraph(graph, index, assignment, new Set(), 'RIGHT');
    expect(collapsed.groups.size).toBe(assignment.groups.size);
    expect(collapsed.nodes.length).toBe(assignment.groups.size + (big.modules.length - assignment.groupOf.size));
    for (const [gid, summary] of collapsed.groups) {
      expect(summary.shown.sort()).toEqual([...assignment.groups.get(gid)!.members].sort());
      expect(summary.tiers.core + summary.tiers.optional + summary.tiers.internal).toBe(summary.shown.length);
    }
    // Every module edge between two different drawn nodes is counted once, unless the pruning of
    // weak links (above MAX_COUNTED_EDGES) left it out.
    const crossing = graph.edges.filter((e) => collapsed.unitOf.get(e.source) !== collapsed.unitOf.get(e.target));
    const counted = collapsed.edges.reduce((n, e) => n + (e.data!.count ?? 1), 0);
    if (collapsed.hiddenWeak === 0) expect(counted).toBe(crossing.length);
    else expect(counted).toBeLessThan(crossing.length);
    expect(collapsed.edges.filter((e) => e.data!.count !== undefined).length).toBeLessThanOrEqual(Math.max(MAX_COUNTED_EDGES, collapsed.nodes.length * 6));
    expect(collapsed.edges.every((e) => e.source !== e.target)).toBe(true);
    const heavy = collapsed.edges.find((e) => (e.data!.count ?? 0) > 1)!;
    expect(heavy.label).toBe(`×${heavy.data!.count}`);

    const [gid, group] = [...assignment.groups][0];
    const open = collapseGraph(graph, index, assignment, new Set([gid]), 'RIGHT');
    expect(open.groups.has(gid)).toBe(false);
    for (const m of group.members) expect(open.nodes.some((n) => n.id === m && n.type === 'module')).toBe(true);
    // Module-to-module edges stay the very objects buildGraph made (same ids, so remembered routes apply).
    const kept = open.edges.filter((e) => e.data!.count === undefined);
    expect(kept.every((e) => graph.edges.includes(e))).toBe(true);
  });
});

describe('incremental layout (pure)', () => {
  const node = (id: string, width = 180) => ({ id, width, height: 60 });

  it('keeps placed nodes exactly where they were and puts a new block near its anchor without overlaps', () => {
    const placed = ['a', 'b', 'c', 'd'].map((id) => node(id));
    const first = quickLayered({ type: 'layout', id: 1, direction: 'RIGHT', labelled: false, nodes: placed, edges: [{ id: 'e1', source: 'a', target: 'b' }, { id: 'e2', source: 'b', target: 'c' }] });
    const fixed: Record<string, LayoutBox> = Object.fromEntries(placed.map((n) => [n.id, { ...first.positions[n.id], width: n.width, height: n.height }]));
    const fresh = ['x1', 'x2', 'x3', 'x4', 'x5'].map((id) => node(id));
    const request: LayoutRequest = {
      type: 'layout',
      id: 2,
      direction: 'RIGHT',
      labelled: false,
      nodes: [...placed, ...fresh],
      edges: [{ id: 'f1', source: 'x1', target: 'x2' }, { id: 'f2', source: 'x2', target: 'x3' }],
      fixed,
      blocks: Object.fromEntries(fresh.map((n) => [n.id, 'g'])),
      anchors: { g: { x: fixed.b.x, y: fixed.b.y } },
    };
    const result = placeIncrementally(request);
    for (const n of placed) expect(result.positions[n.id]).toEqual({ x: fixed[n.id].x, y: fixed[n.id].y });
    const all = request.nodes.map((n) => ({ ...result.positions[n.id], width: n.width, height: n.height }));
    expect(overlaps(all)).toBe(0);
    // Near the anchor: within a few block sizes, not below everything.
    const x1 = result.positions.x1;
    expect(Math.hypot(x1.x - fixed.b.x, x1.y - fixed.b.y)).toBeLessThan(1500);
    // Deterministic.
    expect(placeIncrementally(request)).toEqual(result);
  });

  it('lays thousands of nodes in few layers out as a block, not a strip, and a long chain wraps into bands', () => {
    const many = Array.from({ length: 2000 }, (_, i) => node(`n${String(i).padStart(4, '0')}`));
    const wide = quickLayered({ type: 'layout', id: 1, direction: 'RIGHT', labelled: false, nodes: many, edges: many.slice(1).map((n, i) => ({ id: `e${i}`, source: 'n0000', target: n.id })) });
    expect(wide.width / wide.height).toBeGreaterThan(0.25);
    expect(wide.width / wide.height).toBeLessThan(4);
    const chainNodes = many.slice(0, 60);
    const chain = quickLayered({ type: 'layout', id: 1, direction: 'RIGHT', labelled: false, nodes: chainNodes, edges: chainNodes.slice(1).map((n, i) => ({ id: `c${i}`, source: chainNodes[i].id, target: n.id })) });
    expect(chain.width / chain.height).toBeLessThan(4);
    const boxes = chainNodes.map((n) => ({ ...chain.positions[n.id], width: n.width, height: n.height }));
    expect(overlaps(boxes)).toBe(0);
  });
});
