import { useEffect, useRef, useState } from 'react';
import { TIERS, type Tier } from '../../../../src-main/common/model';
import { readHash, setHashParams } from '../../components/hash-route';
import type { LayoutDirection } from '../../workers/layout-protocol';
import type { FocusMode } from './graph-model';
import { GROUP_MODES, type GroupMode } from './graph-groups';

export interface GraphSettings {
  tiers: Record<Tier, boolean>;
  showEvents: boolean;
  showCapabilities: boolean;
  showImplied: boolean;
  direction: LayoutDirection;
  focusMode: FocusMode | null;
  hideOthers: boolean;
  /** How modules are grouped; `auto`: by the platform's size and what it offers (graph-groups.ts). */
  group: GroupMode | 'auto';
  /** Ids of the groups shown expanded. */
  open: readonly string[];
}

const FOCUS_MODES: readonly FocusMode[] = ['upstream', 'downstream', 'both'];

/** The settings a URL names (`#graph?tiers=core,optional&edges=event&focus=upstream&sel=orders`), over the defaults. */
export function settingsFromParams(params: URLSearchParams, defaults: GraphSettings): GraphSettings {
  const edges = params.get('edges');
  const edgeSet = new Set(edges?.split(',') ?? []);
  const tiers = params.get('tiers');
  const focus = params.get('focus') as FocusMode | null;
  return {
    tiers: tiers === null ? defaults.tiers : (Object.fromEntries(TIERS.map((t) => [t, tiers.split(',').includes(t)])) as Record<Tier, boolean>),
    showEvents: edges === null ? defaults.showEvents : edgeSet.has('event'),
    showCapabilities: edges === null ? defaults.showCapabilities : edgeSet.has('capability'),
    showImplied: edges === null ? defaults.showImplied : edgeSet.has('implied'),
    direction: params.get('dir') === 'down' ? 'DOWN' : params.get('dir') === 'right' ? 'RIGHT' : defaults.direction,
    focusMode: focus && FOCUS_MODES.includes(focus) ? focus : defaults.focusMode,
    hideOthers: params.has('hide') ? params.get('hide') === '1' : defaults.hideOthers,
    group: GROUP_MODES.includes(params.get('group') as GroupMode) ? (params.get('group') as GroupMode) : defaults.group,
    open: params.get('open')?.split(',').filter(Boolean) ?? defaults.open,
  };
}

/** The URL parameters for settings and a selection: only what differs from the defaults. */
export function paramsFromSettings(s: GraphSettings, defaults: GraphSettings, selected: string | null): URLSearchParams {
  const p = new URLSearchParams();
  if (selected) p.set('sel', selected);
  if (s.focusMode && selected) p.set('focus', s.focusMode);
  if (s.hideOthers && s.focusMode && selected) p.set('hide', '1');
  if (TIERS.some((t) => s.tiers[t] !== defaults.tiers[t])) p.set('tiers', TIERS.filter((t) => s.tiers[t]).join(','));
  if (s.showEvents !== defaults.showEvents || s.showCapabilities !== defaults.showCapabilities || s.showImplied !== defaults.showImplied) {
    p.set('edges', [s.showEvents && 'event', s.showCapabilities && 'capability', s.showImplied && 'implied'].filter(Boolean).join(','));
  }
  if (s.direction !== defaults.direction) p.set('dir', s.direction === 'DOWN' ? 'down' : 'right');
  if (s.group !== defaults.group) p.set('group', s.group);
  if (s.open.length > 0) p.set('open', s.open.join(','));
  return p;
}

/**
 * The Graph view's filters and focus. With `inUrl` they start from the URL and are kept in it
 * (with the selection), so a link shows the same picture; the Changes view's graph keeps its own.
 */
export function useGraphSettings(
  defaults: GraphSettings,
  inUrl: boolean,
  selection: { selected: string | null; select(name: string): void },
): [GraphSettings, (update: Partial<GraphSettings>) => void] {
  const [settings, setSettings] = useState<GraphSettings>(() => (inUrl && readHash().view === 'graph' ? settingsFromParams(readHash().params, defaults) : defaults));
  const update = (change: Partial<GraphSettings>) => setSettings((s) => ({ ...s, ...change }));

  // A selection named in the URL wins over the remembered one; the URL is not rewritten until it is applied.
  const { selected, select } = selection;
  const pendingSelection = useRef(inUrl && readHash().view === 'graph' ? readHash().params.get('sel') : null);
  useEffect(() => {
    if (pendingSelection.current) select(pendingSelection.current);
  }, [select]);
  useEffect(() => {
    if (selected === pendingSelection.current) pendingSelection.current = null;
  }, [selected]);

  // The URL follows the settings and the selection.
  useEffect(() => {
    if (!inUrl || pendingSelection.current) return;
    setHashParams('graph', paramsFromSettings(settings, defaults, selected));
  }, [inUrl, settings, defaults, selected]);

  // A link followed while the graph is shown (same view, other parameters) applies them.
  useEffect(() => {
    if (!inUrl) return;
    const onHash = () => {
      const { view, params } = readHash();
      if (view !== 'graph') return;
      setSettings(settingsFromParams(params, defaults));
      const sel = params.get('sel');
      if (sel) select(sel);
    };
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, [inUrl, defaults, select]);

  return [settings, update];
}
