import type { DiffEntry, ModuleDiff, PrCheckReport } from '../../common/contract-changes';
import { escapeTerminalData } from '../../common/terminal-text';
import { columns, paint } from '../colour';
import { formatDiagnosticLines, omittedLines, plural } from './check-text';
import { diagnosticsTable, omittedMarkdown, table } from './markdown';

/** `merge-base HEAD main (a1b2c3d4e5f6 "Subject")` or `v1.4.0 (a1b2c3d4e5f6 "Subject")`. */
export function describeBase(report: PrCheckReport): string {
  const b = report.base;
  return `${b.rev} (${b.sha.slice(0, 12)}${b.subject ? ` "${b.subject}"` : ''})`;
}

export function describeHead(report: PrCheckReport): string {
  const h = report.head;
  return h.detached ? `detached HEAD at ${h.sha.slice(0, 12)}` : `${h.branch} (${h.sha.slice(0, 12)})`;
}

function versionText(m: ModuleDiff): string {
  if (m.baseUnreadable !== undefined) return `(unreadable) -> ${m.headVersion ?? '(none)'}`;
  if (m.change === 'added') return m.headVersion ?? '(no version)';
  if (m.change === 'removed') return m.baseVersion ?? '(no version)';
  return m.baseVersion === m.headVersion ? `${m.headVersion ?? '(no version)'} (not bumped)` : `${m.baseVersion ?? '(none)'} -> ${m.headVersion ?? '(none)'}`;
}

function tierText(m: ModuleDiff): string {
  return m.baseTier && m.headTier && m.baseTier !== m.headTier ? `${m.baseTier} -> ${m.headTier}` : m.tier;
}

const MARK: Record<ModuleDiff['change'], string> = { added: '+', removed: '-', changed: '~' };

function entryRow(e: DiffEntry): string[] {
  const what = `${e.category}${e.role ? ` (${e.role})` : ''}`;
  const values = e.change === 'changed' && (e.before || e.after) ? `${e.before ?? ''} -> ${e.after ?? ''}` : (e.after ?? e.before ?? '');
  return [`  ${MARK[e.change]}`, e.module, what, e.subject, values.length > 72 ? `${values.slice(0, 71)}…` : values];
}

/** pr-check for people at a terminal: what is compared, the modules and changes, then the findings. */
export function formatPrCheckText(raw: PrCheckReport, colour: boolean): string {
  // Branch names, commit subjects, module data and findings come from the repository.
  const report = escapeTerminalData(raw);
  const p = paint(colour);
  const d = report.diff;
  const out: string[] = [];
  out.push(`Working tree of ${describeHead(report)} against ${describeBase(report)}`);
  if (report.head.detached) out.push(p.dim('HEAD is detached: the working tree is compared as it is, whatever commit it sits on.'));
  out.push('');
  if (d.modules.length === 0 && d.files.length === 0) out.push('No changes against the base.', '');
  if (d.modules.length > 0) {
    out.push(p.bold('Modules'));
    const rows = d.modules.map((m) => [`  ${MARK[m.change]}`, m.name, versionText(m), tierText(m), m.change === 'changed' ? plural(m.files.length, 'file') : m.change]);
    out.push(...columns(rows), '');
    for (const m of d.modules) if (m.baseUnreadable !== undefined) out.push(p.yellow(`  ${m.name}: the base manifest could not be read (${m.baseUnreadable}); compared as changed, not added`));
    if (d.modules.some((m) => m.baseUnreadable !== undefined)) out.push('');
  }
  if (d.entries.length > 0) {
    out.push(p.bold('Changes'));
    out.push(...columns(d.entries.map(entryRow)), '');
  }
  if (d.edges.length > 0) {
    out.push(p.bold('Dependency edges'));
    out.push(...columns(d.edges.map((e) => [`  ${e.change === 'added' ? '+' : '-'}`, `${e.from} -> ${e.to}`, e.kind])), '');
  }
  if (d.files.length > 0) {
    const count = (s: string) => d.files.filter((f) => f.status === s).length;
    out.push(`${plural(d.files.length, 'file')} changed: ${count('added')} added, ${count('modified')} modified, ${count('deleted')} deleted`, '');
  }
  out.push(...formatDiagnosticLines(report.diagnostics, colour));
  out.push(...omittedLines(report.omitted, colour));
  const s = report.summary;
  const mark = s.errors > 0 ? p.red('✖') : s.warnings > 0 ? p.yellow('⚠') : p.green('✔');
  const modules = `${d.summary.modulesChanged} changed, ${d.summary.modulesAdded} added, ${d.summary.modulesRemoved} removed`;
  out.push(`${mark} ${plural(s.errors, 'error')}, ${plural(s.warnings, 'warning')}, ${plural(s.infos, 'info')}${s.waived ? `, ${s.waived} waived` : ''}; modules: ${modules}`);
  return out.join('\n') + '\n';
}

const ICON: Record<ModuleDiff['change'], string> = { added: '➕ added', removed: '➖ removed', changed: '✏️ changed' };

/** pr-check as a pull-request comment: summary, the diff as tables, the findings. */
export function formatPrCheckMarkdown(report: PrCheckReport): string {
  const d = report.diff;
  const s = report.summary;
  const status = s.errors > 0 ? 'failed ❌' : s.warnings > 0 ? 'passed with warnings ⚠️' : 'passed ✅';
  const base = report.base.how === 'merge-base' ? `the merge base with \`${report.base.against}\`` : `\`${report.base.rev}\``;
  const out = [
    `## Module Workbench PR check: ${status}`,
    '',
    `Compared with ${base} (\`${report.base.sha.slice(0, 12)}\`): ${plural(d.summary.modulesChanged, 'module')} changed, ${d.summary.modulesAdded} added, ${d.summary.modulesRemoved} removed; ${plural(d.summary.files, 'file')} changed. **${plural(s.errors, 'error')}**, ${plural(s.warnings, 'warning')}${s.waived ? `, ${s.waived} waived` : ''}.`,
    '',
  ];
  if (d.modules.length > 0) {
    out.push('### Modules', '');
    out.push(
      table(
        ['change', 'module', 'tier', 'version', 'files'],
        d.modules.map((m) => [ICON[m.change], `\`${m.name}\``, tierText(m).replace('->', '→'), versionText(m).replace('->', '→'), String(m.files.length)]),
      ),
      '',
    );
  }
  if (d.entries.length > 0) {
    out.push(`<details><summary>What changed inside the modules (${d.entries.length})</summary>`, '');
    out.push(
      table(
        ['module', 'what', 'change', 'subject', 'before', 'after'],
        d.entries.map((e) => [`\`${e.module}\``, `${e.category}${e.role ? ` (${e.role})` : ''}`, e.change, `\`${e.subject}\``, e.before ?? '', e.after ?? '']),
      ),
      '',
      '</details>',
      '',
    );
  }
  if (d.edges.length > 0) {
    out.push(`<details><summary>Dependency edges (${d.edges.length})</summary>`, '');
    out.push(table(['change', 'edge', 'kind'], d.edges.map((e) => [e.change, `\`${e.from}\` → \`${e.to}\``, e.kind])), '', '</details>', '');
  }
  out.push('### Findings', '');
  out.push(report.diagnostics.length > 0 ? diagnosticsTable(report.diagnostics) : 'None.', '');
  out.push(...omittedMarkdown(report.omitted));
  return out.join('\n');
}
