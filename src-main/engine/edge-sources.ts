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
 * Edge sources already found, per parsed manifest (a source depends on that manifest alone): a
 * re-check after one edit looks up the others' instead of walking their documents again.
 */
const known = new WeakMap<ParsedManifest, Map<string, EdgeSource | undefined>>();

function cachedEdgeSource(edge: GraphEdge, m: ParsedManifest | undefined): EdgeSource | undefined {
  if (!m) return undefined;
  let own = known.get(m);
  if (!own) known.set(m, (own = new Map()));
  const key = `${edge.kind}\0${edge.to}\0${edge.label ?? ''}`;
  if (own.has(key)) return own.get(key);
  const found = edgeSource(edge, m);
  own.set(key, found);
  return found;
}

/** The edges with their manifest sources (`at`), for the graph to explain each edge. */
export function withEdgeSources(edges: readonly GraphEdge[], byName: ReadonlyMap<string, ParsedManifest>): GraphEdge[] {
  return edges.map((e) => {
    const at = cachedEdgeSource(e, byName.get(e.from));
    return at ? { ...e, at } : e;
  });
}
