import type { JSX } from 'react';
import type { WindowStatement } from '../../../../src-main/common/contract-migrations';
import { guiText } from '../../shared/gui-wording';
import './window-statements.css';

/** The statements of a pending step that need the maintenance window (apply with --yes), and why. */
export function WindowStatements(props: { statements: WindowStatement[] | undefined }): JSX.Element | null {
  if (!props.statements || props.statements.length === 0) return null;
  return (
    <section className="mig-window" data-testid="window-statements">
      <h4>Needs the maintenance window</h4>
      <ul>
        {props.statements.map((w, i) => (
          <li key={i}>
            <span className="mono">line {w.line}: {w.statement}</span>
            {w.outsideTransaction && <span className="badge warning">outside a transaction</span>}
            <div className="muted small">{guiText(w.why)}</div>
          </li>
        ))}
      </ul>
    </section>
  );
}
