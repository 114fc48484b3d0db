import { useRef, type JSX, type KeyboardEvent, type ReactNode, type RefObject } from 'react';
import { TIERS, type Tier } from '../../../../src-main/common/model';
import type { GraphSettings } from './use-graph-settings';

const TIER_COLOUR: Record<Tier, string> = { core: 'var(--tier-core)', optional: 'var(--tier-optional)', internal: 'var(--tier-internal)' };

export type ExportFormat = 'svg' | 'png' | 'mermaid' | 'dot';

export interface GraphToolbarProps {
  settings: GraphSettings;
  update(change: Partial<GraphSettings>): void;
  query: string;
  onQuery(query: string): void;
  onSearchKey(e: KeyboardEvent<HTMLInputElement>): void;
  searchRef: RefObject<HTMLInputElement | null>;
  /** Matches of the search, or null when not searching. */
  matchCount: number | null;
  nodeCount: number;
  tierCounts: Record<Tier, number>;
  selected: string | null;
  exporting: string | null;
  onExport(format: ExportFormat): void;
  exportRef: RefObject<HTMLDetailsElement | null>;
  /** Grouping tools (grouping-tools.tsx), after the focus tools. */
  grouping?: ReactNode;
}

/** The Graph view's tools: search, tier filter, edge kinds, focus, export. */
export function GraphToolbar(props: GraphToolbarProps): JSX.Element {
  const { tiers, showEvents, showCapabilities, showImplied, focusMode, hideOthers } = props.settings;
  const { update, selected } = props;
  const menuRef = useRef<HTMLDivElement>(null);
  /** The Export menu opens toward the side with room, so it never ends up off-screen or under the navigation. */
  const placeMenu = () => {
    const details = props.exportRef.current;
    const menu = menuRef.current;
    if (!details?.open || !menu) return;
    const summary = details.getBoundingClientRect();
    const view = details.closest('.graph-view')?.getBoundingClientRect();
    const roomLeft = summary.right - (view?.left ?? 0);
    menu.classList.toggle('open-right', roomLeft < menu.offsetWidth);
  };
  return (
  <div className="graph-toolbar" role="toolbar" aria-label="Graph tools">
    <div className="graph-search">
      <input
        ref={props.searchRef}
        type="search"
        aria-label="Search modules"
        placeholder="Search modules  /"
        value={props.query}
        onChange={(e) => props.onQuery(e.target.value)}
        onKeyDown={props.onSearchKey}
        spellCheck={false}
      />
      {props.matchCount !== null && (
        <span className="graph-search-count" data-testid="search-count" aria-live="polite">
          {props.matchCount} of {props.nodeCount}
        </span>
      )}
    </div>

    <fieldset className="graph-group" aria-label="Tiers">
      {TIERS.map((tier) => (
        <label key={tier} className="graph-check" title={`Show ${tier} modules`}>
          <input type="checkbox" checked={tiers[tier]} onChange={(e) => update({ tiers: { ...tiers, [tier]: e.target.checked } })} aria-label={`Tier ${tier}`} />
          <span className="swatch" style={{ background: TIER_COLOUR[tier] }} />
          {tier} <span className="muted">{props.tierCounts[tier]}</span>
        </label>
      ))}
    </fieldset>

    <fieldset className="graph-group" aria-label="Edges">
      <label className="graph-check" title="Event edges: subscriber to publisher, labelled with the event">
        <input type="checkbox" checked={showEvents} onChange={(e) => update({ showEvents: e.target.checked })} aria-label="Show event edges" />
        <span className="line event" /> Events
      </label>
      <label className="graph-check" title="Capability edges: requirer to provider, labelled with the capability">
        <input type="checkbox" checked={showCapabilities} onChange={(e) => update({ showCapabilities: e.target.checked })} aria-label="Show capability edges" />
        <span className="line capability" /> Capabilities
      </label>
      <label className="graph-check" title="Also draw dependencies implied by a longer path (a → c when a → b → c); off gives a cleaner picture">
        <input type="checkbox" checked={showImplied} onChange={(e) => update({ showImplied: e.target.checked })} aria-label="Show implied dependencies" />
        Implied
      </label>
    </fieldset>

    <fieldset className="graph-group" aria-label="Focus" disabled={!selected}>
      <span className="graph-group-label" title={selected ? `Focus on ${selected}` : 'Select a module to focus on it'}>
        Focus
      </span>
      <span className="seg" role="group" aria-label="Focus mode">
        {(['upstream', 'downstream', 'both'] as const).map((mode) => (
          <button
            key={mode}
            type="button"
            className={focusMode === mode && selected ? 'active' : ''}
            aria-pressed={focusMode === mode && !!selected}
            onClick={() => update({ focusMode: focusMode === mode ? null : mode })}
            title={
              mode === 'upstream'
                ? 'What the selected module depends on, transitively'
                : mode === 'downstream'
                  ? 'What depends on the selected module, transitively'
                  : 'Upstream and downstream'
            }
          >
            {mode === 'upstream' ? 'Upstream' : mode === 'downstream' ? 'Downstream' : 'Both'}
          </button>
        ))}
      </span>
      <label className="graph-check" title="Hide the modules outside the focus instead of dimming them">
        <input type="checkbox" checked={hideOthers} onChange={(e) => update({ hideOthers: e.target.checked })} aria-label="Hide others" />
        Hide others
      </label>
    </fieldset>

    {props.grouping}

    <span className="spacer" />

    <details className="graph-export" ref={props.exportRef} onToggle={placeMenu}>
      <summary role="button" aria-label="Export">
        {props.exporting ? 'Exporting…' : 'Export'}
      </summary>
      <div className="graph-export-menu" role="menu" ref={menuRef}>
        <button type="button" role="menuitem" onClick={() => props.onExport('svg')}>
          SVG image
        </button>
        <button type="button" role="menuitem" onClick={() => props.onExport('png')}>
          PNG image
        </button>
        <button type="button" role="menuitem" onClick={() => props.onExport('mermaid')}>
          Mermaid
        </button>
        <button type="button" role="menuitem" onClick={() => props.onExport('dot')}>
          Graphviz DOT
        </button>
      </div>
    </details>
  </div>

  );
}
