import type { JSX } from 'react';
import { DEFAULT_MAX_PER_RULE, type Diagnostic, type OmittedFindings } from '../../../../src-main/common/diagnostic';
import { guiMessage } from '../../shared/gui-wording';
import { useWorkbench } from '../../state/workbench-context';
import { requestNote } from '../notes/note-requests';

/** The pull-request rules' findings: each links to its rule page, its module and its file. */
export function Findings(props: { diagnostics: Diagnostic[]; omitted: OmittedFindings[]; onModule(name: string): void }): JSX.Element {
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
            <span className="message">{guiMessage(d)}</span>
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
          Not listed: {props.omitted.map((o) => `${o.count} more ${o.rule}`).join(', ')} (the view lists at most {DEFAULT_MAX_PER_RULE} findings per rule).
        </p>
      )}
    </section>
  );
}
