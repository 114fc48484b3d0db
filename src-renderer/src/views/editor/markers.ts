import type { ProblemItem, ProblemSummary } from '../../components/problems-list';
import { monaco, RULE_OWNER, YAML_OWNER } from './monaco';

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
      source: RULE_OWNER,
    });
  }
  for (const m of others) {
    if (ruleLines.has(m.startLineNumber)) continue;
    items.push({ owner: m.owner, severity: severityOf(m.severity), rule: null, docUrl: null, message: m.message, line: m.startLineNumber, column: m.startColumn, source: m.owner === YAML_OWNER ? 'schema' : m.owner });
  }
  items.sort((a, b) => a.line - b.line || a.column - b.column || RANK[a.severity] - RANK[b.severity]);
  return { items, yaml: markers.filter((m) => m.owner === YAML_OWNER).length, rules: rules.length };
}
