import { useMemo, type JSX } from 'react';
import type { DiffEntry, FileChange, ModuleDiff, PrCheckReport } from '../../../../src-main/common/contract-changes';
import { VirtualTable } from '../../components/virtual-table';
import { plural } from '../../shared/plural';
import { useWorkbench } from '../../state/workbench-context';

/**
 * The diff as tables: modules, what changed inside them, and every changed file. Each is virtualized
 * (components/virtual-table.tsx): a branch that touches thousands of modules draws only the rows in view.
 */
function versionCell(m: ModuleDiff): JSX.Element {
  if (m.change === 'added') return <code>{m.headVersion ?? '—'}</code>;
  if (m.change === 'removed') return <code className="removed-text">{m.baseVersion ?? '—'}</code>;
  if (m.baseVersion === m.headVersion) {
    return (
      <>
        <code>{m.headVersion ?? '—'}</code> {m.files.length > 0 && <span className="badge warning">not bumped</span>}
      </>
    );
  }
  return (
    <>
      <code>{m.baseVersion ?? '—'}</code> → <code>{m.headVersion ?? '—'}</code>
    </>
  );
}

function FileLink(props: { path: string; status: string | undefined }): JSX.Element {
  const { openFile } = useWorkbench();
  return (
    <>
      <span className={`file-status ${props.status}`}>{props.status}</span>{' '}
      {props.status === 'deleted' ? (
        <span className="mono">{props.path}</span>
      ) : (
        <button type="button" className="link mono" onClick={() => openFile(props.path)}>
          {props.path}
        </button>
      )}
    </>
  );
}

export function ModulesTable(props: { report: PrCheckReport; onModule(name: string): void }): JSX.Element {
  const modules = props.report.diff.modules;
  const statusOf = useMemo(() => new Map(props.report.diff.files.map((f) => [f.path, f.status])), [props.report]);
  return (
    <section className="changes-section" data-testid="changes-modules">
      <h3>
        Modules <span className="count">{modules.length}</span>
      </h3>
      {modules.length === 0 ? (
        <p className="muted" data-testid="no-changes">
          No module changes against the base.
        </p>
      ) : (
        <VirtualTable
          label="Changed modules"
          columns={[
            { header: 'Change', width: '90px' },
            { header: 'Module', width: 'minmax(120px, 2fr)' },
            { header: 'Tier', width: 'minmax(80px, 1fr)' },
            { header: 'Version', width: 'minmax(120px, 1.5fr)' },
            { header: 'Files', width: 'minmax(0, 3fr)' },
          ]}
          count={modules.length}
          estimateHeight={34}
          maxHeight="max(240px, 45vh)"
          row={(i) => {
            const m = modules[i];
            return {
              key: m.name,
              attrs: { 'data-testid': 'changes-module', 'data-module': m.name, 'data-change': m.change },
              cells: [
                <span className={`chip ${m.change}`}>{m.change}</span>,
                <button type="button" className="link" onClick={() => props.onModule(m.name)} title="Show on the graph">
                  {m.name}
                </button>,
                <span className={`badge ${m.tier}`}>{m.baseTier && m.headTier && m.baseTier !== m.headTier ? `${m.baseTier} → ${m.headTier}` : m.tier}</span>,
                versionCell(m),
                m.files.length === 0 ? (
                  <span className="muted">—</span>
                ) : (
                  <details>
                    <summary>{plural(m.files.length, 'file')}</summary>
                    <ul className="changes-files">
                      {m.files.map((f) => (
                        <li key={f}>
                          <FileLink path={f} status={statusOf.get(f)} />
                        </li>
                      ))}
                    </ul>
                  </details>
                ),
              ],
            };
          }}
        />
      )}
    </section>
  );
}

export function EntriesTable({ entries }: { entries: DiffEntry[] }): JSX.Element | null {
  if (entries.length === 0) return null;
  return (
    <section className="changes-section" data-testid="changes-entries">
      <h3>
        Inside the modules <span className="count">{entries.length}</span>
      </h3>
      <VirtualTable
        label="Changes inside the modules"
        columns={[
          { header: 'Module', width: 'minmax(100px, 1.5fr)' },
          { header: 'What', width: 'minmax(90px, 1fr)' },
          { header: 'Change', width: '90px' },
          { header: 'Subject', width: 'minmax(0, 2fr)' },
          { header: 'Before → after', width: 'minmax(0, 2fr)' },
        ]}
        count={entries.length}
        estimateHeight={30}
        maxHeight="max(240px, 45vh)"
        row={(i) => {
          const e = entries[i];
          return {
            key: String(i),
            attrs: { 'data-testid': 'changes-entry', 'data-category': e.category, 'data-change': e.change },
            cells: [
              e.module,
              <>
                {e.category}
                {e.role ? <span className="muted"> ({e.role})</span> : null}
              </>,
              <span className={`chip ${e.change}`}>{e.change}</span>,
              <span className="mono">{e.subject}</span>,
              <span className="small">
                {e.change === 'changed' && (e.before || e.after) ? (
                  <>
                    <span className="removed-text">{e.before}</span> → {e.after}
                  </>
                ) : (
                  <span className={e.change === 'removed' ? 'removed-text' : ''}>{e.after ?? e.before ?? ''}</span>
                )}
              </span>,
            ],
          };
        }}
      />
    </section>
  );
}

/** Every changed file (folded away under the report; open while the check still runs). */
export function FilesList({ files, open }: { files: readonly FileChange[]; open?: boolean }): JSX.Element | null {
  if (files.length === 0) return null;
  return (
    <section className="changes-section">
      <details open={open}>
        <summary>
          <strong>All changed files</strong> <span className="count">{files.length}</span>
        </summary>
        <VirtualTable
          label="Changed files"
          testId="changes-files"
          columns={[{ header: 'File', width: 'minmax(0, 1fr)' }]}
          count={files.length}
          estimateHeight={26}
          maxHeight="max(200px, 40vh)"
          row={(i) => ({ key: files[i].path, attrs: { 'data-testid': 'changes-file' }, cells: [<FileLink path={files[i].path} status={files[i].status} />] })}
        />
      </details>
    </section>
  );
}
