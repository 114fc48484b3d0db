import '@xyflow/react/dist/style.css';
import './graph.css';
import { Background, BackgroundVariant, ControlButton, Controls, MiniMap, ReactFlow, ReactFlowProvider, useReactFlow, useStore, type ReactFlowState, type NodeMouseHandler } from '@xyflow/react';
import { useCallback, useEffect, useMemo, useRef, useState, type JSX, type KeyboardEvent as ReactKeyboardEvent } from 'react';
import type { WorkbenchSnapshot } from '../../../../src-main/common/contract';
import { type EdgeKind, type Tier } from '../../../../src-main/common/model';
import { isTypingTarget } from '../../components/typing-target';
import { useWorkbench } from '../../state/workbench-context';
import { download, fileSafe, graphToSvg, svgToPng } from './graph-export';
import { buildGraph, focusSet, indexSnapshot, layoutKey, nearestInDirection, searchModules, type FocusMode, type ModuleEdgeData, type ModuleFlowEdge, type ModuleFlowNode } from './graph-model';
import { ModuleDetails } from './module-details';
import { ModuleNode } from './module-node';
import { RoutedEdge } from './routed-edge';
import { layoutRuns, useLayout } from './use-layout';
import { minimapColour, useGraphElements } from './graph-elements';
import { useDebounced } from '../../components/use-debounced';
import { EdgeExplain } from './edge-explain';
import { GraphLegend } from './graph-legend';
import { GraphStatus } from './graph-status';
import { GraphToolbar, type ExportFormat } from './graph-toolbar';
import { useGraphSettings, type GraphSettings } from './use-graph-settings';
import { FIT, useGraphViewport } from './use-graph-viewport';

const nodeTypes = { module: ModuleNode };
const edgeTypes = { routed: RoutedEdge };
const ALL_TIERS: Record<Tier, boolean> = { core: true, optional: true, internal: true };
const ARROWS = new Set(['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown']);
/** From this many modules on, search highlighting is debounced. */
const BIG = 300;
/** Small graphs fit on screen; the overview map only earns its space on bigger ones. */
const MINIMAP_FROM = 60;
/**
 * Zoomed out this far on a big graph (modules or edges), names are unreadable: nodes become
 * coloured boxes and only the highlighted edges are drawn, which keeps panning light.
 */
const FAR_ZOOM = 0.35;
const FAR_EDGES = 600;
const farSelector = (s: ReactFlowState) => s.transform[2] < FAR_ZOOM;

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

function GraphCanvas({ snapshot, overlay }: { snapshot: WorkbenchSnapshot; overlay?: GraphOverlay }): JSX.Element {
  const { client, selectedModule, selectModule, openFile, reportError } = useWorkbench();
  const flow = useReactFlow<ModuleFlowNode, ModuleFlowEdge>();
  const [query, setQuery] = useState('');
  // Implied edges start hidden (a note says how many, and shows them): a cleaner picture, and half
  // the layout time on big graphs. Over a branch's changes (overlay) every edge shows: an added or
  // removed dependency must not hide. Left to right: module boxes are wide and low, so broad layers
  // stack more compactly.
  const hasOverlay = !!overlay;
  const defaults = useMemo<GraphSettings>(
    () => ({ tiers: ALL_TIERS, showEvents: false, showCapabilities: false, showImplied: hasOverlay, direction: 'RIGHT', focusMode: null, hideOthers: false }),
    [hasOverlay],
  );
  const validSelection = selectedModule && snapshot.modules.some((m) => m.name === selectedModule) ? selectedModule : null;
  const [settings, update] = useGraphSettings(defaults, !overlay, { selected: validSelection, select: selectModule });
  const { tiers, showEvents, showCapabilities, showImplied, direction, focusMode, hideOthers } = settings;
  const setFocusMode = (mode: FocusMode | null) => update({ focusMode: mode });
  const [explained, setExplained] = useState<ModuleEdgeData | null>(null);
  const explainedRef = useRef(explained);
  explainedRef.current = explained;
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

  const { nodes, edges } = useGraphElements({ graph, layout, searching, matchSet, focus, selected, overlay, far });

  const centres = useMemo(() => new Map(nodes.map((n) => [n.id, { x: n.position.x + (n.width ?? 0) / 2, y: n.position.y + (n.height ?? 0) / 2 }])), [nodes]);

  const canvasRef = useRef<HTMLDivElement>(null);
  const { userMoved, moveStart } = useGraphViewport(flow, layout, nodes, canvasRef);

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

  // The details panel takes room beside the canvas (never over it). Once it has opened, the module
  // chosen by search is centred, and a selected module left outside the narrower canvas is brought
  // back into view.
  const centreOnSelect = useRef<string | null>(null);
  useEffect(() => {
    if (!selected) return;
    let inner = 0;
    const outer = requestAnimationFrame(() => {
      inner = requestAnimationFrame(() => {
        const box = canvasRef.current?.getBoundingClientRect();
        const r = nodeElement(selected)?.getBoundingClientRect();
        const outside = !!box && !!r && (r.right > box.right || r.left < box.left || r.bottom > box.bottom || r.top < box.top);
        const c = centres.get(selected);
        if (centreOnSelect.current === selected) void revealNode(selected, true);
        // Without a user pan the canvas refits itself to its new size; after one, pan (same zoom).
        else if (outside && userMoved.current && c) void flow.setCenter(c.x, c.y, { zoom: flow.getZoom(), duration: 200 });
        centreOnSelect.current = null;
      });
    });
    return () => {
      cancelAnimationFrame(outer);
      cancelAnimationFrame(inner);
    };
  }, [selected]);

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
        if (explainedRef.current) {
          setExplained(null);
          return;
        }
        clearSearchAndFocus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [clearSearchAndFocus]);

  /** Enter selects the first match of what the field holds now (not of an earlier, debounced search) and centres it. */
  const onSearchKey = (e: ReactKeyboardEvent<HTMLInputElement>) => {
    const current = e.key === 'Enter' ? searchModules(graph.nodes.map((n) => n.id), e.currentTarget.value) : matches;
    if (e.key === 'Enter' && current.length > 0) {
      e.preventDefault();
      if (current[0] === selected) {
        void revealNode(current[0], true);
      } else {
        centreOnSelect.current = current[0];
        selectModule(current[0]);
      }
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
  const runExport = async (format: ExportFormat) => {
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
      <GraphToolbar
        settings={settings}
        update={update}
        query={query}
        onQuery={setQuery}
        onSearchKey={onSearchKey}
        searchRef={searchRef}
        matchCount={searching ? matches.length : null}
        nodeCount={graph.nodes.length}
        tierCounts={tierCounts}
        selected={selected}
        exporting={exporting}
        onExport={(format) => void runExport(format)}
        exportRef={exportRef}
      />
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
            onEdgeClick={(_, edge) => setExplained(edge.data ?? null)}
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
                onClick={() => update({ direction: direction === 'RIGHT' ? 'DOWN' : 'RIGHT' })}
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
            <GraphStatus
              pending={pending}
              layout={layout}
              layoutKey={key}
              moduleCount={graph.nodes.length}
              drawn={nodes.length}
              focus={focus}
              focusMode={focusMode}
              selected={selected}
              alertCount={alertCount}
              hiddenImplied={showImplied ? 0 : (graph.hiddenImplied ?? 0)}
              onClearFocus={() => setFocusMode(null)}
              onShowImplied={() => update({ showImplied: true })}
            />
            <GraphLegend />
            {explained && <EdgeExplain edge={explained} order={snapshot.order} onOpen={openFile} onClose={() => setExplained(null)} />}
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
