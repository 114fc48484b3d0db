import type { JSX } from 'react';
import type { DiffEntry, ModuleDiff, PrCheckReport } from '../../../../src-main/common/contract-changes';
import { plural } from '../../shared/plural';
import { useWorkbench } from '../../state/workbench-context';

/** The diff as tables: modules, what changed inside them, and every changed file. */
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

export function ModulesTable(props: { report: PrCheckReport; onModule(name: string): void }): JSX.Element {
  const { openFile } = useWorkbench();
  const modules = props.report.diff.modules;
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
        <table className="grid">
          <thead>
            <tr>
              <th>Change</th>
              <th>Module</th>
              <th>Tier</th>
              <th>Version</th>
              <th>Files</th>
            </tr>
          </thead>
          <tbody>
            {modules.map((m) => (
              <tr key={m.name} data-testid="changes-module" data-module={m.name} data-change={m.change}>
                <td>
                  <span className={`chip ${m.change}`}>{m.change}</span>
                </td>
                <td>
                  <button type="button" className="link" onClick={() => props.onModule(m.name)} title="Show on the graph">
                    {m.name}
                  </button>
                </td>
                <td>
                  <span className={`badge ${m.tier}`}>{m.baseTier && m.headTier && m.baseTier !== m.headTier ? `${m.baseTier} → ${m.headTier}` : m.tier}</span>
                </td>
                <td>{versionCell(m)}</td>
                <td>
                  {m.files.length === 0 ? (
                    <span className="muted">—</span>
                  ) : (
                    <details>
                      <summary>{plural(m.files.length, 'file')}</summary>
                      <ul className="changes-files">
                        {m.files.map((f) => {
                          const status = props.report.diff.files.find((x) => x.path === f)?.status;
                          return (
                            <li key={f}>
                              <span className={`file-status ${status}`}>{status}</span>{' '}
                              {status === 'deleted' ? (
                                <span className="mono">{f}</span>
                              ) : (
                                <button type="button" className="link mono" onClick={() => openFile(f)}>
                                  {f}
                                </button>
                              )}
                            </li>
                          );
                        })}
                      </ul>
                    </details>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
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
      <table className="grid">
        <thead>
          <tr>
            <th>Module</th>
            <th>What</th>
            <th>Change</th>
            <th>Subject</th>
            <th>Before → after</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e, i) => (
            <tr key={i} data-testid="changes-entry" data-category={e.category} data-change={e.change}>
              <td>{e.module}</td>
              <td>
                {e.category}
                {e.role ? <span className="muted"> ({e.role})</span> : null}
              </td>
              <td>
                <span className={`chip ${e.change}`}>{e.change}</span>
              </td>
              <td className="mono">{e.subject}</td>
              <td className="small">
                {e.change === 'changed' && (e.before || e.after) ? (
                  <>
                    <span className="removed-text">{e.before}</span> → {e.after}
                  </>
                ) : (
                  <span className={e.change === 'removed' ? 'removed-text' : ''}>{e.after ?? e.before ?? ''}</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

export function FilesList({ report }: { report: PrCheckReport }): JSX.Element | null {
  const { openFile } = useWorkbench();
  const files = report.diff.files;
  if (files.length === 0) return null;
  return (
    <section className="changes-section">
      <details>
        <summary>
          <strong>All changed files</strong> <span className="count">{files.length}</span>
        </summary>
        <ul className="changes-files">
          {files.map((f) => (
            <li key={f.path}>
              <span className={`file-status ${f.status}`}>{f.status}</span>{' '}
              {f.status === 'deleted' ? (
                <span className="mono">{f.path}</span>
              ) : (
                <button type="button" className="link mono" onClick={() => openFile(f.path)}>
                  {f.path}
                </button>
              )}
            </li>
          ))}
        </ul>
      </details>
    </section>
  );
}
