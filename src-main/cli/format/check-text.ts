import type { Diagnostic, OmittedFindings } from '../../common/diagnostic';
import type { CheckReport } from '../../common/model';
import { escapeTerminalData } from '../../common/terminal-text';
import { paint } from '../colour';

function severityLabel(d: Diagnostic, p: ReturnType<typeof paint>): string {
  switch (d.severity) {
    case 'error':
      return p.red('error  ');
    case 'warning':
      return p.yellow('warning');
    case 'info':
      return p.blue('info   ');
  }
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** Findings grouped by file, each with its position, severity, message, rule and related places. */
export function formatDiagnosticLines(raw: readonly Diagnostic[], colour: boolean): string[] {
  const diagnostics = escapeTerminalData(raw);
  const p = paint(colour);
  const out: string[] = [];
  const groups = new Map<string, Diagnostic[]>();
  for (const d of diagnostics) {
    const key = d.file ?? '(platform)';
    const list = groups.get(key) ?? [];
    list.push(d);
    groups.set(key, list);
  }
  for (const [file, list] of groups) {
    out.push(p.bold(file));
    const width = Math.max(...list.map((d) => `${d.line ?? ''}:${d.column ?? ''}`.length));
    for (const d of list) {
      const at = d.line !== undefined ? `${d.line}:${d.column ?? 1}` : '';
      out.push(`  ${p.dim(at.padEnd(width))}  ${severityLabel(d, p)}  ${d.message}  ${p.dim(d.rule)}`);
      for (const r of d.related ?? []) {
        const where = r.file ? `${r.file}${r.line !== undefined ? `:${r.line}` : ''}` : '';
        out.push(`  ${' '.repeat(width)}           ${p.dim(`↳ ${r.message}${where ? ` (${where})` : ''}`)}`);
      }
    }
    out.push('');
  }
  return out;
}

/** A line per rule whose findings were cut by --max-per-rule, then a blank line (none when nothing was cut). */
export function omittedLines(raw: readonly OmittedFindings[], colour: boolean): string[] {
  if (raw.length === 0) return [];
  const omitted = escapeTerminalData(raw);
  const p = paint(colour);
  return [...omitted.map((o) => p.dim(`… ${plural(o.count, `more ${o.rule} finding`)} not listed (--max-per-rule 0 lists all)`)), ''];
}

/** Findings grouped by file, then a summary line: for people at a terminal (checkout text escaped). */
export function formatCheckText(raw: CheckReport, colour: boolean): string {
  const report = escapeTerminalData(raw);
  const p = paint(colour);
  const out = formatDiagnosticLines(report.diagnostics, colour);
  out.push(...omittedLines(report.omitted, colour));
  const s = report.summary;
  const counts = `${plural(s.errors, 'error')}, ${plural(s.warnings, 'warning')}, ${plural(s.infos, 'info')}`;
  const waived = s.waived > 0 ? `, ${s.waived} waived` : '';
  const blocked = report.modules.filter((m) => m.status !== 'ok').length;
  const modules = `${plural(report.modules.length, 'module')}${blocked > 0 ? ` (${blocked} not loadable)` : ''}`;
  const mark = s.errors > 0 ? p.red('✖') : s.warnings > 0 ? p.yellow('⚠') : p.green('✔');
  out.push(`${mark} ${counts}${waived} in ${modules}, profile ${report.profile}`);
  return out.join('\n') + '\n';
}
