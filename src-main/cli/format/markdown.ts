import type { Diagnostic, OmittedFindings } from '../../common/diagnostic';
import type { CheckReport } from '../../common/model';
import { ruleDocPath } from '../../common/rules';
import { plural } from './check-text';

/** Escapes text for a Markdown table cell. */
export function cell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

export function table(head: readonly string[], rows: readonly (readonly string[])[]): string {
  return [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`)].join('\n');
}

const ICON: Record<Diagnostic['severity'], string> = { error: '❌ error', warning: '⚠️ warning', info: 'ℹ️ info' };

export function diagnosticsTable(diagnostics: readonly Diagnostic[]): string {
  return table(
    ['severity', 'rule', 'module', 'location', 'message'],
    diagnostics.map((d) => [ICON[d.severity], `[${d.rule}](${ruleDocPath(d.rule)})`, d.module ?? '', d.file ? `${d.file}${d.line ? `:${d.line}` : ''}` : '', d.message]),
  );
}

export function formatCheckMarkdown(report: CheckReport): string {
  const s = report.summary;
  const out = [
    `## Module Workbench check: ${s.errors === 0 ? 'passed' : 'failed'}`,
    '',
    `${plural(report.modules.length, 'module')}, profile \`${report.profile}\`: **${plural(s.errors, 'error')}**, ${plural(s.warnings, 'warning')}, ${plural(s.infos, 'info')}${s.waived ? `, ${s.waived} waived` : ''}.`,
    '',
  ];
  if (report.diagnostics.length > 0) out.push(diagnosticsTable(report.diagnostics), '');
  out.push(...omittedMarkdown(report.omitted));
  const notOk = report.modules.filter((m) => m.status !== 'ok');
  if (notOk.length > 0) {
    out.push('### Modules that cannot load', '', table(['module', 'status'], notOk.map((m) => [m.name, m.status])), '');
  }
  return out.join('\n');
}

/** A paragraph per rule whose findings were cut by --max-per-rule. */
export function omittedMarkdown(omitted: readonly OmittedFindings[]): string[] {
  return omitted.flatMap((o) => [`… and ${o.count} more \`${o.rule}\` ${o.count === 1 ? 'finding' : 'findings'} not listed.`, '']);
}
