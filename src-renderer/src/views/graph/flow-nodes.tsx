import type { JSX } from 'react';
import type { ModuleFlowEdge, ModuleFlowNode } from './graph-model';

const hiddenCopies = new WeakMap<ModuleFlowNode, ModuleFlowNode>();
/** A node React Flow holds but does not draw (the overview bitmap shows it). */
function hiddenNode(n: ModuleFlowNode): ModuleFlowNode {
  let copy = hiddenCopies.get(n);
  if (!copy) hiddenCopies.set(n, (copy = { ...n, hidden: true }));
  return copy;
}

/**
 * The nodes React Flow gets on a big graph: those that may be elements now (`drawable`, see
 * use-draw-budget.ts), the selected and matching ones, and, hidden, the far ends of the edges
 * drawn (a highlighted edge to a node away from the view). The others are left out: React Flow
 * looks at every node it holds on each pan step (which are in view) and each time the list
 * changes (adopting, positioning them), and a node it does not hold is never mounted or measured.
 * Each node carries its size and handles (graph-model.ts), so React Flow needs no measuring to
 * place it or its edges.
 */
export function flowNodes(all: readonly ModuleFlowNode[], drawable: ReadonlySet<string>, edges: readonly ModuleFlowEdge[]): ModuleFlowNode[] {
  const ends = new Set<string>();
  for (const e of edges) {
    ends.add(e.source);
    ends.add(e.target);
  }
  const out: ModuleFlowNode[] = [];
  for (const n of all) {
    if (drawable.has(n.id) || n.selected || n.data.match) out.push(n);
    else if (ends.has(n.id)) out.push(hiddenNode(n));
  }
  return out;
}

/** React Flow's "fit view" icon (our button fits our nodes, see fitNodes in use-graph-viewport.ts). */
export function FitIcon(): JSX.Element {
  return (
    <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 30" aria-hidden="true">
      <path d="M3.692 4.63c0-.53.4-.938.939-.938h5.215V0H4.708C2.13 0 0 2.054 0 4.63v5.216h3.692V4.631zM27.354 0h-5.2v3.692h5.17c.53 0 .984.4.984.939v5.215H32V4.631A4.624 4.624 0 0027.354 0zm.954 24.83c0 .532-.4.94-.939.94h-5.215v3.768h5.215c2.577 0 4.631-2.13 4.631-4.707v-5.139h-3.692v5.139zm-23.677.94c-.531 0-.939-.4-.939-.94v-5.138H0v5.139c0 2.577 2.13 4.707 4.708 4.707h5.138V25.77H4.631z" />
    </svg>
  );
}
