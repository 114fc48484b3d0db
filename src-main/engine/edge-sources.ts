import type { EdgeSource, GraphEdge } from '../common/model';
import type { ParsedManifest } from './manifest';

const refText = (ref: { name: string; range?: string; version?: string }) => {
  const constraint = ref.range ?? ref.version;
  return constraint ? `${ref.name} ${constraint}` : ref.name;
};

/** Where in the `from` module's manifest an edge comes from: the list entry that makes it, as written. */
export function edgeSource(edge: GraphEdge, m: ParsedManifest | undefined): EdgeSource | undefined {
  if (!m) return undefined;
  const at = (path: (string | number)[], text: string): EdgeSource => {
    const p = m.locator.at(path);
    return { file: m.file, line: p.line, column: p.column, text };
  };
  switch (edge.kind) {
    case 'dependency': {
      const dep = m.at.dependencies.find((d) => d.name === edge.to);
      return dep && at(['dependencies', dep.index], refText(dep));
    }
    case 'optional': {
      const dep = m.at.optional_dependencies.find((d) => d.name === edge.to);
      return dep && at(['optional_dependencies', dep.index], refText(dep));
    }
    case 'capability': {
      const req = m.at.requires.find((r) => r.name === edge.label);
      return req && at(['capabilities', 'requires', req.index], refText(req));
    }
    case 'event': {
      if (!edge.label) return undefined;
      const p = m.locator.item(['events', 'subscribes'], edge.label);
      return { file: m.file, line: p.line, column: p.column, text: edge.label };
    }
  }
}

/**
 * Edges with their sources already made, per parsed manifest (a source depends on that manifest
 * alone): a re-check after one edit looks the others' up instead of walking their documents and
 * copying their edges again.
 */
const known = new WeakMap<ParsedManifest, Map<string, GraphEdge>>();

/**
 * The same by edge object, with the manifest its source was read from: a re-check that kept a
 * module's edges (registry-update.ts, a profile resolution kept) finds each edge's source without
 * making its key.
 */
const byEdge = new WeakMap<GraphEdge, { m: ParsedManifest; made: GraphEdge }>();

/** The edges with their manifest sources (`at`), for the graph to explain each edge. */
export function withEdgeSources(edges: readonly GraphEdge[], byName: ReadonlyMap<string, ParsedManifest>): GraphEdge[] {
  return edges.map((e) => {
    const m = byName.get(e.from);
    if (!m) return e;
    const hit = byEdge.get(e);
    if (hit && hit.m === m) return hit.made;
    let own = known.get(m);
    if (!own) known.set(m, (own = new Map()));
    const key = `${e.kind}\0${e.to}\0${e.label ?? '\u0001'}`;
    let made = own.get(key);
    if (!made) {
      const at = edgeSource(e, m);
      made = at ? { ...e, at } : e;
      own.set(key, made);
    }
    byEdge.set(e, { m, made });
    return made;
  });
}
