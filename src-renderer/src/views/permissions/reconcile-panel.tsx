import { type JSX } from 'react';
import type { ReconcilePreview } from '../../../../src-main/common/contract-permissions';
import { guiMessage } from '../../shared/gui-wording';
import { useWorkbench } from '../../state/workbench-context';
import { RolesDiff } from './roles-diff';

/**
 * The reconcile preview: per role what would be added and what is stale, and the roles file diff
 * that Apply writes (the same code as the CLI's reconcile --apply).
 */
export function ReconcilePanel(props: { preview: ReconcilePreview; removeStale: boolean; onRemoveStale(v: boolean): void; applying: boolean; onApply(): void }): JSX.Element {
  const { openFile } = useWorkbench();
  const { preview } = props;
  const changed = preview.plan.roles.filter((r) => r.add.length > 0 || r.stale.length > 0);
  const staleCount = preview.plan.roles.reduce((n, r) => n + r.stale.length, 0);
  const willWrite = preview.diff.length > 0;

  return (
    <section data-testid="reconcile-panel">
      <div className="toolbar">
        <label title="Also remove grants that cover no declared permission">
          <input type="checkbox" checked={props.removeStale} onChange={(e) => props.onRemoveStale(e.target.checked)} data-testid="remove-stale" /> Remove stale grants
          {staleCount > 0 && <span className="badge error"> {staleCount}</span>}
        </label>
        <span className="spacer" />
        <button className="primary" disabled={!preview.canApply || !willWrite || props.applying} onClick={props.onApply} data-testid="apply-button" title={preview.problem ?? (willWrite ? `Write ${preview.rolesFile}` : 'Nothing to write')}>
          {props.applying ? 'Applying…' : `Apply to ${preview.rolesFile}…`}
        </button>
      </div>
      {!preview.canApply && (
        <div className="banner error" role="alert" data-testid="reconcile-blocked">
          {preview.problem}
          <ul>
            {preview.diagnostics.map((d, i) => (
              <li key={i}>
                <a href="#open" className="mono" onClick={(e) => (e.preventDefault(), d.file && openFile(d.file, d.line, d.column))}>
                  {d.file}:{d.line}
                </a>{' '}
                {guiMessage(d)} <span className="muted mono">{d.rule}</span>
              </li>
            ))}
          </ul>
        </div>
      )}
      {preview.canApply && !preview.plan.required && (
        <p className="ok-text" data-testid="reconciled">
          ✔ {preview.rolesFile} is reconciled: every role holds what its permissions' <code>default_roles</code> ask for, and no grant is stale.
        </p>
      )}
      {changed.length > 0 && (
        <table className="grid perm-plan" data-testid="reconcile-plan">
          <thead>
            <tr>
              <th>Role</th>
              <th>Add (wanted by default_roles, not covered)</th>
              <th>Stale (cover no declared permission)</th>
            </tr>
          </thead>
          <tbody>
            {changed.map((r) => (
              <tr key={r.role} data-role={r.role}>
                <td>
                  {r.role} {preview.created.includes(r.role) && <span className="badge info">new role</span>}
                </td>
                <td className="mono">{r.add.join(', ')}</td>
                <td className="mono">
                  {r.stale.join(', ')}
                  {r.stale.length > 0 && !props.removeStale && <span className="muted"> (kept)</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {willWrite && (
        <>
          <h3>
            Preview of <span className="mono">{preview.rolesFile}</span>
          </h3>
          <RolesDiff rolesFile={preview.rolesFile} diff={preview.diff} baseVersion={preview.baseVersion} />
        </>
      )}
      {preview.canApply && preview.plan.required && !willWrite && (
        <p className="muted" data-testid="only-stale">
          Only stale grants remain. Tick “Remove stale grants” to preview their removal.
        </p>
      )}
    </section>
  );
}
