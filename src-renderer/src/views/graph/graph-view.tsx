import '@xyflow/react/dist/style.css';
import './graph.css';
import {
  Background,
  BackgroundVariant,
  ControlButton,
  Controls,
  MiniMap,
  Panel,
  ReactFlow,
  ReactFlowProvider,
  useReactFlow,
  useStore,
  type ReactFlowState,
  type Viewport,
  type NodeMouseHandler,
} from '@xyflow/react';
import { useCallback, useEffect, useMemo, useRef, useState, type JSX, type KeyboardEvent as ReactKeyboardEvent } from 'react';
import type { WorkbenchSnapshot } from '../../../../src-main/common/contract';
import { TIERS, type EdgeKind, type Tier } from '../../../../src-main/common/model';
import { isTypingTarget } from '../../components/typing-target';
import { useWorkbench } from '../../state/workbench-context';
import type { EdgeRoute, LayoutDirection } from '../../workers/layout-protocol';
import { download, fileSafe, graphToSvg, svgToPng } from './graph-export';
import {
  EDGE_COLOURS,
  buildGraph,
  focusSet,
  indexSnapshot,
  layoutKey,
  nearestInDirection,
  searchModules,
  type FocusMode,
  type ModuleFlowEdge,
  type ModuleFlowNode,
} from './graph-model';
import { ModuleDetails } from './module-details';
import { ModuleNode } from './module-node';
import { RoutedEdge } from './routed-edge';
import { layoutRuns, useLayout } from './use-layout';

const nodeTypes = { module: ModuleNode };
const edgeTypes = { routed: RoutedEdge };
const ALL_TIERS: Record<Tier, boolean> = { core: true, optional: true, internal: true };
const TIER_COLOUR: Record<Tier, string> = { core: 'var(--tier-core)', optional: 'var(--tier-optional)', internal: 'var(--tier-internal)' };
const ARROWS = new Set(['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown']);
const FIT = { padding: 0.08, maxZoom: 1.1 };
/** From this many modules on, search highlighting is debounced and implied edges start hidden. */
const BIG = 300;
/** Small graphs fit on screen; the overview map only earns its space on bigger ones. */
const MINIMAP_FROM = 60;
/**
 * Zoomed out this far on a big graph (modules or edges), names are unreadable: nodes become
 * coloured boxes and only the highlighted edges are drawn, which keeps panning light.
 */
const FAR_ZOOM = 0.35;
const FAR_EDGES = 600;
/**
 * From this many drawn modules on, the graph opens at a readable zoom on the layout's top-left
 * corner instead of fitting everything: an overview of thousands of boxes is unreadable, and drawing
 * them all at once froze the page for seconds. Zooming out, search and focus reach the rest.
 */
const LARGE = 500;
const LARGE_ZOOM = 0.75;
const farSelector = (s: ReactFlowState) => s.transform[2] < FAR_ZOOM;

function useDebounced<T>(value: T, ms: number): T {
  const [current, setCurrent] = useState(value);
  useEffect(() => {
    if (ms <= 0) {
      setCurrent(value);
      return;
    }
    const timer = setTimeout(() => setCurrent(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return ms <= 0 ? value : current;
}

/**
 * What another view draws over the graph (the Changes view: what a branch adds, removes and
 * changes). Optional: without it the Graph view is the plain dependency graph.
 */
export interface GraphOverlay {
  /** The snapshot to draw instead of the session's (for example with removed modules added back as ghosts). */
  snapshot: WorkbenchSnapshot;
  /** Module name -> its change; the node gets the class `diff-<change>`. */
  modules: Readonly<Record<string, 'added' | 'removed' | 'changed'>>;
  /** `<kind>:<from>-><to>` (snapshot direction) -> its change; the edge gets the class `diff-<change>`. */
  edges: Readonly<Record<string, 'added' | 'removed'>>;
}

/** The dependency graph: React Flow, laid out by elkjs in a worker. */
export function GraphView(props: { overlay?: GraphOverlay } = {}): JSX.Element {
  const { snapshot: current } = useWorkbench();
  const snapshot = props.overlay?.snapshot ?? current;
  if (!snapshot) return <div className="empty">No checkout is open.</div>;
  return (
    <ReactFlowProvider>
      <GraphCanvas snapshot={snapshot} overlay={props.overlay} />
    </ReactFlowProvider>
  );
}

interface NodeMemo {
  base: ModuleFlowNode;
  x: number;
  y: number;
  dimmed: boolean;
  match: boolean;
  focusRoot: boolean;
  selected: boolean;
  diff: string | undefined;
  node: ModuleFlowNode;
}

interface EdgeMemo {
  base: ModuleFlowEdge;
  className: string;
  route: EdgeRoute | undefined;
  hidden: boolean;
  edge: ModuleFlowEdge;
}

function GraphCanvas({ snapshot, overlay }: { snapshot: WorkbenchSnapshot; overlay?: GraphOverlay }): JSX.Element {
  const { client, selectedModule, selectModule, openFile, reportError } = useWorkbench();
  const flow = useReactFlow<ModuleFlowNode, ModuleFlowEdge>();
  const [query, setQuery] = useState('');
  const [tiers, setTiers] = useState<Record<Tier, boolean>>(ALL_TIERS);
  const [showEvents, setShowEvents] = useState(false);
  const [showCapabilities, setShowCapabilities] = useState(false);
  // Big graphs start without implied edges: a cleaner picture, and half the layout time.
  const [showImplied, setShowImplied] = useState(() => snapshot.modules.length < BIG);
  // Left to right: module boxes are wide and low, so broad layers stack more compactly.
  const [direction, setDirection] = useState<LayoutDirection>('RIGHT');
  const [focusMode, setFocusMode] = useState<FocusMode | null>(null);
  const [hideOthers, setHideOthers] = useState(false);
  const [exporting, setExporting] = useState<string | null>(null);
  const rootRef = useRef<HTMLDivElement>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const exportRef = useRef<HTMLDetailsElement>(null);

  // --- model -----------------------------------------------------------------------------------
  const index = useMemo(() => indexSnapshot(snapshot), [snapshot]);
  const selected = selectedModule && index.byName.has(selectedModule) ? selectedModule : null;
  const focus = useMemo(() => (focusMode && selected ? focusSet(index, selected, focusMode) : null), [index, selected, focusMode]);
  const only = hideOthers ? focus : null;
  const graph = useMemo(
    () => buildGraph(snapshot, index, { tiers, showEvents, showCapabilities, direction, only, hideImplied: !showImplied }),
    [snapshot, index, tiers, showEvents, showCapabilities, direction, only, showImplied],
  );
  const labelled = showEvents || showCapabilities;
  const key = useMemo(() => layoutKey(graph, direction, labelled), [graph, direction, labelled]);
  const { layout, pending, error } = useLayout(graph, key, direction, labelled);
  useEffect(() => {
    if (error) reportError(error);
  }, [error, reportError]);

  const big = graph.nodes.length >= BIG;
  const zoomedOut = useStore(farSelector);
  const far = zoomedOut && (big || graph.edges.length >= FAR_EDGES);
  const matches = useMemo(() => searchModules(graph.nodes.map((n) => n.id), query), [graph, query]);
  // Highlighting restyles every node; on big graphs it waits for a pause in typing.
  const shownQuery = useDebounced(query, big ? 180 : 0);
  const searching = shownQuery.trim() !== '';
  const matchSet = useMemo(() => new Set(searchModules(graph.nodes.map((n) => n.id), shownQuery)), [graph, shownQuery]);

  // --- React Flow elements: laid-out base nodes plus visual state, reusing unchanged objects ----
  const nodeMemo = useRef(new Map<string, NodeMemo>());
  const nodes = useMemo(() => {
    const previous = nodeMemo.current;
    const next = new Map<string, NodeMemo>();
    const list: ModuleFlowNode[] = [];
    if (layout) {
      for (const base of graph.nodes) {
        const p = layout.positions[base.id];
        if (!p) continue;
        const match = searching && matchSet.has(base.id);
        const dimmed = (searching && !match) || (focus !== null && !focus.has(base.id));
        const focusRoot = focus !== null && base.id === selected;
        const isSelected = base.id === selected;
        const diff = overlay?.modules[base.id];
        const old = previous.get(base.id);
        let entry: NodeMemo;
        if (old && old.base === base && old.x === p.x && old.y === p.y && old.dimmed === dimmed && old.match === match && old.focusRoot === focusRoot && old.selected === isSelected && old.diff === diff) {
          entry = old;
        } else {
          entry = {
            base,
            x: p.x,
            y: p.y,
            dimmed,
            match,
            focusRoot,
            selected: isSelected,
            diff,
            node: { ...base, position: { x: p.x, y: p.y }, selected: isSelected, zIndex: isSelected || match ? 1 : 0, data: { ...base.data, dimmed, match, focusRoot, diff } },
          };
        }
        next.set(base.id, entry);
        list.push(entry.node);
      }
    }
    nodeMemo.current = next;
    return list;
  }, [graph, layout, searching, matchSet, focus, selected, overlay]);

  const edgeMemo = useRef(new Map<string, EdgeMemo>());
  // Edge styles depend on the focus and the selection, not on the search (that dims all edges
  // with one class on the canvas), so typing never re-renders thousands of edges.
  const edges = useMemo(() => {
    const positions = layout?.positions ?? {};
    const previous = edgeMemo.current;
    const next = new Map<string, EdgeMemo>();
    const list: ModuleFlowEdge[] = [];
    for (const base of graph.edges) {
      if (!positions[base.source] || !positions[base.target]) continue;
      let className = base.className ?? '';
      const diff = overlay?.edges[`${base.data!.kind}:${base.data!.from}->${base.data!.to}`];
      if (diff) className += ` diff-${diff}`;
      if (focus && (!focus.has(base.source) || !focus.has(base.target))) className += ' dimmed';
      else if (selected && (base.source === selected || base.target === selected)) className += ' touches-selected lit';
      else if (focus) className += ' lit';
      const route = layout?.routes?.[base.id];
      // Zoomed far out on a big graph only the highlighted edges are drawn at all.
      const hidden = far && !className.includes(' lit');
      const old = previous.get(base.id);
      const entry =
        old && old.base === base && old.className === className && old.route === route && old.hidden === hidden
          ? old
          : { base, className, route, hidden, edge: decorateEdge(base, className, route, hidden) };
      next.set(base.id, entry);
      list.push(entry.edge);
    }
    edgeMemo.current = next;
    return list;
  }, [graph, focus, selected, layout, far, overlay]);

  const centres = useMemo(() => new Map(nodes.map((n) => [n.id, { x: n.position.x + (n.width ?? 0) / 2, y: n.position.y + (n.height ?? 0) / 2 }])), [nodes]);

  // --- viewport: fit after each new layout unless the user has moved since ----------------------
  const fitted = useRef<{ key: string; phase: string } | null>(null);
  const userMoved = useRef(false);
  const moveStart = useRef<Viewport | null>(null);
  useEffect(() => {
    if (!layout || nodes.length === 0) return;
    const last = fitted.current;
    if (last && last.key === layout.key && last.phase === layout.phase) return;
    const refinement = last !== null && last.key === layout.key;
    fitted.current = { key: layout.key, phase: layout.phase };
    if (refinement && userMoved.current) return;
    userMoved.current = false;
    const frame = requestAnimationFrame(() => fitGraph(last ? 200 : 0));
    return () => cancelAnimationFrame(frame);
  }, [layout, nodes.length, flow]);

  /** Fits the whole graph, or for a large one shows its start at a readable zoom. */
  const fitRef = useRef(fitGraph);
  fitRef.current = fitGraph;
  function fitGraph(duration: number): void {
    if (nodes.length < LARGE) {
      void flow.fitView({ ...FIT, duration });
      return;
    }
    // The layout's top-left corner: a readable start. (Centring on the core instead puts its
    // fan of edges to most modules in view, which made panning several times slower.)
    let minX = Infinity;
    let minY = Infinity;
    for (const n of nodes) {
      minX = Math.min(minX, n.position.x);
      minY = Math.min(minY, n.position.y);
    }
    void flow.setViewport({ x: 24 - minX * LARGE_ZOOM, y: 24 - minY * LARGE_ZOOM, zoom: LARGE_ZOOM }, { duration });
  }

  // The canvas changes size when the details panel or the editor pane opens: keep the whole graph
  // in view then too, until the user pans or zooms.
  const canvasRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = canvasRef.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    let frame = 0;
    let last = { w: el.clientWidth, h: el.clientHeight };
    const observer = new ResizeObserver(() => {
      const size = { w: el.clientWidth, h: el.clientHeight };
      if (size.w === last.w && size.h === last.h) return;
      last = size;
      if (userMoved.current || !fitted.current || size.w === 0 || size.h === 0) return;
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => fitRef.current(0));
    });
    observer.observe(el);
    return () => {
      observer.disconnect();
      cancelAnimationFrame(frame);
    };
  }, [flow]);

  // --- actions ---------------------------------------------------------------------------------
  const nodeElement = useCallback((id: string) => rootRef.current?.querySelector<HTMLElement>(`.react-flow__node[data-id="${CSS.escape(id)}"]`) ?? null, []);

  /** Centres a node (keeping the zoom unless it is too small to read) and gives it keyboard focus. */
  const revealNode = useCallback(
    async (id: string, centre: boolean) => {
      const c = centres.get(id);
      if (!c) return;
      // From here on the view stays where the user looks: no automatic refit on resize.
      userMoved.current = true;
      if (centre || !nodeElement(id)) {
        await flow.setCenter(c.x, c.y, { zoom: Math.max(flow.getZoom(), 0.9), duration: 250 });
      }
      requestAnimationFrame(() => nodeElement(id)?.focus({ preventScroll: true }));
    },
    [centres, flow, nodeElement],
  );

  const clearSearchAndFocus = useCallback(() => {
    if (query || focusMode) {
      setQuery('');
      setFocusMode(null);
    } else if (selectedModule) {
      selectModule(null);
    }
  }, [query, focusMode, selectedModule, selectModule]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      const editable = isTypingTarget(target);
      if (e.key === '/' && !editable && !e.ctrlKey && !e.metaKey && !e.altKey) {
        e.preventDefault();
        searchRef.current?.focus();
        searchRef.current?.select();
      } else if (e.key === 'Escape' && !e.defaultPrevented) {
        // Leave Esc alone in the editor pane and in other inputs.
        if (target?.closest('.editor-pane') || (editable && target !== searchRef.current)) return;
        if (exportRef.current?.open) {
          exportRef.current.open = false;
          return;
        }
        clearSearchAndFocus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [clearSearchAndFocus]);

  const onSearchKey = (e: ReactKeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter' && matches.length > 0) {
      e.preventDefault();
      void revealNode(matches[0], true);
    } else if (e.key === 'ArrowDown' && matches.length > 0) {
      e.preventDefault();
      void revealNode(matches[0], false);
    }
  };

  /** Arrow keys move between nodes (nearest in that direction); Enter or Space selects the focused node. */
  const onCanvasKey = (e: ReactKeyboardEvent<HTMLDivElement>) => {
    const el = (e.target as HTMLElement).closest<HTMLElement>('.react-flow__node');
    const id = el?.dataset.id;
    if (!id) return;
    if (ARROWS.has(e.key)) {
      e.preventDefault();
      const nextId = nearestInDirection(centres, id, e.key as 'ArrowLeft');
      if (nextId) void revealNode(nextId, false);
    } else if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      selectModule(id);
    }
  };

  const onNodeClick: NodeMouseHandler<ModuleFlowNode> = useCallback((_, node) => selectModule(node.id), [selectModule]);
  const onNodeDoubleClick: NodeMouseHandler<ModuleFlowNode> = useCallback((_, node) => openFile(node.data.module.manifestFile), [openFile]);
  const edgeKinds = (): EdgeKind[] => ['dependency', 'optional', ...(showEvents ? (['event'] as const) : []), ...(showCapabilities ? (['capability'] as const) : [])];
  const baseName = fileSafe(`${snapshot.platform.name}-graph`);
  const runExport = async (format: 'svg' | 'png' | 'mermaid' | 'dot') => {
    if (exportRef.current) exportRef.current.open = false;
    setExporting(format);
    try {
      if (format === 'mermaid' || format === 'dot') {
        // Export what the view draws: its tier filter and focus apply.
        const drawnModules = nodes.filter((n) => !n.hidden).map((n) => n.id);
        const text = await client.request('graph.export', { format, edges: edgeKinds(), modules: drawnModules.length < snapshot.order.length ? drawnModules : undefined });
        download(new Blob([text], { type: 'text/plain;charset=utf-8' }), `${baseName}.${format === 'mermaid' ? 'mmd' : 'dot'}`);
      } else {
        const svg = graphToSvg(nodes, edges, `${snapshot.platform.name} module graph`);
        if (format === 'svg') download(new Blob([svg.svg], { type: 'image/svg+xml' }), `${baseName}.svg`);
        else download(await svgToPng(svg), `${baseName}.png`);
      }
    } catch (e) {
      reportError(`Export failed: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      setExporting(null);
    }
  };

  // --- render ----------------------------------------------------------------------------------
  const tierCounts = useMemo(() => {
    const counts: Record<Tier, number> = { core: 0, optional: 0, internal: 0 };
    for (const m of snapshot.modules) counts[m.tier]++;
    return counts;
  }, [snapshot.modules]);
  const selectedRecord = selected ? index.byName.get(selected)! : null;
  const alertCount = index.alerts.size;
  const drawn = nodes.length;
  const total = snapshot.modules.length;

  return (
    <div className="graph-view" ref={rootRef}>
      <div className="graph-toolbar" role="toolbar" aria-label="Graph tools">
        <div className="graph-search">
          <input
            ref={searchRef}
            type="search"
            aria-label="Search modules"
            placeholder="Search modules  /"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            onKeyDown={onSearchKey}
            spellCheck={false}
          />
          {searching && (
            <span className="graph-search-count" data-testid="search-count" aria-live="polite">
              {matches.length} of {graph.nodes.length}
            </span>
          )}
        </div>

        <fieldset className="graph-group" aria-label="Tiers">
          {TIERS.map((tier) => (
            <label key={tier} className="graph-check" title={`Show ${tier} modules`}>
              <input type="checkbox" checked={tiers[tier]} onChange={(e) => setTiers((t) => ({ ...t, [tier]: e.target.checked }))} aria-label={`Tier ${tier}`} />
              <span className="swatch" style={{ background: TIER_COLOUR[tier] }} />
              {tier} <span className="muted">{tierCounts[tier]}</span>
            </label>
          ))}
        </fieldset>

        <fieldset className="graph-group" aria-label="Edges">
          <label className="graph-check" title="Event edges: subscriber to publisher, labelled with the event">
            <input type="checkbox" checked={showEvents} onChange={(e) => setShowEvents(e.target.checked)} aria-label="Show event edges" />
            <span className="line event" /> Events
          </label>
          <label className="graph-check" title="Capability edges: requirer to provider, labelled with the capability">
            <input type="checkbox" checked={showCapabilities} onChange={(e) => setShowCapabilities(e.target.checked)} aria-label="Show capability edges" />
            <span className="line capability" /> Capabilities
          </label>
          <label className="graph-check" title="Also draw dependencies implied by a longer path (a → c when a → b → c); off gives a cleaner picture">
            <input type="checkbox" checked={showImplied} onChange={(e) => setShowImplied(e.target.checked)} aria-label="Show implied dependencies" />
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
                onClick={() => setFocusMode(focusMode === mode ? null : mode)}
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
            <input type="checkbox" checked={hideOthers} onChange={(e) => setHideOthers(e.target.checked)} aria-label="Hide others" />
            Hide others
          </label>
        </fieldset>

        <span className="spacer" />

        <details className="graph-export" ref={exportRef}>
          <summary role="button" aria-label="Export">
            {exporting ? 'Exporting…' : 'Export'}
          </summary>
          <div className="graph-export-menu" role="menu">
            <button type="button" role="menuitem" onClick={() => void runExport('svg')}>
              SVG image
            </button>
            <button type="button" role="menuitem" onClick={() => void runExport('png')}>
              PNG image
            </button>
            <button type="button" role="menuitem" onClick={() => void runExport('mermaid')}>
              Mermaid
            </button>
            <button type="button" role="menuitem" onClick={() => void runExport('dot')}>
              Graphviz DOT
            </button>
          </div>
        </details>
      </div>

      <div className="graph-body">
        <div
          className={`graph-canvas${labelled ? ' overlay' : ''}${searching ? ' searching' : ''}${far ? ' far' : ''}`}
          ref={canvasRef}
          onKeyDown={onCanvasKey}
          data-testid="graph-canvas"
          data-layout={pending ? 'pending' : 'done'}
          data-drawn={drawn}
          data-revision={snapshot.revision}
          data-layouts={layoutRuns()}
        >
          <ReactFlow<ModuleFlowNode, ModuleFlowEdge>
            nodes={nodes}
            edges={edges}
            nodeTypes={nodeTypes}
            edgeTypes={edgeTypes}
            onNodeClick={onNodeClick}
            onNodeDoubleClick={onNodeDoubleClick}
            onMoveStart={(event, viewport) => {
              moveStart.current = event ? viewport : null;
            }}
            onMoveEnd={(event, viewport) => {
              // Only a real pan or zoom by the user counts (a click on a node also starts a "move").
              const start = moveStart.current;
              if (event && start && (start.x !== viewport.x || start.y !== viewport.y || start.zoom !== viewport.zoom)) userMoved.current = true;
            }}
            onlyRenderVisibleElements
            nodesDraggable={false}
            nodesConnectable={false}
            edgesFocusable={false}
            elementsSelectable
            selectNodesOnDrag={false}
            selectionKeyCode={null}
            multiSelectionKeyCode={null}
            deleteKeyCode={null}
            zoomOnDoubleClick={false}
            minZoom={0.005}
            maxZoom={2.5}
            // Keys on nodes are ours (Enter/Space select, arrows move between modules, Esc clears);
            // React Flow's would select a node on Esc.
            disableKeyboardA11y
          >
            <Background variant={BackgroundVariant.Dots} gap={20} size={1} color="#d0d7de" />
            <Controls showInteractive={false} position="bottom-left" fitViewOptions={FIT}>
              <ControlButton
                onClick={() => setDirection((d) => (d === 'RIGHT' ? 'DOWN' : 'RIGHT'))}
                title={direction === 'RIGHT' ? 'Lay out top to bottom' : 'Lay out left to right'}
                aria-label={direction === 'RIGHT' ? 'Lay out top to bottom' : 'Lay out left to right'}
              >
                <span className="graph-direction" aria-hidden="true">
                  {direction === 'RIGHT' ? '↓' : '→'}
                </span>
              </ControlButton>
            </Controls>
            {nodes.length > MINIMAP_FROM && (
            <MiniMap<ModuleFlowNode>
              position="bottom-right"
              pannable
              zoomable
              nodeColor={minimapColour}
              nodeStrokeWidth={0}
              maskColor="rgba(246, 248, 250, 0.7)"
              ariaLabel="Graph overview"
            />
            )}
            <Panel position="top-left" className="graph-status">
              {pending && (
                <span className="graph-laying-out" role="status" data-testid="graph-laying-out">
                  <span className="spinner" aria-hidden="true" />
                  {layout?.phase === 'preview' && layout.key === key ? `Refining layout of ${graph.nodes.length.toLocaleString()} modules…` : 'Laying out…'}
                </span>
              )}
              {!pending && layout?.fallback && (
                <span className="graph-fallback-note" title={`elkjs: ${layout.fallback}`}>
                  Simplified layout: the layered layout failed on this graph
                </span>
              )}
              {!pending && focus && selected && (
                <span className="graph-focus-note" data-testid="focus-note">
                  {focusMode === 'both' ? 'upstream and downstream' : focusMode} of <strong>{selected}</strong>: {focus.size - 1} module{focus.size === 2 ? '' : 's'}
                  <button type="button" className="graph-focus-clear" onClick={() => setFocusMode(null)} aria-label="Clear focus" title="Clear focus (Esc)">
                    ×
                  </button>
                </span>
              )}
              {!pending && !focus && nodes.length >= LARGE && (
                <span className="graph-large-note" data-testid="large-graph-note">
                  Showing part of {nodes.length.toLocaleString()} modules at a readable zoom: zoom out, search (/) or focus a module for the rest
                </span>
              )}
              {!pending && alertCount > 0 && !focus && (
                <span className="graph-alert-note" title="Blocked, invalid or in a dependency cycle">
                  {alertCount} module{alertCount === 1 ? '' : 's'} blocked, invalid or in a cycle
                </span>
              )}
            </Panel>
            <Panel position="top-right" className="graph-legend" aria-label="Legend">
              <span>
                <svg width="34" height="8" aria-hidden="true">
                  <path d="M4 4 H32" stroke={EDGE_COLOURS.dependency} strokeWidth="1.5" />
                  <path d="M1 4 L6 1 L6 7 Z" fill={EDGE_COLOURS.dependency} />
                </svg>
                depends on
              </span>
              <span>
                <svg width="34" height="8" aria-hidden="true">
                  <path d="M4 4 H32" stroke={EDGE_COLOURS.optional} strokeWidth="1.5" strokeDasharray="5 3" />
                </svg>
                optional
              </span>
              <span>
                <span className="legend-alert" /> blocked / cycle
              </span>
            </Panel>
          </ReactFlow>
          {total === 0 && <div className="graph-empty">No modules in this checkout.</div>}
          {total > 0 && graph.nodes.length === 0 && <div className="graph-empty">No module matches the tier filter.</div>}
        </div>
        {selectedRecord && (
          <ModuleDetails
            module={selectedRecord}
            snapshot={snapshot}
            index={index}
            focusMode={focusMode}
            onSelect={selectModule}
            onOpenFile={openFile}
            onFocus={setFocusMode}
            onClose={() => selectModule(null)}
          />
        )}
      </div>
    </div>
  );
}

function decorateEdge(base: ModuleFlowEdge, className: string, route: EdgeRoute | undefined, hidden: boolean): ModuleFlowEdge {
  const touches = className.includes('touches-selected') && base.data!.kind === 'dependency' && !base.data!.cycle;
  return {
    ...base,
    className,
    hidden,
    zIndex: touches ? 1 : 0,
    markerStart: touches && typeof base.markerStart === 'object' ? { ...base.markerStart, color: ACCENT } : base.markerStart,
    data: { ...base.data!, route },
  };
}

const ACCENT = '#0969da';
const TIER_HEX: Record<Tier, string> = { core: '#1f6feb', optional: '#1a7f37', internal: '#8250df' };

function minimapColour(node: ModuleFlowNode): string {
  const { module: m, inCycle, match, dimmed } = node.data;
  if (node.selected) return ACCENT;
  if (match) return '#d4a72c';
  if (dimmed) return '#d0d7de';
  return m.status !== 'ok' || inCycle ? '#cf222e' : TIER_HEX[m.tier];
}
