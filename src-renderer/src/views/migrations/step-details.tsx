import type { JSX } from 'react';
import type { Diagnostic } from '../../../../src-main/common/diagnostic';
import type { MigrationStep, StepRun } from '../../../../src-main/common/contract-migrations';
import { guiMessage, guiText } from '../../shared/gui-wording';
import { WindowStatements } from './window-statements';

/**
 * The selected step, in a panel beside the timeline: what it is, where it runs, its status and
 * why, what the last preflight or apply did with it, its findings, and a button to open its SQL.
 */
export function StepDetails(props: { step: MigrationStep; column: number; run?: StepRun; findings: Diagnostic[]; onOpen(): void; onClose(): void }): JSX.Element {
  const { step: s, run } = props;
  return (
    <aside className="mig-details" aria-label={`Migration ${s.id}`} data-testid="step-details" data-id={s.id}>
      <header>
        <strong className="mono">{s.id}</strong>
        <button type="button" className="close" onClick={props.onClose} aria-label="Close the step details" title="Close (Esc)">
          ×
        </button>
      </header>
      <dl>
        <dt>Module</dt>
        <dd>{s.module}</dd>
        <dt>Change</dt>
        <dd className="mono">{s.change}</dd>
        <dt>Phase</dt>
        <dd>
          {s.phase} · wave {props.column}
          {s.wave === 0 && <span className="muted"> (its wave before it was applied)</span>}
        </dd>
        <dt>Status</dt>
        <dd>
          <span className={`step ${s.status}`}>{s.status}</span> {s.reason && <span data-testid="step-reason">{guiText(s.reason)}</span>}
        </dd>
        {run && (
          <>
            <dt>Last run</dt>
            <dd data-testid="step-outcome">
              <span className={`badge ${run.outcome === 'failed' || run.outcome === 'blocked' ? 'error' : run.outcome === 'ok' || run.outcome === 'applied' ? 'ok' : 'warning'}`}>{run.outcome}</span>{' '}
              {run.error ? (
                <>
                  <span className="mono">
                    {run.error.file}:{run.error.line}
                  </span>{' '}
                  {run.error.message}
                </>
              ) : run.note ? (
                guiText(run.note)
              ) : run.durationMs !== undefined ? (
                `in ${run.durationMs} ms`
              ) : null}
            </dd>
          </>
        )}
        <dt>File</dt>
        <dd className="mono small">{s.file}</dd>
      </dl>
      <WindowStatements statements={s.window} />
      {props.findings.length > 0 && (
        <ul className="mig-details-findings">
          {props.findings.map((d, i) => (
            <li key={i}>
              <span className={`badge ${d.severity}`}>{d.severity}</span> {d.line !== undefined && <span className="mono">line {d.line}: </span>}
              {guiMessage(d)} <span className="muted mono">{d.rule}</span>
            </li>
          ))}
        </ul>
      )}
      <button type="button" className="primary" onClick={props.onOpen} data-testid="open-step-sql">
        Open its SQL{run?.error ? ` at line ${run.error.line}` : ''}
      </button>
    </aside>
  );
}
