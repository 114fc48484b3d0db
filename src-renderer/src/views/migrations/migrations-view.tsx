import { useCallback, useEffect, useMemo, useState, type JSX, type KeyboardEvent as ReactKeyboardEvent } from 'react';
import {
  CONFIRM_FROM_WAVE,
  MIGRATION_PHASES,
  PHASE_RANK,
  type MigrationPhase,
  type MigrationProgress,
  type MigrationRun,
  type MigrationStep,
} from '../../../../src-main/common/contract-migrations';
import type { MigrationModuleSteps, MigrationsSummary } from '../../../../src-main/common/contract-pages';
import type { Diagnostic } from '../../../../src-main/common/diagnostic';
import { guiMessage, guiText } from '../../shared/gui-wording';
import { nounFor, plural } from '../../shared/plural';
import { useWorkbench } from '../../state/workbench-context';
import { Choice, Dialog } from '../../components/dialog';
import { VirtualTable } from '../../components/virtual-table';
import { useDebounced } from '../../components/use-debounced';
import { usePagedRows, type PageSource } from '../../components/use-paged-rows';
import { EcosystemUpdates } from './ecosystem-updates';
import { StepDetails } from './step-details';
import { TargetPicker } from './target-picker';
import { Timeline } from './timeline';
import { buildTimeline, columnOf, type TimelineRow } from './timeline-model';
import './migrations.css';

/**
 * The migration planner: the phase timeline (waves as columns, modules in load order as rows, each
 * change a bar across its phases), plan / preflight / apply on the checkout's dev database with a
 * confirmation that names the maintenance window, progress while applying, and results in place.
 */
export function MigrationsView(): JSX.Element {
  const { client, snapshot, openFile, reportError } = useWorkbench();
  const [phase, setPhase] = useState<MigrationPhase | ''>('');
  const [summary, setSummary] = useState<MigrationsSummary | null>(null);
  const [run, setRun] = useState<MigrationRun | null>(null);
  const [busy, setBusy] = useState<'plan' | 'preflight' | 'apply' | null>(null);
  const [progress, setProgress] = useState<MigrationProgress | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [selected, setSelected] = useState<MigrationStep | null>(null);
  const [target, setTarget] = useState('dev');
  const [search, setSearch] = useState('');
  const needle = useDebounced(search.trim(), 150);
  const revision = snapshot?.revision;

  // The server keeps the plan; the view holds its summary and asks for the modules it draws.
  const loadPlan = useCallback(() => {
    setBusy((b) => b ?? 'plan');
    return client
      .request('migrations.summary', { ...(phase ? { phase } : {}), ...(target !== 'dev' ? { target } : {}) })
      .then(setSummary, (e: Error) => reportError(e.message))
      .finally(() => setBusy((b) => (b === 'plan' ? null : b)));
  }, [client, phase, target, reportError]);

  // The plan follows the checkout: any re-check (an edited migration, a saved manifest) reloads it.
  useEffect(() => {
    void loadPlan();
  }, [loadPlan, revision]);

  const source = useMemo<PageSource<MigrationsSummary, MigrationModuleSteps> | null>(
    () => summary && { key: `${summary.id}\0${needle}`, meta: summary, load: (offset, limit) => client.request('migrations.rows', { id: summary.id, offset, limit, ...(needle ? { search: needle } : {}) }) },
    [client, summary, needle],
  );
  // A plan the server no longer keeps (several windows planning at once): plan again.
  const onPageError = useCallback((e: Error) => ((e as { code?: string }).code === 'stale' ? void loadPlan() : reportError(e.message)), [loadPlan, reportError]);
  const paged = usePagedRows(source, onPageError);
  const plan = paged.meta;

  useEffect(() => client.on('migrations.progress', setProgress), [client]);

  const execute = (command: 'preflight' | 'apply', yes?: boolean) => {
    setConfirming(false);
    setBusy(command);
    setRun(null);
    setProgress(null);
    const params = { ...(phase ? { phase } : {}), ...(target !== 'dev' ? { target } : {}), ...(command === 'apply' ? { yes: yes === true } : {}) };
    client
      .request(command === 'apply' ? 'migrations.apply' : 'migrations.preflight', params)
      .then(
        (r) => setRun(r),
        (e: Error) => reportError(e.message),
      )
      .finally(() => {
        setBusy(null);
        setProgress(null);
        void loadPlan();
      });
  };

  const runById = useMemo(() => new Map((run?.steps ?? []).map((s) => [s.id, s])), [run]);
  // Each module's bars are laid out once per page that brings it.
  const timelineRows = useMemo(() => new WeakMap<MigrationModuleSteps, TimelineRow>(), []);
  const rowAt = (i: number): TimelineRow | undefined => {
    const m = paged.row(i);
    if (!m) return undefined;
    let r = timelineRows.get(m);
    if (!r) timelineRows.set(m, (r = buildTimeline(m.steps, [m.module], m.columns)[0]));
    return r;
  };

  // Esc closes the step details.
  useEffect(() => {
    if (!selected) return;
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && !e.defaultPrevented && setSelected(null);
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [selected]);

  if (!plan) return <div className="empty">{busy ? 'Planning…' : 'No plan yet.'}</div>;
  if (plan.updates) return <EcosystemUpdates updates={plan.updates} diagnostics={plan.diagnostics} openFile={openFile} />;

  /** Clicking a step opens its SQL at the line that matters: a failure, else its first finding, else the top. */
  const openStep = (s: MigrationStep) => {
    const r = runById.get(s.id);
    const finding = plan.diagnostics.find((d) => d.file === s.file && d.line !== undefined);
    const line = r?.error?.line ?? finding?.line ?? 1;
    openFile(s.file, line, r?.error ? r.error.column : finding?.column);
  };
  const { counts } = plan;
  const pending = counts.pending + counts.blocked;
  // The selected step as the newest plan has it (its page may not be loaded: then as it was).
  const selectedRow = selected ? paged.find((m) => m.module === selected.module) : undefined;
  const chosen = selected ? (selectedRow?.steps.find((s) => s.id === selected.id) ?? selected) : undefined;

  return (
    <div className="view-pad migrations" data-testid="migrations-view">
      <h2 className="view-title">Migrations</h2>
      <div className="toolbar">
        <TargetPicker targets={plan.targets} value={target} database={plan.database} disabled={busy !== null} onChange={setTarget} />
        <span className={`badge ${plan.database.exists ? 'ok' : 'warning'}`}>{plan.database.exists ? 'exists' : 'not created yet'}</span>
        <label>
          Waves{' '}
          <select aria-label="Waves" value={phase} onChange={(e) => setPhase(e.target.value as MigrationPhase | '')} disabled={busy !== null && busy !== 'plan'}>
            <option value="">all</option>
            {MIGRATION_PHASES.map((p) => (
              <option key={p} value={p}>
                {PHASE_RANK[p]} · {p}
              </option>
            ))}
          </select>
        </label>
        <button onClick={() => void loadPlan()} disabled={busy !== null} title="Read the migrations and the ledger again">
          Plan
        </button>
        <button onClick={() => execute('preflight')} disabled={busy !== null || pending === 0} title="Run the selected steps on an in-memory copy of the database">
          Preflight
        </button>
        <button className="primary" onClick={() => setConfirming(true)} disabled={busy !== null || pending === 0} title="Apply the selected steps to the dev database">
          Apply…
        </button>
        <span className="muted" data-testid="plan-summary">
          {plural(counts.total, 'step')}: {counts.applied} applied, {counts.pending} pending, {counts.drifted} drifted, {counts.blocked} blocked
        </span>
        <input type="search" aria-label="Filter migrations" placeholder="Filter modules, steps, changes" value={search} onChange={(e) => setSearch(e.target.value)} className="mig-search" />
      </div>
      {busy && busy !== 'plan' && <RunProgress command={busy} progress={progress} />}
      {run && <RunResult run={run} onOpen={openStep} />}
      <div className={`mig-body${chosen ? ' with-details' : ''}`}>
        <Timeline count={paged.total} rowAt={rowAt} runById={runById} current={progress?.current} selected={selected?.id ?? null} onSelect={(s) => setSelected(s.id === selected?.id ? null : s)} onOpen={openStep} />
        {chosen && (
          <StepDetails
            step={chosen}
            column={columnOf(chosen, selectedRow?.columns ?? {})}
            run={runById.get(chosen.id)}
            findings={plan.diagnostics.filter((d) => d.file === chosen.file)}
            onOpen={() => openStep(chosen)}
            onClose={() => setSelected(null)}
          />
        )}
      </div>
      <Legend />
      <Findings diagnostics={plan.diagnostics} onOpen={(d) => d.file && openFile(d.file, d.line, d.column)} />
      {confirming && <ConfirmApply waves={plan.waves} database={plan.database.path} onCancel={() => setConfirming(false)} onApply={(yes) => execute('apply', yes)} />}
    </div>
  );
}

function RunProgress(props: { command: 'preflight' | 'apply'; progress: MigrationProgress | null }): JSX.Element {
  const p = props.progress;
  return (
    <div className="mig-progress" role="progressbar" aria-label={`${props.command} progress`} aria-valuenow={p?.done ?? 0} aria-valuemax={p?.total ?? 0} data-testid="migration-progress">
      <div className="bar" style={{ width: `${p && p.total ? (100 * p.done) / p.total : 5}%` }} />
      <span>
        {props.command === 'apply' ? 'Applying' : 'Preflight'} {p ? `${p.done} / ${p.total}` : '…'}
        {p?.current ? ` · ${p.current}` : ''}
      </span>
    </div>
  );
}

function RunResult(props: { run: MigrationRun; onOpen(s: MigrationStep): void }): JSX.Element {
  const { run } = props;
  const problems = run.steps.filter((s) => s.outcome === 'failed' || s.outcome === 'blocked' || s.outcome === 'skipped');
  const done = run.steps.filter((s) => s.outcome === (run.command === 'apply' ? 'applied' : 'ok')).length;
  const what = run.command === 'apply' ? `Applied ${done} of ${plural(run.steps.length, 'step')}` : `Preflight: ${done} of ${plural(run.steps.length, 'step')} ran cleanly on a copy of ${run.database.path}`;
  return (
    <section className={`mig-result ${run.ok ? 'ok' : 'failed'}`} data-testid="migration-result" data-ok={run.ok} role={run.ok ? 'status' : 'alert'}>
      <strong>{what}</strong>
      {run.stopped && <div>{guiText(run.stopped)}</div>}
      {problems.length > 0 && (
        <ul>
          {problems.map((s) => (
            <li key={s.id}>
              <button className="linkish" onClick={() => props.onOpen(s)}>
                {s.id}
              </button>{' '}
              <span className={`badge ${s.outcome === 'skipped' ? 'warning' : 'error'}`}>{s.outcome}</span>{' '}
              {s.error ? (
                <span>
                  <span className="mono">
                    {s.error.file}:{s.error.line}
                  </span>{' '}
                  {s.error.message}
                </span>
              ) : (
                <span className="muted">{s.note && guiText(s.note)}</span>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Legend(): JSX.Element {
  return (
    <p className="mig-legend muted">
      <span className="step applied">applied</span> <span className="step pending">pending</span> <span className="step drifted">drifted</span> <span className="step blocked">blocked</span> · click a step for its details, double-click it to open its SQL ·
      waves 3 and 4 run only with confirmation (a maintenance window)
    </p>
  );
}

function Findings(props: { diagnostics: Diagnostic[]; onOpen(d: Diagnostic): void }): JSX.Element | null {
  const { diagnostics } = props;
  if (diagnostics.length === 0) return null;
  return (
    <section className="mig-findings" data-testid="migration-findings">
      <h3>Findings ({diagnostics.length})</h3>
      <VirtualTable
        label="Findings"
        columns={[
          { header: 'Severity', width: '90px' },
          { header: 'Message', width: 'minmax(0, 3fr)' },
          { header: 'Location', width: 'minmax(0, 2fr)' },
          { header: 'Rule', width: 'minmax(0, 1fr)' },
        ]}
        count={diagnostics.length}
        maxHeight="40vh"
        row={(i) => {
          const d = diagnostics[i];
          return {
            key: String(i),
            attrs: { tabIndex: 0, onClick: () => props.onOpen(d), onKeyDown: (e: ReactKeyboardEvent) => e.key === 'Enter' && props.onOpen(d) },
            cells: [
              <span className={`badge ${d.severity}`}>{d.severity}</span>,
              guiMessage(d),
              <span className="mono">
                {d.file}
                {d.line !== undefined ? `:${d.line}` : ''}
              </span>,
              <span className="mono muted">{d.rule}</span>,
            ],
          };
        }}
      />
    </section>
  );
}

function ConfirmApply(props: { waves: Record<number, number>; database: string; onCancel(): void; onApply(yes: boolean): void }): JSX.Element {
  const stepsIn = (test: (wave: number) => boolean) => Object.entries(props.waves).reduce((n, [wave, c]) => (test(Number(wave)) ? n + c : n), 0);
  const total = stepsIn(() => true);
  const early = stepsIn((w) => w < CONFIRM_FROM_WAVE);
  const late = total - early;
  const contract = props.waves[3] ?? 0;
  const maintenance = props.waves[4] ?? 0;
  const window = [contract ? `wave 3 (contract: ${plural(contract, 'step')})` : '', maintenance ? `wave 4 (maintenance: ${plural(maintenance, 'step')})` : ''].filter(Boolean).join(' and ');
  return (
    <div className="mig-confirm">
      <Dialog title={late > 0 ? 'Apply migrations, including a maintenance window?' : 'Apply migrations?'} tone={late > 0 ? 'danger' : 'warning'} onCancel={props.onCancel} testId="apply-confirm">
        <p>
          Each migration runs in its own transaction with its ledger row in <code>{props.database}</code>; apply stops at the first failure.
        </p>
        {late > 0 && (
          <p data-testid="window-warning">
            <strong>{window}</strong> {nounFor(late, 'is', 'are')} destructive or locks tables: run {late > 1 ? 'them' : 'it'} only in a maintenance window, once no running release needs what {late > 1 ? 'they remove' : 'it removes'}.
          </p>
        )}
        {late > 0 && <Choice label="Apply all, in the window" detail={`all ${total} steps, waves 1-4`} tone="danger" onClick={() => props.onApply(true)} />}
        {early > 0 && <Choice label={late > 0 ? 'Expand and backfill only' : 'Apply'} detail={`${plural(early, 'step')} of waves 1-2${late > 0 ? '; stops before wave 3' : ''}`} tone={late > 0 ? undefined : 'primary'} autoFocus onClick={() => props.onApply(false)} />}
        <Choice label="Cancel" detail="apply nothing" onClick={props.onCancel} autoFocus={early === 0} />
      </Dialog>
    </div>
  );
}
