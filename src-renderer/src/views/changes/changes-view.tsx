import { useEffect, useMemo, useRef, useState, type JSX } from 'react';
import type { ChangesProgress, ChangesResult, FileChange, GitRefs } from '../../../../src-main/common/contract-changes';
import { plural } from '../../shared/plural';
import { guiText } from '../../shared/gui-wording';
import { useWorkbench } from '../../state/workbench-context';
import { GraphView } from '../graph/graph-view';
import { BasePicker } from './base-picker';
import { Findings } from './changes-findings';
import { buildOverlay } from './changes-overlay';
import { failureOf, FailureView, Summary, type Failure } from './changes-summary';
import { PendingCheck } from './changes-pending';
import { EntriesTable, FilesList, ModulesTable } from './changes-tables';

/**
 * The pull-request check in the workbench: pick a base (default, a branch, a recent commit or any
 * revision), see what the working tree changes as a list and drawn over the graph, and the PR
 * rules' findings with links to the files and the rule pages. Re-checks when the checkout changes.
 * A base that names no revision is dropped again (the last good base stays), and a base is
 * remembered for the checkout only once a comparison with it succeeded.
 */

type Tab = 'list' | 'graph';

export function ChangesView(): JSX.Element {
  const { client, snapshot, selectModule } = useWorkbench();
  const [refs, setRefs] = useState<GitRefs | null>(null);
  const [refsError, setRefsError] = useState<Failure | null>(null);
  const [base, setBase] = useState<string | null>(null);
  const [rejected, setRejected] = useState<{ rev: string; message: string } | null>(null);
  const [result, setResult] = useState<ChangesResult | null>(null);
  const [failure, setFailure] = useState<Failure | null>(null);
  const [running, setRunning] = useState(false);
  const [tab, setTab] = useState<Tab>('list');
  const [nonce, setNonce] = useState(0);
  // While a check runs: its progress, and the files that differ once the comparison is done.
  const [progress, setProgress] = useState<ChangesProgress | null>(null);
  const [pendingFiles, setPendingFiles] = useState<FileChange[] | null>(null);
  const asked = useRef<string | null>(null);
  const seq = useRef(0);
  // The last base a comparison succeeded with: a base that names no revision falls back to it.
  const lastGood = useRef('');
  const checkout = snapshot?.checkout;
  const revision = snapshot?.revision;

  // The base chosen last time for this checkout.
  useEffect(() => {
    if (!checkout) return;
    setBase(null);
    lastGood.current = '';
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
  const checkedNonce = useRef(0);
  useEffect(() => {
    if (base === null || !checkout) return;
    const id = ++seq.current;
    const fresh = nonce !== checkedNonce.current;
    checkedNonce.current = nonce;
    setRunning(true);
    asked.current = `${checkout}\0${base}`;
    setProgress(null);
    setPendingFiles(null);
    const timer = setTimeout(
      () => {
        client
          // "Check again" runs the check again even when the service saw nothing change.
          .request('changes.check', { ...(base ? { base } : {}), ...(fresh ? { fresh } : {}) })
          .then(
            (r) => {
              if (id !== seq.current) return;
              setResult(r);
              setFailure(null);
              if (lastGood.current !== base) {
                lastGood.current = base;
                void client.request('ui.setState', { key: 'changes', value: { base } }).catch(() => undefined);
              }
            },
            (e: unknown) => {
              if (id !== seq.current) return;
              const f = failureOf(e);
              if (f.code === 'unknown-revision' && base !== '' && base !== lastGood.current) {
                // Not a revision: it leaves the base list, and the last good comparison stays.
                setRejected({ rev: base, message: f.message });
                setBase(lastGood.current);
                return;
              }
              setResult(null);
              setFailure(f);
            },
          )
          .finally(() => {
            if (id !== seq.current) return;
            setRunning(false);
            asked.current = null;
          });
      },
      first.current ? 0 : 250,
    );
    first.current = false;
    return () => clearTimeout(timer);
  }, [client, checkout, base, revision, nonce]);

  // Progress of the check this view waits for (the service may have started it before the visit).
  useEffect(
    () =>
      client.on('changes.progress', (p) => {
        if (asked.current !== `${p.checkout}\0${p.base}`) return;
        setProgress(p);
        if (p.files) setPendingFiles(p.files);
      }),
    [client],
  );

  const chooseBase = (value: string) => {
    setRejected(null);
    setBase(value);
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
        <BasePicker refs={refs} base={base} onChoose={chooseBase} />
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

      {rejected && (
        <div className="banner warning" role="alert" data-testid="base-rejected">
          “{rejected.rev}” is not a revision of this repository ({guiText(rejected.message)}); still comparing with {lastGood.current ? `“${lastGood.current}”` : 'the default base'}.{' '}
          <button type="button" onClick={() => setRejected(null)}>
            Dismiss
          </button>
        </div>
      )}
      {refsError && !failure && refsError.code !== 'not-a-repository' && <div className="banner warning">Branches and commits could not be listed: {refsError.message}</div>}
      {failure && <FailureView failure={failure} onRetry={() => (base ? chooseBase('') : setNonce((n) => n + 1))} hasBase={!!base} />}
      {!failure && !report && (running || base === null ? <PendingCheck progress={progress} files={pendingFiles} /> : <div className="empty">Choose a base to compare with.</div>)}
      {report && !failure && (
        <>
          <Summary report={report} checkout={snapshot.summary} />
          {tab === 'list' ? (
            <div className="changes-body view-pad">
              <Findings diagnostics={report.diagnostics} omitted={report.omitted} onModule={showModule} />
              <ModulesTable report={report} onModule={showModule} />
              <EntriesTable entries={report.diff.entries} />
              <FilesList files={report.diff.files} />
            </div>
          ) : (
            <div className="changes-graph">
              <div className="changes-legend" aria-label="Legend">
                <span className="diff-swatch added" /> added <span className="diff-swatch changed" /> changed <span className="diff-swatch removed" /> removed
                <span className="muted"> · {plural(report.diff.edges.length, 'dependency edge')} added or removed</span>
              </div>
              {overlay && <GraphView overlay={overlay} />}
            </div>
          )}
        </>
      )}
    </div>
  );
}

