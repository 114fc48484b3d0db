import type { WorkbenchSnapshot } from '../../../../src-main/common/contract';
import type { ChangesResult } from '../../../../src-main/common/contract-changes';
import type { GraphEdge } from '../../../../src-main/common/model';
import type { GraphOverlay } from '../graph/graph-view';

/** The working tree plus the removed modules and edges as ghosts, and what changed where. */
export function buildOverlay(snapshot: WorkbenchSnapshot, result: ChangesResult): GraphOverlay {
  const modules: Record<string, 'added' | 'removed' | 'changed'> = {};
  for (const m of result.report.diff.modules) modules[m.name] = m.change;
  const edges: Record<string, 'added' | 'removed'> = {};
  for (const e of result.report.diff.edges) edges[`${e.kind}:${e.from}->${e.to}`] = e.change;
  const present = new Set(snapshot.modules.map((m) => m.name));
  const ghosts = result.removedModules.filter((m) => !present.has(m.name));
  const ghostEdges: GraphEdge[] = result.report.diff.edges.filter((e) => e.change === 'removed').map((e) => ({ from: e.from, to: e.to, kind: e.kind }));
  return { snapshot: { ...snapshot, modules: [...snapshot.modules, ...ghosts], edges: [...snapshot.edges, ...ghostEdges] }, modules, edges };
}
