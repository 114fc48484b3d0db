import type { JSX } from 'react';
import type { MigrationDatabase, MigrationTargetChoice } from '../../../../src-main/common/contract-migrations';

/**
 * Which database plan, preflight and apply run against: the checkout's SQLite dev database, or a
 * PostgreSQL connection named in platform.yaml (its connection string comes from an environment
 * variable of the workbench's process; the label never shows a password). A connection whose
 * variable is not set is listed, disabled, with the reason as its tooltip.
 */
export function TargetPicker(props: { targets: MigrationTargetChoice[] | undefined; value: string; database: MigrationDatabase; disabled: boolean; onChange(target: string): void }): JSX.Element {
  const targets = props.targets ?? [];
  if (targets.length <= 1) {
    return (
      <span className="mono" title="The target of plan, preflight and apply" data-testid="migration-target">
        {props.database.path}
      </span>
    );
  }
  return (
    <label title="The target of plan, preflight and apply">
      Target{' '}
      <select aria-label="Target" data-testid="migration-target" value={props.value} disabled={props.disabled} onChange={(e) => props.onChange(e.target.value)}>
        {targets.map((t) => (
          <option key={t.id} value={t.id} disabled={t.unavailable !== undefined} title={t.unavailable}>
            {t.dialect === 'postgres' ? 'PostgreSQL' : 'SQLite'} · {t.label}
            {t.unavailable !== undefined ? ' (not set)' : ''}
          </option>
        ))}
      </select>
    </label>
  );
}
