import { useEffect, useState, type JSX } from 'react';
import type { TableInfo, TablesReport } from '../../../../src-main/common/contract-tables';
import type { WorkbenchTransport } from '../../../../src-main/common/contract';
import { useWorkbench } from '../../state/workbench-context';

/** One `tables.list` per snapshot revision, shared by every module the panel shows. */
let cached: { client: WorkbenchTransport; revision: number; report: Promise<TablesReport> } | null = null;

function tablesOf(client: WorkbenchTransport, revision: number): Promise<TablesReport> {
  if (!cached || cached.client !== client || cached.revision !== revision) cached = { client, revision, report: client.request('tables.list', {}) };
  return cached.report;
}

/** The module's tables (those its migrations create), each opening the line that created it. */
export function ModuleTables({ module, onOpenFile }: { module: string; onOpenFile(path: string, line?: number, column?: number): void }): JSX.Element | null {
  const { client, snapshot, navigate } = useWorkbench();
  const [tables, setTables] = useState<TableInfo[] | null>(null);
  const revision = snapshot?.revision ?? 0;
  useEffect(() => {
    let live = true;
    tablesOf(client, revision).then(
      (r) => live && setTables(r.tables.filter((t) => t.owner === module)),
      () => live && setTables(null), // the Tables view reports the error; the panel just leaves the section out
    );
    return () => {
      live = false;
    };
  }, [client, revision, module]);
  if (!tables || tables.length === 0) return null;
  return (
    <section className="graph-details-section" data-testid="details-tables">
      <h3>
        Tables<span className="count">{tables.length}</span>
      </h3>
      <ul className="graph-details-list">
        {tables.map((t) => (
          <li key={t.key} data-table={t.key}>
            <button type="button" className="link mono" onClick={() => onOpenFile(t.file, t.line, t.column)} title={`Open ${t.file}:${t.line}, where it is created`}>
              {t.key}
            </button>
            <span className="muted small">
              {' '}
              {t.columns ? `${t.columns.length} columns` : 'columns not known'}
              {t.tenantColumn === false && t.scoped ? ' · no tenant column' : ''}
              {t.foreignKeys.some((k) => k.owner && k.owner !== module) ? ` · keys into ${[...new Set(t.foreignKeys.filter((k) => k.owner && k.owner !== module).map((k) => k.owner))].join(', ')}` : ''}
              {t.shared ? ' · shared' : ''}
            </span>
          </li>
        ))}
      </ul>
      <button type="button" className="link small" onClick={() => navigate('tables')}>
        Show in the Tables view
      </button>
    </section>
  );
}
