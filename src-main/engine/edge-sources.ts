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

/** The edges with their manifest sources (`at`), for the graph to explain each edge. */
export function withEdgeSources(edges: readonly GraphEdge[], byName: ReadonlyMap<string, ParsedManifest>): GraphEdge[] {
  return edges.map((e) => {
    const at = edgeSource(e, byName.get(e.from));
    return at ? { ...e, at } : e;
  });
}
