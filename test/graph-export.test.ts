import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import type { WorkbenchSnapshot } from '../src-main/common/contract';
import { graphToSvg } from '../src-renderer/src/views/graph/graph-export';
import { buildGraph, indexSnapshot, layoutRequest, type GraphOptions } from '../src-renderer/src/views/graph/graph-model';
import { quickLayered } from '../src-renderer/src/workers/layout-engine';
import { EXAMPLE, writeCheckout } from './helpers/checkout';
import { ok, testService } from './helpers/service';

const ALL: GraphOptions = { tiers: { core: true, optional: true, internal: true }, showEvents: false, showCapabilities: false, direction: 'RIGHT', only: null };

async function snapshotOf(dir: string): Promise<WorkbenchSnapshot> {
  const { service } = testService({ now: () => 0 });
  try {
    return await ok<WorkbenchSnapshot>(service.handle('session.open', { path: dir }));
  } finally {
    service.dispose();
  }
}

/** The graph laid out as the view first places it, exported as the view exports it. */
async function exported(dir: string, options: GraphOptions = ALL, title = 'platform module graph') {
  const snapshot = await snapshotOf(dir);
  const graph = buildGraph(snapshot, indexSnapshot(snapshot), options);
  const layout = quickLayered(layoutRequest(graph, 1, options.direction, false));
  const nodes = graph.nodes.map((n) => ({ ...n, position: layout.positions[n.id] }));
  const { svg, width, height } = graphToSvg(nodes, graph.edges, title);
  expect(XMLValidator.validate(svg)).toBe(true);
  const texts = [...svg.matchAll(/<text [^>]*>([^<]*)/g)].map((m) => m[1]);
  const header = /<g data-part="header">([\s\S]*?<line [^>]*\/>)<\/g>/.exec(svg)?.[1] ?? '';
  const line = /<line x1="[\d.]+" y1="([\d.]+)"/.exec(header);
  return { svg, width, height, texts, header, headerBottom: Number(line?.[1]), snapshot };
}

describe('graph export (SVG, and the PNG drawn from it): title and legend', () => {
  it('draws the title and a legend of the tiers and edge kinds shown, above every module', async () => {
    const { svg, texts, header, headerBottom, width, snapshot } = await exported(EXAMPLE, ALL, 'acme-commerce module graph');
    expect(texts[0]).toBe('acme-commerce module graph');
    const legend = [...header.matchAll(/<text x="30"[^>]*>([^<]*)/g)].map((m) => m[1]);
    expect(legend).toEqual(['core tier', 'optional tier', 'internal tier', 'depends on (arrow at the dependency)', 'optional dependency (arrow at the dependency)']);
    // Every module box sits below the header, inside the picture.
    const boxes = [...svg.matchAll(/<rect x="([\d.-]+)" y="([\d.-]+)" width="([\d.]+)" height="[\d.]+" rx="8"/g)].map((m) => m.slice(1).map(Number));
    expect(boxes).toHaveLength(snapshot.modules.length);
    for (const [x, y, w] of boxes) {
      expect(y).toBeGreaterThan(headerBottom);
      expect(x + w).toBeLessThanOrEqual(width);
    }
    const parsed = new XMLParser({ ignoreAttributes: false }).parse(svg);
    expect(parsed.svg.title).toBe('acme-commerce module graph');
  });

  it('lists only what is drawn: events and capabilities when shown, cycles, alerts and problem badges when present', async () => {
    const withEvents = await exported(EXAMPLE, { ...ALL, showEvents: true, showCapabilities: true, tiers: { core: true, optional: false, internal: false } });
    const legend = (h: string) => [...h.matchAll(/<text x="30"[^>]*>([^<]*)/g)].map((m) => m[1]);
    expect(legend(withEvents.header)).toEqual(expect.arrayContaining(['core tier', 'event', 'capability']));
    expect(legend(withEvents.header)).not.toContain('optional tier');
    const troubled = await exported(
      writeCheckout({
        'modules/a/module.yaml': 'name: a\nversion: 1.0.0\ndependencies: [b]\n',
        'modules/b/module.yaml': 'name: b\nversion: 1.0.0\ndependencies: [a]\n',
        'modules/c/module.yaml': 'name: c\nversion: 1.0.0\ncapabilities:\n  requires: [search]\n',
      }),
      ALL,
      'a <troubled> & "quoted" graph',
    );
    expect(legend(troubled.header)).toEqual(['optional tier', 'dependency cycle', 'cannot load (blocked, invalid or in a cycle)', 'errors, warnings']);
    expect(troubled.texts[0]).toBe('a &lt;troubled&gt; &amp; &quot;quoted&quot; graph');
  });

  it('keeps a narrow graph wide enough for its title and legend, wrapping the legend in rows', async () => {
    const one = await exported(writeCheckout({ 'modules/core/module.yaml': 'name: core\nversion: 1.0.0\ntier: core\n' }), ALL, 'x'.repeat(80));
    expect(one.width).toBeGreaterThanOrEqual(80 * 10);
    const xs = [...one.header.matchAll(/translate\(([\d.]+),([\d.]+)\)/g)].map((m) => Number(m[1]));
    expect(Math.max(...xs)).toBeLessThan(one.width);
  });
});
