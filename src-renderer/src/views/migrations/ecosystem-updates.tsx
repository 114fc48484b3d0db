import type { JSX } from 'react';
import type { EcosystemUpdates as Updates } from '../../../../src-main/common/contract-migrations';
import type { Diagnostic } from '../../../../src-main/common/diagnostic';
import { guiMessage } from '../../shared/gui-wording';
import { plural } from '../../shared/plural';

/**
 * The Migrations view on a checkout an adapter read (Drupal): the ecosystem's own updates in its run
 * order, as `mwb migrate plan` prints them. Preflight and Apply are shown disabled with the reason:
 * the workbench reads the updates (PHP) but never runs them. Clicking an update opens its function.
 */
export function EcosystemUpdates(props: { updates: Updates; diagnostics: Diagnostic[]; openFile(file: string, line?: number, column?: number): void }): JSX.Element {
  const { updates, diagnostics, openFile } = props;
  const reason = `Preflight and Apply are not offered on a ${updates.kind} checkout: ${updates.notRun}.`;
  const open = (file: string, line?: number, column?: number) => openFile(file, line, column);
  return (
    <div className="view-pad migrations mig-updates" data-testid="migrations-view" data-kind={updates.kind}>
      <h2 className="view-title">Migrations</h2>
      <div className="toolbar">
        <button disabled title={reason} data-testid="preflight-button">
          Preflight
        </button>
        <button className="primary" disabled title={reason} data-testid="apply-button">
          Apply…
        </button>
        <span className="muted" data-testid="plan-summary">
          {plural(updates.steps.length, 'update')} in run order ({updates.kind}: {updates.runWith})
        </span>
      </div>
      <p className="muted" data-testid="not-run-reason">
        {reason} Which of them a database has already run is not known: the workbench does not read the site database.
      </p>
      <table className="grid" data-testid="update-list">
        <thead>
          <tr>
            <th>#</th>
            <th>update</th>
            <th>kind</th>
            <th>declared at</th>
          </tr>
        </thead>
        <tbody>
          {updates.steps.map((s, i) => (
            <tr key={s.id} className="clickable" tabIndex={0} data-testid="update-step" data-id={s.id} onClick={() => open(s.file, s.line, s.column)} onKeyDown={(e) => e.key === 'Enter' && open(s.file, s.line, s.column)}>
              <td className="mono">{i + 1}</td>
              <td>
                <span className="mono">{s.id}</span>
                {s.summary && <div className="muted">{s.summary}</div>}
                {s.after.length > 0 && (
                  <div className="muted" data-testid="update-after">
                    after <span className="mono">{s.after.join(', ')}</span> ({updates.afterNote ?? 'hook_update_dependencies'})
                  </div>
                )}
              </td>
              <td>
                <span className={`badge nowrap ${s.kind === 'post-update' ? 'info' : 'ok'}`}>{s.kind}</span>
              </td>
              <td className="mono nowrap">
                {s.file}:{s.line}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {diagnostics.length > 0 && (
        <section className="mig-findings" data-testid="migration-findings">
          <h3>Findings ({diagnostics.length})</h3>
          <ul>
            {diagnostics.map((d, i) => (
              <li key={i}>
                <button className="linkish" onClick={() => d.file && open(d.file, d.line, d.column)}>
                  {d.file}
                  {d.line !== undefined ? `:${d.line}` : ''}
                </button>{' '}
                <span className={`badge ${d.severity}`}>{d.severity}</span> {guiMessage(d)} <span className="mono muted">{d.rule}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
