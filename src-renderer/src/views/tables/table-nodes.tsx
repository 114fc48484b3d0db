import { Handle, Position, type NodeProps } from '@xyflow/react';
import { memo, type JSX } from 'react';
import type { Node } from '@xyflow/react';
import type { ModuleNodeData, TableNodeData, TierNodeData } from './tables-model';

/**
 * The Tables view's nodes: a table (name, column count, tenant column), a module's box (tier
 * colour; open it holds its tables, collapsed it shows counts) and a collapsed tier. Each has a
 * target handle on the left and a source handle on the right for the foreign-key edges.
 */

function Handles(): JSX.Element {
  return (
    <>
      <Handle type="target" position={Position.Left} isConnectable={false} />
      <Handle type="source" position={Position.Right} isConnectable={false} />
    </>
  );
}

function tenantLabel(d: TableNodeData): { text: string; cls: string; title: string } {
  const t = d.table;
  if (t.tenantColumn === true) return { text: d.tenantColumn, cls: 'tenant-yes', title: `has ${d.tenantColumn}` };
  if (t.tenantColumn === null) return { text: '?', cls: 'tenant-unknown', title: 'columns come from a SELECT: not known' };
  if (t.scoped) return { text: `no ${d.tenantColumn}`, cls: 'tenant-missing', title: `its module is tenancy: scoped, but it has no ${d.tenantColumn}` };
  return { text: 'global', cls: 'tenant-global', title: `no ${d.tenantColumn} (its module is not tenancy-scoped)` };
}

function TableNodeView({ data }: NodeProps<Node<TableNodeData, 'dbtable'>>): JSX.Element {
  const t = data.table;
  const tenant = tenantLabel(data);
  const title = [
    `${t.key} (owned by ${t.owner})`,
    t.renamedFrom.length ? `renamed from ${t.renamedFrom.join(', ')}` : '',
    t.columns ? `columns: ${t.columns.join(', ')}` : 'columns: not known (CREATE TABLE ... AS SELECT)',
    ...t.foreignKeys.map((k) => `${k.columns.join(', ')} → ${k.to}${k.owner && k.owner !== t.owner ? ` (${k.owner})` : ''}`),
    t.shared ? 'shared with every module (platform.yaml tables.shared)' : '',
    `created in ${t.file}:${t.line} (click to open)`,
  ]
    .filter(Boolean)
    .join('\n');
  return (
    <div className={`tables-table${data.match ? ' match' : ''}`} data-testid="table-node" data-table={t.key} data-owner={t.owner} data-tenant={tenant.cls} title={title}>
      <Handles />
      <div className="tables-table-name">
        {t.key}
        {t.shared && <span className="tables-shared">shared</span>}
      </div>
      <div className="tables-table-meta">
        <span>{t.columns ? `${t.columns.length} col${t.columns.length === 1 ? '' : 's'}` : '? cols'}</span>
        <span className={`tables-tenant ${tenant.cls}`} title={tenant.title}>
          {tenant.text}
        </span>
      </div>
    </div>
  );
}

function ModuleNodeView({ data }: NodeProps<Node<ModuleNodeData, 'dbmodule'>>): JSX.Element {
  const g = data.group;
  const label = `${g.tables.length} table${g.tables.length === 1 ? '' : 's'}`;
  return (
    <div className={`tables-module tier-${g.tier}${data.open ? ' open' : ''}`} data-testid="table-module" data-module={g.module} data-open={data.open ? 'true' : 'false'}>
      <Handles />
      <button type="button" className="tables-module-head nodrag" data-testid="table-module-toggle" aria-expanded={data.open} title={data.open ? 'Collapse' : `Show the ${label} of ${g.module}`}>
        <span className="tables-module-caret">{data.open ? '▾' : '▸'}</span>
        <span className="tables-module-name">{g.module}</span>
        <span className="tables-module-tier">{g.tier}</span>
        {data.problems > 0 && (
          <span className="tables-module-problems" title={`${data.problems} data-isolation finding${data.problems === 1 ? '' : 's'}`}>
            {data.problems}
          </span>
        )}
      </button>
      {!data.open && (
        <div className="tables-module-meta">
          {label}
          {g.crossKeys > 0 && <span className="tables-module-cross"> · {g.crossKeys} cross-module FK{g.crossKeys === 1 ? '' : 's'}</span>}
        </div>
      )}
    </div>
  );
}

function TierNodeView({ data }: NodeProps<Node<TierNodeData, 'dbtier'>>): JSX.Element {
  return (
    <button type="button" className={`tables-tier tier-${data.tier}`} data-testid="table-tier" data-tier={data.tier} title={`Show the modules of the ${data.tier} tier`}>
      <Handles />
      <span className="tables-tier-name">▸ {data.tier} tier</span>
      <span className="tables-tier-meta">
        {data.modules} module{data.modules === 1 ? '' : 's'} · {data.tables} table{data.tables === 1 ? '' : 's'}
      </span>
    </button>
  );
}

export const tableNodeTypes = { dbtable: memo(TableNodeView), dbmodule: memo(ModuleNodeView), dbtier: memo(TierNodeView) };
