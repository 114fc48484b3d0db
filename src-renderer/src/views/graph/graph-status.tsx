import { Panel } from '@xyflow/react';
import { type JSX } from 'react';
import type { FocusMode } from './graph-model';
import type { LayoutResult } from './use-layout';
import { LARGE } from './use-graph-viewport';

export interface GraphStatusProps {
  pending: boolean;
  layout: LayoutResult | null;
  /** Collapsed groups drawn. */
  groups: number;
  /** Links between groups left out (only each group's strongest are drawn). */
  hiddenWeak: number;
  moduleCount: number;
  drawn: number;
  focus: ReadonlySet<string> | null;
  focusMode: FocusMode | null;
  selected: string | null;
  alertCount: number;
  /** Dependencies left out because a longer path implies them (0 when they are shown). */
  hiddenImplied: number;
  onClearFocus(): void;
  onShowImplied(): void;
}

/** Notes over the canvas' top-left corner: layout progress, the focus, what is not drawn and why. */
export function GraphStatus(p: GraphStatusProps): JSX.Element {
  return (
    <Panel position="top-left" className="graph-status">
      {p.pending && (
        <span className="graph-laying-out" role="status" data-testid="graph-laying-out">
          <span className="spinner" aria-hidden="true" />
          {p.layout ? 'Placing new nodes…' : 'Laying out…'}
        </span>
      )}
      {!p.pending && p.layout?.fallback && (
        <span className="graph-fallback-note" title={`elkjs: ${p.layout.fallback}`}>
          Simplified layout: the layered layout failed on this graph
        </span>
      )}
      {!p.pending && p.focus && p.selected && (
        <span className="graph-focus-note" data-testid="focus-note">
          {p.focusMode === 'both' ? 'upstream and downstream' : p.focusMode} of <strong>{p.selected}</strong>: {p.focus.size - 1} module{p.focus.size === 2 ? '' : 's'}
          <button type="button" className="graph-focus-clear" onClick={p.onClearFocus} aria-label="Clear focus" title="Clear focus (Esc)">
            ×
          </button>
        </span>
      )}
      {!p.pending && !p.focus && p.drawn >= LARGE && (
        <span className="graph-large-note" data-testid="large-graph-note">
          Showing part of {p.drawn.toLocaleString()} modules at a readable zoom: zoom out, search (/) or focus a module for the rest
        </span>
      )}
      {!p.pending && !p.focus && p.groups > 0 && (
        <span className="graph-groups-note" data-testid="groups-note">
          {p.moduleCount.toLocaleString()} modules, {p.groups} collapsed group{p.groups === 1 ? '' : 's'}: click a group (or Enter) to expand it
          {p.hiddenWeak > 0 && `; only each group's strongest links are drawn (${p.hiddenWeak.toLocaleString()} weaker hidden)`}
        </span>
      )}
      {!p.pending && p.alertCount > 0 && !p.focus && (
        <span className="graph-alert-note" title="Blocked, invalid or in a dependency cycle">
          {p.alertCount} module{p.alertCount === 1 ? '' : 's'} blocked, invalid or in a cycle
        </span>
      )}
      {!p.pending && p.hiddenImplied > 0 && !p.focus && (
        <span className="graph-implied-note" data-testid="implied-note" title="A dependency a → c is implied when a → b → c also holds: it changes no load order, so it is left out for a cleaner picture">
          {p.hiddenImplied} implied dependenc{p.hiddenImplied === 1 ? 'y' : 'ies'} hidden (a → c when a → b → c){' '}
          <button type="button" className="link" onClick={p.onShowImplied}>
            Show
          </button>
        </span>
      )}
    </Panel>
  );
}
