import { type JSX } from 'react';
import { monaco, RULE_OWNER, YAML_OWNER } from './monaco';
import { guiMessage } from '../../shared/gui-wording';

export interface ProblemItem {
  owner: string;
  severity: 'error' | 'warning' | 'info';
  /** Engine rule id, or null for syntax and schema findings from the language service. */
  rule: string | null;
  docUrl: string | null;
  message: string;
  line: number;
  column: number;
}

export interface ProblemSummary {
  items: ProblemItem[];
  /** Marker counts per owner, before de-duplication (also on the pane as data attributes). */
  yaml: number;
  rules: number;
}

function severityOf(s: monaco.MarkerSeverity): ProblemItem['severity'] {
  if (s === monaco.MarkerSeverity.Error) return 'error';
  if (s === monaco.MarkerSeverity.Warning) return 'warning';
  return 'info';
}

const RANK = { error: 0, warning: 1, info: 2 };

/**
 * The problems of one model from all marker owners. A language-service finding on a line that
 * already has an engine finding is left out of the list (the engine's carries the rule and its
 * docs); both still show in the editor.
 */
export function summarizeMarkers(model: monaco.editor.ITextModel): ProblemSummary {
  const markers = monaco.editor.getModelMarkers({ resource: model.uri });
  const rules = markers.filter((m) => m.owner === RULE_OWNER);
  const others = markers.filter((m) => m.owner !== RULE_OWNER);
  const ruleLines = new Set(rules.map((m) => m.startLineNumber));
  const items: ProblemItem[] = [];
  for (const m of rules) {
    const code = typeof m.code === 'object' ? m.code : null;
    const rule = code?.value ?? (typeof m.code === 'string' ? m.code : null);
    items.push({
      owner: m.owner,
      severity: severityOf(m.severity),
      rule,
      docUrl: code ? code.target.toString(true) : null,
      message: rule && m.message.startsWith(`${rule}: `) ? m.message.slice(rule.length + 2) : m.message,
      line: m.startLineNumber,
      column: m.startColumn,
    });
  }
  for (const m of others) {
    if (ruleLines.has(m.startLineNumber)) continue;
    items.push({ owner: m.owner, severity: severityOf(m.severity), rule: null, docUrl: null, message: m.message, line: m.startLineNumber, column: m.startColumn });
  }
  items.sort((a, b) => a.line - b.line || a.column - b.column || RANK[a.severity] - RANK[b.severity]);
  return { items, yaml: markers.filter((m) => m.owner === YAML_OWNER).length, rules: rules.length };
}

const ICON = { error: '✕', warning: '!', info: 'i' };

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
                <span className="mwb-rule muted">{p.owner === YAML_OWNER ? 'schema' : p.owner}</span>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
