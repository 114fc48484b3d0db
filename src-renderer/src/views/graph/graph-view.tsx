import '@xyflow/react/dist/style.css';
import './graph.css';
import { Background, BackgroundVariant, ControlButton, Controls, MiniMap, ReactFlow, ReactFlowProvider, useReactFlow, useStore, type ReactFlowState, type NodeMouseHandler } from '@xyflow/react';
import { useCallback, useEffect, useMemo, useRef, useState, type JSX, type KeyboardEvent as ReactKeyboardEvent } from 'react';
import type { WorkbenchSnapshot } from '../../../../src-main/common/contract';
import { type EdgeKind, type Tier } from '../../../../src-main/common/model';
import { useGraphKeys } from './use-graph-keys';
import { useGraphReveal } from './use-graph-reveal';
import { useWorkbench } from '../../state/workbench-context';
import { useGraphExport } from './use-graph-export';
import { buildGraph, focusSet, indexSnapshot, nearestInDirection, searchModules, type FocusMode, type ModuleEdgeData, type ModuleFlowEdge, type ModuleFlowNode } from './graph-model';
import { ModuleDetails } from './module-details';
import { ModuleNode } from './module-node';
import { RoutedEdge } from './routed-edge';
import { forgetLayout, layoutRuns, useLayout } from './use-layout';
import { GroupNode } from './group-node';
import { listRows, ModuleList } from './module-list';
import { useGraphGroups } from './use-graph-groups';
import { minimapColour, useGraphEdges, useGraphNodes } from './graph-elements';
import { useDrawBudget } from './use-draw-budget';
import { useDebounced } from '../../components/use-debounced';
import { EdgeExplain } from './edge-explain';
import { FarOverview } from './far-overview';
import { BitmapMiniMap } from './bitmap-minimap';
import { GraphLegend } from './graph-legend';
import { GraphStatus } from './graph-status';
import { GraphToolbar } from './graph-toolbar';
import { GroupingTools } from './grouping-tools';
import { useGraphSettings, type GraphSettings } from './use-graph-settings';
import { fitNodes, MIN_ZOOM, useGraphViewport } from './use-graph-viewport';
import { flowNodes, FitIcon } from './flow-nodes';
import { useGraphGesture } from './use-graph-gesture';
import { useGestureLayer } from './gesture-layer';

const nodeTypes = { module: ModuleNode, moduleGroup: GroupNode };
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
const NONE: ReadonlySet<string> = new Set();
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
    () => ({ tiers: ALL_TIERS, showEvents: false, showCapabilities: false, showImplied: hasOverlay, direction: 'RIGHT', focusMode: null, hideOthers: false, group: 'auto', open: [] }),
    [hasOverlay],
  );
  const validSelection = selectedModule && snapshot.modules.some((m) => m.name === selectedModule) ? selectedModule : null;
  const [settings, update] = useGraphSettings(defaults, !overlay, { selected: validSelection, select: selectModule });
  const { tiers, showEvents, showCapabilities, showImplied, direction, focusMode, hideOthers } = settings;
  const setFocusMode = (mode: FocusMode | null) => update({ focusMode: mode });
  const [explained, setExplained] = useState<ModuleEdgeData | null>(null);
  const explainedRef = useRef(explained);
  explainedRef.current = explained;
  // The list earns its room once the canvas is no longer the easy way to find a module.
  const [listOpen, setListOpen] = useState(() => snapshot.modules.length > MINIMAP_FROM);
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
  const groups = useGraphGroups(snapshot, index, graph, settings, update, selected);
  const { view } = groups;
  // Positions are remembered per platform, grouping and direction: filters, focus, edge kinds,
  // expanding and re-checks keep them; "Tidy layout" forgets them.
  const [tidied, setTidied] = useState(0);
  const memoryKey = `${snapshot.checkout}|${overlay ? 'changes' : 'graph'}|${groups.mode}|${direction}|${tidied}`;
  const { layout, pending, error } = useLayout(view, memoryKey, direction, labelled, groups.placement);
  const tidy = () => {
    forgetLayout(memoryKey);
    setTidied((t) => t + 1);
  };
  useEffect(() => {
    if (error) reportError(error);
  }, [error, reportError]);

  const big = view.nodes.length >= BIG;
  const zoomedOut = useStore(farSelector);
  const far = zoomedOut && (big || view.edges.length >= FAR_EDGES);
  const matches = useMemo(() => searchModules(graph.nodes.map((n) => n.id), query), [graph, query]);
  // Highlighting restyles every node; on big graphs it waits for a pause in typing.
  const shownQuery = useDebounced(query, big ? 180 : 0);
  const searching = shownQuery.trim() !== '';
  const matchedModules = useMemo(() => searchModules(graph.nodes.map((n) => n.id), shownQuery), [graph, shownQuery]);
  // On the stable functions, not on `groups` (a new object each render): these sets feed every node.
  const { toUnits, countByGroup } = groups;
  const matchSet = useMemo(() => toUnits(matchedModules), [toUnits, matchedModules]);
  const matchCounts = useMemo(() => countByGroup(matchedModules), [countByGroup, matchedModules]);
  const focusUnits = useMemo(() => (focus ? toUnits(focus) : null), [toUnits, focus]);

  const allNodes = useGraphNodes({ graph: view, layout, searching, matchSet, matchCounts, focus: focusUnits, selected, overlay });
  const canvasRef = useRef<HTMLDivElement>(null);
  // On a big graph only the nodes around the view are elements, admitted a few per frame (none far
  // out); the overview bitmap (FarOverview) shows the others. Highlighted nodes are always elements.
  const { drawable, pending: mounting, setMoving } = useDrawBudget(allNodes, big, far, canvasRef);
  const edges = useGraphEdges({ graph: view, layout, focus: focusUnits, selected, overlay, far, drawable });
  // React Flow gets only the nodes that are elements (and, hidden, the far ends of highlighted
  // edges): every node it holds costs on each pan step and each node admitted (its lookup, the
  // visible-node query), and it never measures or mounts a node it does not have.
  // Far out none are admitted (the budget drops them a frame later; not drawn meanwhile either).
  const nodes = useMemo(() => (drawable ? flowNodes(allNodes, far ? NONE : drawable, edges) : allNodes), [drawable, far, allNodes, edges]);
  const listed = useMemo(
    () => listRows(snapshot.modules, new Set(graph.nodes.map((n) => n.id)), searching ? new Set(matchedModules) : null, groups.assignment),
    [snapshot.modules, graph, searching, matchedModules, groups.assignment],
  );

  const centres = useMemo(() => new Map(allNodes.map((n) => [n.id, { x: n.position.x + (n.width ?? 0) / 2, y: n.position.y + (n.height ?? 0) / 2 }])), [allNodes]);
  // Fitting the view is ours (React Flow holds only some nodes of a big graph; see fitNodes).
  const fitIds = useCallback(
    (ids: readonly string[] | null, options: { duration?: number; maxZoom?: number } = {}) => {
      const wanted = ids && new Set(ids);
      return fitNodes(flow, canvasRef.current, wanted ? allNodes.filter((n) => wanted.has(n.id)) : allNodes, options);
    },
    [flow, allNodes],
  );

  const { userMoved, moveStart } = useGraphViewport(flow, layout, allNodes, canvasRef);
  // A zoom gesture on a big graph scales one picture of the node elements (gesture-layer.tsx).
  const layer = useGestureLayer(big, canvasRef, nodes, edges);
  const gesture = useGraphGesture(canvasRef, setMoving, moveStart, userMoved, layer);

  // --- actions ---------------------------------------------------------------------------------
  const { revealNode, expandGroup, selectAndCentre } = useGraphReveal({ rootRef, canvasRef, flow, centres, userMoved, selected, selectModule, groups, pending, fitIds });

  const clearSearchAndFocus = useCallback(() => {
    if (query || focusMode) {
      setQuery('');
      setFocusMode(null);
    } else if (selectedModule) {
      selectModule(null);
    }
  }, [query, focusMode, selectedModule, selectModule]);

  useGraphKeys(searchRef, exportRef, () => {
    if (!explainedRef.current) return false;
    setExplained(null);
    return true;
  }, clearSearchAndFocus);

  /** Enter selects the first match of what the field holds now (not of an earlier, debounced search) and centres it. */
  const onSearchKey = (e: ReactKeyboardEvent<HTMLInputElement>) => {
    const current = e.key === 'Enter' ? searchModules(graph.nodes.map((n) => n.id), e.currentTarget.value) : matches;
    if (e.key === 'Enter' && current.length > 0) {
      e.preventDefault();
      selectAndCentre(current[0]);
    } else if (e.key === 'ArrowDown' && matches.length > 0) {
      e.preventDefault();
      void revealNode(groups.toUnits([matches[0]]).values().next().value!, false);
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
      if (view.groups.has(id)) expandGroup(id, true);
      else selectModule(id);
    }
  };

  const onNodeClick: NodeMouseHandler<ModuleFlowNode> = useCallback((_, node) => (node.data.group ? expandGroup(node.id, true) : selectModule(node.id)), [selectModule, expandGroup]);
  const onNodeDoubleClick: NodeMouseHandler<ModuleFlowNode> = useCallback((_, node) => !node.data.group && openFile(node.data.module.manifestFile), [openFile]);
  const edgeKinds = (): EdgeKind[] => ['dependency', 'optional', ...(showEvents ? (['event'] as const) : []), ...(showCapabilities ? (['capability'] as const) : [])];
  const { exporting, runExport } = useGraphExport(client, snapshot, { nodes: allNodes, edges, edgeKinds: edgeKinds() }, exportRef, reportError);

  // --- render ----------------------------------------------------------------------------------
  const tierCounts = useMemo(() => {
    const counts: Record<Tier, number> = { core: 0, optional: 0, internal: 0 };
    for (const m of snapshot.modules) counts[m.tier]++;
    return counts;
  }, [snapshot.modules]);
  const selectedRecord = selected ? index.byName.get(selected)! : null;
  const alertCount = index.alerts.size;
  const drawn = allNodes.length;
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
        grouping={
          <GroupingTools
            mode={groups.mode}
            groupCount={groups.assignment.groups.size}
            openCount={settings.open.length}
            listOpen={listOpen}
            onMode={(group) => update({ group, open: [] })}
            onCollapseAll={() => update({ open: [] })}
            onTidy={tidy}
            onList={setListOpen}
          />
        }
      />
      <div className="graph-body">
        {listOpen && (
          <ModuleList rows={listed} total={total} selected={selected} expanded={groups.expanded} problems={index.problems} onSelect={selectAndCentre} onToggleGroup={expandGroup} />
        )}
        <div
          className={`graph-canvas${labelled ? ' overlay' : ''}${searching ? ' searching' : ''}${far ? ' far' : ''}`}
          ref={canvasRef}
          onKeyDown={onCanvasKey}
          data-testid="graph-canvas"
          data-layout={pending ? 'pending' : 'done'}
          data-drawn={drawn}
          data-mounting={mounting}
          data-groups={view.groups.size}
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
            onMoveStart={gesture.onMoveStart}
            onMove={gesture.onMove}
            onMoveEnd={gesture.onMoveEnd}
            // React Flow mounts every element it gets, once: a big graph's are those around the view
            // (useDrawBudget, admitted after a gesture), a smaller one's (the grouped overview too)
            // all. So panning and zooming never mount or measure any.
            onlyRenderVisibleElements={false}
            nodesDraggable={false}
            nodesConnectable={false}
            edgesFocusable={false}
            elementsSelectable
            selectNodesOnDrag={false}
            selectionKeyCode={null}
            multiSelectionKeyCode={null}
            deleteKeyCode={null}
            zoomOnDoubleClick={false}
            minZoom={MIN_ZOOM}
            maxZoom={2.5}
            // Keys on nodes are ours (Enter/Space select, arrows move between modules, Esc clears);
            // React Flow's would select a node on Esc.
            disableKeyboardA11y
          >
            {/* The dot grid is an SVG pattern repainted over the whole canvas on every pan step: on a big platform the canvas is plain. */}
            {total < BIG && <Background variant={BackgroundVariant.Dots} gap={20} size={1} color="#d0d7de" />}
            <Controls showInteractive={false} showFitView={false} position="bottom-left">
              <ControlButton className="react-flow__controls-fitview" onClick={() => void fitIds(null)} title="Fit View" aria-label="Fit View">
                <FitIcon />
              </ControlButton>
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
            {/* A big graph's map is a bitmap (React Flow's draws an element per node, and only mounted ones). */}
            {big && <BitmapMiniMap nodes={allNodes} hidden={far} />}
            {!big && nodes.length > MINIMAP_FROM && (
              <MiniMap<ModuleFlowNode> position="bottom-right" pannable zoomable nodeColor={minimapColour} nodeStrokeWidth={0} maskColor="rgba(246, 248, 250, 0.7)" ariaLabel="Graph overview" />
            )}
            <GraphStatus
              pending={pending}
              layout={layout}
              groups={view.groups.size}
              hiddenWeak={view.hiddenWeak}
              moduleCount={graph.nodes.length}
              drawn={drawn}
              focus={focus}
              focusMode={focusMode}
              selected={selected}
              alertCount={alertCount}
              hiddenImplied={showImplied ? 0 : (graph.hiddenImplied ?? 0)}
              onClearFocus={() => setFocusMode(null)}
              onShowImplied={() => update({ showImplied: true })}
            />
            <GraphLegend />
            {big && <FarOverview nodes={allNodes} visible={far || mounting > 0} />}
            {big && layer.element}
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
