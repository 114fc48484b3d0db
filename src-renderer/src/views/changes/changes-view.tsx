import { useEffect, useMemo, useRef, useState, type FormEvent, type JSX } from 'react';
import type { WorkbenchSnapshot } from '../../../../src-main/common/contract';
import type { ChangesResult, DiffEntry, GitRefs, ModuleDiff, PrCheckReport } from '../../../../src-main/common/contract-changes';
import { DEFAULT_MAX_PER_RULE, type Diagnostic, type OmittedFindings } from '../../../../src-main/common/diagnostic';
import type { GraphEdge } from '../../../../src-main/common/model';
import { useWorkbench } from '../../state/workbench-context';
import { GraphView, type GraphOverlay } from '../graph/graph-view';
import { requestNote } from '../notes/note-requests';

/**
 * The pull-request check in the workbench: pick a base (default, a branch, a recent commit or any
 * revision), see what the working tree changes as a list and drawn over the graph, and the PR
 * rules' findings with links to the files and the rule pages. Re-checks when the checkout changes.
 */

type Tab = 'list' | 'graph';

interface Failure {
  code: string;
  message: string;
}

const short = (sha: string) => sha.slice(0, 8);

function failureOf(e: unknown): Failure {
  const err = e as { code?: string; message?: string };
  return { code: err.code ?? 'error', message: err.message ?? String(e) };
}

export function ChangesView(): JSX.Element {
  const { client, snapshot, selectModule } = useWorkbench();
  const [refs, setRefs] = useState<GitRefs | null>(null);
  const [refsError, setRefsError] = useState<Failure | null>(null);
  const [base, setBase] = useState<string | null>(null);
  const [other, setOther] = useState('');
  const [result, setResult] = useState<ChangesResult | null>(null);
  const [failure, setFailure] = useState<Failure | null>(null);
  const [running, setRunning] = useState(false);
  const [tab, setTab] = useState<Tab>('list');
  const [nonce, setNonce] = useState(0);
  const seq = useRef(0);
  const checkout = snapshot?.checkout;
  const revision = snapshot?.revision;

  // The base chosen last time for this checkout.
  useEffect(() => {
    if (!checkout) return;
    setBase(null);
    client
      .request('ui.getState', { key: 'changes' })
      .then((s) => setBase(((s as { base?: string } | null)?.base ?? '') || ''))
      .catch(() => setBase(''));
    client.request('changes.refs', {}).then(
      (r) => {
        setRefs(r);
        setRefsError(null);
      },
      (e: unknown) => setRefsError(failureOf(e)),
    );
  }, [client, checkout]);

  // Check again when the base or the checkout changes (an edit, a save, a branch switch).
  const first = useRef(true);
  useEffect(() => {
    if (base === null || !checkout) return;
    const id = ++seq.current;
    setRunning(true);
    const timer = setTimeout(
      () => {
        client
          .request('changes.check', base ? { base } : {})
          .then(
            (r) => {
              if (id !== seq.current) return;
              setResult(r);
              setFailure(null);
            },
            (e: unknown) => {
              if (id !== seq.current) return;
              setResult(null);
              setFailure(failureOf(e));
            },
          )
          .finally(() => id === seq.current && setRunning(false));
      },
      first.current ? 0 : 250,
    );
    first.current = false;
    return () => clearTimeout(timer);
  }, [client, checkout, base, revision, nonce]);

  const chooseBase = (value: string) => {
    setBase(value);
    void client.request('ui.setState', { key: 'changes', value: { base: value } }).catch(() => undefined);
  };
  const onOther = (e: FormEvent) => {
    e.preventDefault();
    if (other.trim()) chooseBase(other.trim());
  };

  const overlay = useMemo(() => (snapshot && result ? buildOverlay(snapshot, result) : null), [snapshot, result]);
  const showModule = (name: string) => {
    selectModule(name);
    setTab('graph');
  };

  if (!snapshot) return <div className="empty">No checkout is open.</div>;
  const report = result?.report ?? null;

  return (
    <div className="changes-view" data-testid="changes-view" data-state={running || base === null ? 'running' : failure ? 'error' : report ? 'done' : 'idle'}>
      <div className="changes-toolbar" role="toolbar" aria-label="Base revision">
        <label className="changes-base">
          Compare with
          <select aria-label="Base revision" value={base ?? ''} onChange={(e) => chooseBase(e.target.value)} disabled={base === null}>
            <option value="">{refs ? (refs.defaultBase.ok ? `default: merge base with ${refs.defaultBase.base.against} (${short(refs.defaultBase.base.sha)})` : 'default: none found') : 'default base'}</option>
            {refs && refs.branches.length > 0 && (
              <optgroup label="Branches">
                {refs.branches.map((b) => (
                  <option key={`${b.remote ? 'r' : 'l'}:${b.name}`} value={b.name}>
                    {b.name}
                    {b.current ? ' (current)' : ''}
                  </option>
                ))}
              </optgroup>
            )}
            {refs && refs.commits.length > 0 && (
              <optgroup label="Recent commits">
                {refs.commits.map((c) => (
                  <option key={c.sha} value={c.sha}>
                    {short(c.sha)} {c.subject.length > 60 ? `${c.subject.slice(0, 59)}…` : c.subject}
                  </option>
                ))}
              </optgroup>
            )}
            {base && refs && !refs.branches.some((b) => b.name === base) && !refs.commits.some((c) => c.sha === base) && <option value={base}>{base}</option>}
          </select>
        </label>
        <form className="changes-other" onSubmit={onOther}>
          <input type="text" aria-label="Other base revision" placeholder="tag, branch or commit" value={other} onChange={(e) => setOther(e.target.value)} spellCheck={false} />
          <button type="submit" disabled={!other.trim()}>
            Compare
          </button>
        </form>
        <button type="button" onClick={() => setNonce((n) => n + 1)} disabled={running} title="Run the check again">
          {running ? 'Checking…' : 'Check again'}
        </button>
        <span className="spacer" />
        <span className="seg" role="tablist" aria-label="Show the change as">
          {(['list', 'graph'] as const).map((t) => (
            <button key={t} type="button" role="tab" aria-selected={tab === t} className={tab === t ? 'active' : ''} onClick={() => setTab(t)}>
              {t === 'list' ? 'List' : 'Graph'}
            </button>
          ))}
        </span>
      </div>

      {refsError && !failure && refsError.code !== 'not-a-repository' && <div className="banner warning">Branches and commits could not be listed: {refsError.message}</div>}
      {failure && <FailureView failure={failure} onRetry={() => (base ? chooseBase('') : setNonce((n) => n + 1))} hasBase={!!base} />}
      {!failure && !report && <div className="empty">{running ? 'Comparing the working tree with the base…' : 'Choose a base to compare with.'}</div>}
      {report && !failure && (
        <>
          <Summary report={report} />
          {tab === 'list' ? (
            <div className="changes-body view-pad">
              <Findings diagnostics={report.diagnostics} omitted={report.omitted} onModule={showModule} />
              <ModulesTable report={report} onModule={showModule} />
              <EntriesTable entries={report.diff.entries} />
              <FilesList report={report} />
            </div>
          ) : (
            <div className="changes-graph">
              <div className="changes-legend" aria-label="Legend">
                <span className="diff-swatch added" /> added <span className="diff-swatch changed" /> changed <span className="diff-swatch removed" /> removed
                <span className="muted"> · {report.diff.edges.length} dependency edge{report.diff.edges.length === 1 ? '' : 's'} added or removed</span>
              </div>
              {overlay && <GraphView overlay={overlay} />}
            </div>
          )}
        </>
      )}
    </div>
  );
}

/** The working tree plus the removed modules and edges as ghosts, and what changed where. */
export function buildOverlay(snapshot: WorkbenchSnapshot, result: ChangesResult): GraphOverlay {
  const modules: Record<string, 'added' | 'removed' | 'changed'> = {};
  for (const m of result.report.diff.modules) modules[m.name] = m.change;
  const edges: Record<string, 'added' | 'removed'> = {};
  for (const e of result.report.diff.edges) edges[`${e.kind}:${e.from}->${e.to}`] = e.change;
  const present = new Set(snapshot.modules.map((m) => m.name));
  const ghosts = result.removedModules.filter((m) => !present.has(m.name));
  const ghostEdges: GraphEdge[] = result.report.diff.edges.filter((e) => e.change === 'removed').map((e) => ({ from: e.from, to: e.to, kind: e.kind }));
  return { snapshot: { ...snapshot, modules: [...snapshot.modules, ...ghosts], edges: [...snapshot.edges, ...ghostEdges] }, modules, edges };
}

function FailureView(props: { failure: Failure; hasBase: boolean; onRetry(): void }): JSX.Element {
  const { code, message } = props.failure;
  const hint =
    code === 'not-a-repository'
      ? 'The Changes view compares the working tree with a base revision, so the checkout must be inside a git clone.'
      : code === 'no-commits'
        ? 'Commit the platform once; then changes are measured against that commit or a branch.'
        : code === 'shallow-missing-base'
          ? 'Fetch more history (git fetch --unshallow), or pick a base that is in this clone.'
          : code === 'no-base' || code === 'unrelated-histories'
            ? 'Pick a branch or a commit to compare with above.'
            : code === 'unknown-revision'
              ? 'Pick a branch or commit from the list, or type another revision.'
              : '';
  return (
    <div className="changes-failure view-pad" role="alert" data-code={code}>
      <h3>No comparison</h3>
      <p>{message}</p>
      {hint && <p className="muted">{hint}</p>}
      {props.hasBase && (
        <button type="button" onClick={props.onRetry}>
          Use the default base
        </button>
      )}
    </div>
  );
}

function Summary({ report }: { report: PrCheckReport }): JSX.Element {
  const d = report.diff.summary;
  const s = report.summary;
  const h = report.head;
  return (
    <div className="changes-summary" data-testid="changes-summary">
      <div>
        <strong>{h.detached ? `detached HEAD at ${short(h.sha)}` : h.branch}</strong> <span className="muted">working tree, compared with</span>{' '}
        <code title={report.base.sha}>{report.base.how === 'merge-base' ? `merge base with ${report.base.against}` : report.base.rev}</code>{' '}
        <span className="muted">
          ({short(report.base.sha)} “{report.base.subject}”)
        </span>
      </div>
      <div className="changes-chips">
        <span className="chip added">{d.modulesAdded} added</span>
        <span className="chip changed">{d.modulesChanged} changed</span>
        <span className="chip removed">{d.modulesRemoved} removed</span>
        <span className="chip">
          {d.files} file{d.files === 1 ? '' : 's'}
        </span>
        <span className={`badge ${s.errors > 0 ? 'error' : 'ok'}`}>
          {s.errors} error{s.errors === 1 ? '' : 's'}
        </span>
        <span className={`badge ${s.warnings > 0 ? 'warning' : 'ok'}`}>
          {s.warnings} warning{s.warnings === 1 ? '' : 's'}
        </span>
        {s.waived > 0 && <span className="badge info">{s.waived} waived</span>}
      </div>
    </div>
  );
}

function Findings(props: { diagnostics: Diagnostic[]; omitted: OmittedFindings[]; onModule(name: string): void }): JSX.Element {
  const { openFile, ruleDocUrl, navigate } = useWorkbench();
  if (props.diagnostics.length === 0) {
    return (
      <section className="changes-section" data-testid="changes-findings">
        <h3>Findings</h3>
        <p className="muted" data-testid="no-findings">
          No pull-request rule fires on this change.
        </p>
      </section>
    );
  }
  return (
    <section className="changes-section" data-testid="changes-findings">
      <h3>
        Findings <span className="count">{props.diagnostics.length}</span>
      </h3>
      <ul className="changes-findings">
        {props.diagnostics.map((d, i) => (
          <li key={i} data-testid="changes-finding" data-rule={d.rule}>
            <span className={`badge ${d.severity}`}>{d.severity}</span>
            <a className="rule mono" href={ruleDocUrl(d.rule)} target="_blank" rel="noreferrer">
              {d.rule}
            </a>
            <span className="message">{d.message}</span>
            <span className="links">
              {d.module && (
                <button type="button" className="link" onClick={() => props.onModule(d.module!)} title={`Show ${d.module} on the graph`}>
                  {d.module}
                </button>
              )}
              {d.file && (
                <button type="button" className="link mono" onClick={() => openFile(d.file!, d.line, d.column)} title="Open the file at this line">
                  {d.file}
                  {d.line ? `:${d.line}` : ''}
                </button>
              )}
              {d.rule === 'core-change-without-note' && d.module && (
                <button
                  type="button"
                  onClick={() => {
                    requestNote({ kind: 'new', modules: [d.module!] });
                    navigate('notes');
                  }}
                >
                  Write a note…
                </button>
              )}
            </span>
          </li>
        ))}
      </ul>
      {props.omitted.length > 0 && (
        <p className="muted" data-testid="changes-omitted">
          Not listed: {props.omitted.map((o) => `${o.count} more ${o.rule}`).join(', ')} (at most {DEFAULT_MAX_PER_RULE} per rule; `mwb pr-check --max-per-rule 0` lists all).
        </p>
      )}
    </section>
  );
}

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

function ModulesTable(props: { report: PrCheckReport; onModule(name: string): void }): JSX.Element {
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
                      <summary>
                        {m.files.length} file{m.files.length === 1 ? '' : 's'}
                      </summary>
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

function EntriesTable({ entries }: { entries: DiffEntry[] }): JSX.Element | null {
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

function FilesList({ report }: { report: PrCheckReport }): JSX.Element | null {
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
