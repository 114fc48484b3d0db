import { type JSX } from 'react';
import { guiMessage } from '../shared/gui-wording';
import './problems-list.css';

export interface ProblemItem {
  owner: string;
  severity: 'error' | 'warning' | 'info';
  /** Engine rule id, or null for syntax and schema findings from the language service. */
  rule: string | null;
  docUrl: string | null;
  message: string;
  line: number;
  column: number;
  /** What found it, shown when there is no rule: 'schema' for monaco-yaml. */
  source: string;
}

export interface ProblemSummary {
  items: ProblemItem[];
  /** Marker counts per owner, before de-duplication (also on the pane as data attributes). */
  yaml: number;
  rules: number;
}

const ICON = { error: '✕', warning: '!', info: 'i' };

/** The findings of one file, each a button to its line, with the rule and its documentation. */
export function ProblemsList(props: { summary: ProblemSummary; linting: boolean; onReveal(line: number, column: number): void }): JSX.Element {
  const { items } = props.summary;
  const count = (s: ProblemItem['severity']) => items.filter((i) => i.severity === s).length;
  return (
    <section className="mwb-problems" aria-label="Problems in this file" data-testid="editor-problems" data-yaml-markers={props.summary.yaml} data-rule-markers={props.summary.rules}>
      <header>
        <strong>Problems</strong>
        {items.length > 0 ? (
          <span className="mwb-counts">
            {(['error', 'warning', 'info'] as const).map((s) =>
              count(s) > 0 ? (
                <span key={s} className={`badge ${s}`}>
                  {count(s)} {count(s) === 1 ? s : `${s}s`}
                </span>
              ) : null,
            )}
          </span>
        ) : (
          <span className="muted">{props.linting ? 'checking…' : 'none'}</span>
        )}
      </header>
      {items.length > 0 && (
        <ul>
          {items.map((p, i) => (
            <li key={`${p.owner}:${p.line}:${p.column}:${i}`} data-testid="editor-problem" data-owner={p.owner} data-rule={p.rule ?? undefined} data-severity={p.severity}>
              <button className="mwb-problem" onClick={() => props.onReveal(p.line, p.column)} title={`Go to line ${p.line}`}>
                <span className={`mwb-sev ${p.severity}`} aria-label={p.severity}>
                  {ICON[p.severity]}
                </span>
                <span className="mwb-msg">{guiMessage(p)}</span>
                <span className="mwb-loc">Ln {p.line}</span>
              </button>
              {p.rule && p.docUrl ? (
                <a className="mwb-rule" href={p.docUrl} target="_blank" rel="noreferrer" title={`About the rule ${p.rule}`}>
                  {p.rule}
                </a>
              ) : (
                <span className="mwb-rule muted">{p.source}</span>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
