import type { Diagnostic } from '../../common/diagnostic';
import type { CheckReport } from '../../common/model';
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

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** Findings grouped by file (with a blank line after each group), as `check` prints them. */
export function formatDiagnosticGroups(diagnostics: readonly Diagnostic[], colour: boolean): string[] {
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

/** Findings grouped by file, then a summary line: for people at a terminal. */
export function formatCheckText(report: CheckReport, colour: boolean): string {
  const p = paint(colour);
  const out = formatDiagnosticGroups(report.diagnostics, colour);
  const s = report.summary;
  const counts = `${plural(s.errors, 'error')}, ${plural(s.warnings, 'warning')}, ${plural(s.infos, 'info')}`;
  const waived = s.waived > 0 ? `, ${s.waived} waived` : '';
  const blocked = report.modules.filter((m) => m.status !== 'ok').length;
  const modules = `${plural(report.modules.length, 'module')}${blocked > 0 ? ` (${blocked} not loadable)` : ''}`;
  const mark = s.errors > 0 ? p.red('✖') : s.warnings > 0 ? p.yellow('⚠') : p.green('✔');
  out.push(`${mark} ${counts}${waived} in ${modules}, profile ${report.profile}`);
  return out.join('\n') + '\n';
}
