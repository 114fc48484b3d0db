import { useCallback, useEffect, useMemo, useState, type JSX, type KeyboardEvent as ReactKeyboardEvent } from 'react';
import {
  CONFIRM_FROM_WAVE,
  MIGRATION_PHASES,
  PHASE_RANK,
  type MigrationPhase,
  type MigrationProgress,
  type MigrationRun,
  type MigrationsView as PlanView,
  type MigrationStep,
} from '../../../../src-main/common/contract-migrations';
import type { Diagnostic } from '../../../../src-main/common/diagnostic';
import { guiMessage, guiText } from '../../shared/gui-wording';
import { nounFor, plural } from '../../shared/plural';
import { useWorkbench } from '../../state/workbench-context';
import { Choice, Dialog } from '../../components/dialog';
import { VirtualTable } from '../../components/virtual-table';
import { EcosystemUpdates } from './ecosystem-updates';
import { StepDetails } from './step-details';
import { TargetPicker } from './target-picker';
import { Timeline } from './timeline';
import { buildTimeline, columnOf } from './timeline-model';
import './migrations.css';

/**
 * The migration planner: the phase timeline (waves as columns, modules in load order as rows, each
 * change a bar across its phases), plan / preflight / apply on the checkout's dev database with a
 * confirmation that names the maintenance window, progress while applying, and results in place.
 */
export function MigrationsView(): JSX.Element {
  const { client, snapshot, openFile, reportError } = useWorkbench();
  const [phase, setPhase] = useState<MigrationPhase | ''>('');
  const [plan, setPlan] = useState<PlanView | null>(null);
  const [run, setRun] = useState<MigrationRun | null>(null);
  const [busy, setBusy] = useState<'plan' | 'preflight' | 'apply' | null>(null);
  const [progress, setProgress] = useState<MigrationProgress | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [selected, setSelected] = useState<string | null>(null);
  const [target, setTarget] = useState('dev');
  const revision = snapshot?.revision;

  const loadPlan = useCallback(() => {
    setBusy((b) => b ?? 'plan');
    return client
      .request('migrations.plan', { ...(phase ? { phase } : {}), ...(target !== 'dev' ? { target } : {}) })
      .then(setPlan, (e: Error) => reportError(e.message))
      .finally(() => setBusy((b) => (b === 'plan' ? null : b)));
  }, [client, phase, target, reportError]);

  // The plan follows the checkout: any re-check (an edited migration, a saved manifest) reloads it.
  useEffect(() => {
    void loadPlan();
  }, [loadPlan, revision]);

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

  const pending = useMemo(() => (plan?.steps ?? []).filter((s) => s.status === 'pending' || s.status === 'blocked'), [plan]);
  const runById = useMemo(() => new Map((run?.steps ?? []).map((s) => [s.id, s])), [run]);
  const rows = useMemo(() => buildTimeline(plan?.steps ?? [], plan?.order ?? [], plan?.columns), [plan]);

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
  const count = (status: MigrationStep['status']) => plan.steps.filter((s) => s.status === status).length;
  const chosen = plan.steps.find((s) => s.id === selected);

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
        <button onClick={() => execute('preflight')} disabled={busy !== null || pending.length === 0} title="Run the selected steps on an in-memory copy of the database">
          Preflight
        </button>
        <button className="primary" onClick={() => setConfirming(true)} disabled={busy !== null || pending.length === 0} title="Apply the selected steps to the dev database">
          Apply…
        </button>
        <span className="muted" data-testid="plan-summary">
          {plural(plan.steps.length, 'step')}: {count('applied')} applied, {count('pending')} pending, {count('drifted')} drifted, {count('blocked')} blocked
        </span>
      </div>
      {busy && busy !== 'plan' && <RunProgress command={busy} progress={progress} />}
      {run && <RunResult run={run} onOpen={openStep} />}
      <div className={`mig-body${chosen ? ' with-details' : ''}`}>
        <Timeline rows={rows} runById={runById} current={progress?.current} selected={selected} onSelect={(s) => setSelected(s.id === selected ? null : s.id)} onOpen={openStep} />
        {chosen && (
          <StepDetails
            step={chosen}
            column={columnOf(chosen, plan.columns)}
            run={runById.get(chosen.id)}
            findings={plan.diagnostics.filter((d) => d.file === chosen.file)}
            onOpen={() => openStep(chosen)}
            onClose={() => setSelected(null)}
          />
        )}
      </div>
      <Legend />
      <Findings diagnostics={plan.diagnostics} onOpen={(d) => d.file && openFile(d.file, d.line, d.column)} />
      {confirming && <ConfirmApply pending={pending} database={plan.database.path} onCancel={() => setConfirming(false)} onApply={(yes) => execute('apply', yes)} />}
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

function ConfirmApply(props: { pending: MigrationStep[]; database: string; onCancel(): void; onApply(yes: boolean): void }): JSX.Element {
  const early = props.pending.filter((s) => s.wave < CONFIRM_FROM_WAVE);
  const late = props.pending.filter((s) => s.wave >= CONFIRM_FROM_WAVE);
  const contract = late.filter((s) => s.wave === 3).length;
  const maintenance = late.filter((s) => s.wave === 4).length;
  const window = [contract ? `wave 3 (contract: ${plural(contract, 'step')})` : '', maintenance ? `wave 4 (maintenance: ${plural(maintenance, 'step')})` : ''].filter(Boolean).join(' and ');
  return (
    <div className="mig-confirm">
      <Dialog title={late.length > 0 ? 'Apply migrations, including a maintenance window?' : 'Apply migrations?'} tone={late.length > 0 ? 'danger' : 'warning'} onCancel={props.onCancel} testId="apply-confirm">
        <p>
          Each migration runs in its own transaction with its ledger row in <code>{props.database}</code>; apply stops at the first failure.
        </p>
        {late.length > 0 && (
          <p data-testid="window-warning">
            <strong>{window}</strong> {nounFor(late.length, 'is', 'are')} destructive or locks tables: run {late.length > 1 ? 'them' : 'it'} only in a maintenance window, once no running release needs what {late.length > 1 ? 'they remove' : 'it removes'}.
          </p>
        )}
        {late.length > 0 && <Choice label="Apply all, in the window" detail={`all ${props.pending.length} steps, waves 1-4`} tone="danger" onClick={() => props.onApply(true)} />}
        {early.length > 0 && <Choice label={late.length > 0 ? 'Expand and backfill only' : 'Apply'} detail={`${plural(early.length, 'step')} of waves 1-2${late.length > 0 ? '; stops before wave 3' : ''}`} tone={late.length > 0 ? undefined : 'primary'} autoFocus onClick={() => props.onApply(false)} />}
        <Choice label="Cancel" detail="apply nothing" onClick={props.onCancel} autoFocus={early.length === 0} />
      </Dialog>
    </div>
  );
}
