import '@xyflow/react/dist/style.css';
import './tables.css';
import { Background, BackgroundVariant, Controls, MiniMap, ReactFlow, ReactFlowProvider, useReactFlow, type NodeMouseHandler } from '@xyflow/react';
import { useCallback, useEffect, useMemo, useRef, useState, type JSX } from 'react';
import type { TablesReport } from '../../../../src-main/common/contract-tables';
import type { Tier } from '../../../../src-main/common/model';
import { useDebounced } from '../../components/use-debounced';
import { useWorkbench } from '../../state/workbench-context';
import { tableNodeTypes } from './table-nodes';
import { buildTablesFlow, groupTables, initialOpenState, matchingTables, OPEN_ALL_MAX, type TablesFlowEdge, type TablesFlowNode, type TablesOpenState } from './tables-model';

/** Up to this many nodes a change of the open tiers fits everything in view. */
const FIT_ALL_MAX = 300;
const READABLE_ZOOM = 0.8;

/**
 * The Tables view: every table the migrations create, grouped by owning module in tier bands (tier
 * colours), foreign keys as edges (those crossing modules highlighted), the tenant column on each
 * table; a click on a table opens the migration line that created it. A big platform opens with
 * tiers or modules collapsed, and React Flow draws only what is in view.
 */
export function TablesView(): JSX.Element {
  const { client, snapshot, reportError } = useWorkbench();
  const [report, setReport] = useState<TablesReport | null>(null);
  const revision = snapshot?.revision;
  useEffect(() => {
    if (revision === undefined) return;
    let live = true;
    client.request('tables.list', {}).then(
      (r) => live && setReport(r),
      (e: Error) => reportError(e.message),
    );
    return () => {
      live = false;
    };
  }, [client, revision, reportError]);
  if (!snapshot) return <div className="empty">No checkout is open.</div>;
  if (!report) return <div className="empty">Reading tables…</div>;
  if (!report.known) return <div className="empty" data-testid="tables-unknown">Tables are not known here: {report.reason}.</div>;
  if (report.tables.length === 0) return <div className="empty" data-testid="tables-empty">No migration of this checkout creates a table.</div>;
  return (
    <ReactFlowProvider>
      <TablesCanvas report={report} />
    </ReactFlowProvider>
  );
}

function TablesCanvas({ report }: { report: TablesReport }): JSX.Element {
  const { openFile, snapshot } = useWorkbench();
  const flow = useReactFlow<TablesFlowNode, TablesFlowEdge>();
  const groups = useMemo(() => groupTables(report), [report]);
  const [open, setOpen] = useState<TablesOpenState>(() => initialOpenState(groups));
  const [query, setQuery] = useState('');
  const shownQuery = useDebounced(query, report.tables.length > 500 ? 200 : 0);
  const pendingCentre = useRef<string | null>(null);
  const problemsByModule = useMemo(() => {
    const m = new Map<string, number>();
    for (const d of report.diagnostics) if (d.module) m.set(d.module, (m.get(d.module) ?? 0) + 1);
    return m;
  }, [report]);
  const { nodes, edges } = useMemo(() => buildTablesFlow(report, groups, open, problemsByModule, shownQuery), [report, groups, open, problemsByModule, shownQuery]);
  const crossKeys = useMemo(() => groups.reduce((n, g) => n + g.crossKeys, 0), [groups]);
  const matches = useMemo(() => matchingTables(report, shownQuery), [report, shownQuery]);

  // When tiers open or close: a small picture is fitted; a big one is not (everything would be in
  // view, so everything drawn): the view goes to the start of the tier just opened, at a readable
  // zoom, and React Flow draws what is in view. A module toggle keeps the view.
  const tierKey = [...open.tiers].sort().join(',');
  const openedTier = useRef<Tier | null>(null);
  useEffect(() => {
    if (pendingCentre.current) return;
    const id = requestAnimationFrame(() => {
      const first = openedTier.current ? nodes.find((n) => n.type === 'dbmodule' && n.data.group.tier === openedTier.current) : undefined;
      openedTier.current = null;
      if (nodes.length <= FIT_ALL_MAX || !first) void flow.fitView({ padding: 0.08, maxZoom: 1 });
      else void flow.setViewport({ x: 40 - first.position.x * READABLE_ZOOM, y: 40 - first.position.y * READABLE_ZOOM, zoom: READABLE_ZOOM });
    });
    return () => cancelAnimationFrame(id);
    // Only a change of the open tiers moves the view (nodes is read at that moment).
  }, [flow, tierKey]);
  useEffect(() => {
    const id = pendingCentre.current;
    const node = id ? nodes.find((n) => n.id === id) : undefined;
    if (!node) return;
    pendingCentre.current = null;
    void flow.setCenter(node.position.x + (node.width ?? 0) / 2, node.position.y + (node.height ?? 0) / 2, { zoom: 1.1, duration: 0 });
  }, [flow, nodes]);

  const toggleTier = (tier: Tier) => {
    openedTier.current = tier;
    setOpen((o) => ({ ...o, tiers: new Set([...o.tiers, tier]) }));
  };
  const toggleModule = (module: string) =>
    setOpen((o) => {
      const modules = new Set(o.modules);
      if (!modules.delete(module)) modules.add(module);
      return { ...o, modules };
    });
  const onNodeClick: NodeMouseHandler<TablesFlowNode> = useCallback(
    (_e, node) => {
      if (node.type === 'dbtier') toggleTier(node.data.tier);
      else if (node.type === 'dbmodule') toggleModule(node.data.group.module);
      else if (node.type === 'dbtable') openFile(node.data.table.file, node.data.table.line, node.data.table.column);
    },
    [openFile],
  );
  const reveal = () => {
    // The typed query, not the debounced one: Enter right after typing still finds the table.
    const t = matchingTables(report, query)[0];
    if (!t) return;
    pendingCentre.current = `table:${t.key}`;
    setOpen((o) => ({ tiers: new Set([...o.tiers, t.tier]), modules: new Set([...o.modules, t.owner]) }));
  };
  const allTiers = new Set(groups.map((g) => g.tier));
  const byTier = () => setOpen({ tiers: new Set(), modules: new Set() });
  const byModule = () => {
    openedTier.current = groups[0]?.tier ?? null;
    setOpen({ tiers: allTiers, modules: new Set() });
  };
  const openAll = () => setOpen({ tiers: allTiers, modules: new Set(groups.map((g) => g.module)) });
  // The overview map draws every node: worth it from a handful of groups up to a few thousand.
  const minimap = nodes.length > 80 && nodes.length <= 2500;

  return (
    <div className="tables-view" data-testid="tables-view">
      <div className="tables-toolbar" role="toolbar" aria-label="Tables">
        <input
          type="search"
          placeholder="Find a table (Enter shows it)"
          aria-label="Find a table"
          data-testid="tables-search"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={(e) => e.key === 'Enter' && reveal()}
        />
        {shownQuery.trim() && <span className="tables-matches">{matches.length} match{matches.length === 1 ? '' : 'es'}</span>}
        <span className="tables-group-label">Group:</span>
        <button type="button" onClick={byTier} data-testid="tables-by-tier">
          by tier
        </button>
        <button type="button" onClick={byModule} data-testid="tables-by-module">
          by module
        </button>
        <button type="button" onClick={openAll} disabled={report.tables.length > OPEN_ALL_MAX} title={report.tables.length > OPEN_ALL_MAX ? `More than ${OPEN_ALL_MAX} tables: open tiers and modules one by one` : 'Show every table'} data-testid="tables-open-all">
          open all
        </button>
        <span className="tables-summary" data-testid="tables-summary">
          {report.tables.length} tables · {groups.length} modules · {crossKeys} cross-module foreign key{crossKeys === 1 ? '' : 's'} · naming: {report.naming}
          {report.diagnostics.length > 0 && ` · ${report.diagnostics.length} data-isolation finding${report.diagnostics.length === 1 ? '' : 's'}`}
        </span>
      </div>
      <div className="tables-canvas" data-platform={snapshot?.platform.name}>
        <ReactFlow<TablesFlowNode, TablesFlowEdge>
          nodes={nodes}
          edges={edges}
          nodeTypes={tableNodeTypes}
          onNodeClick={onNodeClick}
          onlyRenderVisibleElements
          nodesDraggable={false}
          nodesConnectable={false}
          edgesFocusable={false}
          elementsSelectable={false}
          minZoom={0.05}
          maxZoom={2}
          fitView
          proOptions={{ hideAttribution: true }}
        >
          <Background variant={BackgroundVariant.Dots} gap={18} size={1} />
          <Controls showInteractive={false} />
          {minimap && <MiniMap pannable zoomable nodeClassName={(n) => (n.type === 'dbtable' ? 'mini-table' : `mini-${n.type} tier-${(n.data as { tier?: string; group?: { tier: string } }).tier ?? (n.data as { group?: { tier: string } }).group?.tier}`)} />}
        </ReactFlow>
        <div className="tables-legend" aria-label="Legend">
          <span className="legend-fk">foreign key</span>
          <span className="legend-fk cross">across modules</span>
          <span className="tables-tenant tenant-yes">{report.tenantColumn}</span>
          <span className="tables-tenant tenant-missing">missing in a scoped module</span>
        </div>
      </div>
    </div>
  );
}
