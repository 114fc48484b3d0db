import { MIGRATION_PHASES, type MigrationDatabase, type MigrationPlan, type MigrationRun, type MigrationStep, type StepOutcome, type StepRun } from '../../common/contract-migrations';
import { summarize } from '../../common/diagnostic';
import { escapeTerminalData } from '../../common/terminal-text';
import { columns, paint, type Paint } from '../colour';
import { formatDiagnosticLines } from './check-text';
import { table } from './markdown';

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function waveTitle(wave: number): string {
  return wave === 0 ? 'applied' : `wave ${wave} · ${MIGRATION_PHASES[wave - 1]}${wave >= 3 ? ' (needs --yes)' : ''}`;
}

function statusLabel(status: MigrationStep['status'], p: Paint): string {
  switch (status) {
    case 'applied':
      return p.green('applied');
    case 'pending':
      return 'pending';
    case 'drifted':
      return p.red('drifted');
    case 'blocked':
      return p.red('blocked');
  }
}

function databaseLine(db: MigrationDatabase): string {
  return db.exists ? db.path : `${db.path} (does not exist yet: every migration is pending)`;
}

/** `migrate plan` for people: steps grouped by wave, then the findings. */
/** A step with a statement PostgreSQL cannot run in a transaction: it needs --yes in any wave. */
function outsideNote(s: MigrationPlan['steps'][number]): string {
  const w = s.window?.find((x) => x.outsideTransaction);
  return w ? `needs --yes: line ${w.line} runs outside a transaction` : '';
}

export function formatPlanText(rawPlan: MigrationPlan, rawDb: MigrationDatabase, colour: boolean): string {
  const plan = escapeTerminalData(rawPlan);
  const db = escapeTerminalData(rawDb);
  const p = paint(colour);
  const out = [`${p.bold('Migration plan')} for ${databaseLine(db)}`, ''];
  // One set of column widths for every wave, so the table reads straight down.
  const lines = columns(plan.steps.map((s) => [`  ${s.id}`, s.module, s.phase, statusLabel(s.status, p), s.status === 'blocked' || s.status === 'drifted' ? p.dim(s.reason ?? '') : outsideNote(s)]));
  plan.steps.forEach((s, i) => {
    if (i === 0 || plan.steps[i - 1].wave !== s.wave) {
      if (i > 0) out.push('');
      out.push(p.bold(waveTitle(s.wave)));
    }
    out.push(lines[i]);
  });
  if (plan.steps.length > 0) out.push('');
  if (plan.steps.length === 0) out.push('No migrations selected.', '');
  const count = (st: MigrationStep['status']) => plan.steps.filter((s) => s.status === st).length;
  out.push(...formatDiagnosticLines(plan.diagnostics, colour));
  const s = summarize(plan.diagnostics);
  const mark = s.errors > 0 || count('blocked') + count('drifted') > 0 ? p.red('✖') : s.warnings > 0 ? p.yellow('⚠') : p.green('✔');
  out.push(`${mark} ${plural(plan.steps.length, 'step')}: ${count('applied')} applied, ${count('pending')} pending, ${count('drifted')} drifted, ${count('blocked')} blocked; ${plural(s.errors, 'error')}, ${plural(s.warnings, 'warning')}`);
  return out.join('\n') + '\n';
}

/** `migrate plan --format markdown`, for a pull-request comment. */
export function formatPlanMarkdown(plan: MigrationPlan, db: MigrationDatabase): string {
  const rows = plan.steps.map((s) => [String(s.wave), s.id, s.module, s.phase, s.status, s.reason ?? '']);
  const out = [`## Migration plan (${db.exists ? db.path : `${db.path}, not created yet`})`, '', table(['wave', 'migration', 'module', 'phase', 'status', 'reason'], rows), ''];
  if (plan.diagnostics.length > 0) {
    out.push('### Findings', '', table(['severity', 'rule', 'location', 'message'], plan.diagnostics.map((d) => [d.severity, d.rule, d.file ? `${d.file}${d.line ? `:${d.line}` : ''}` : '', d.message])), '');
  }
  return out.join('\n');
}

function outcomeLabel(o: StepOutcome, p: Paint): string {
  switch (o) {
    case 'ok':
    case 'applied':
      return p.green(o);
    case 'failed':
    case 'blocked':
      return p.red(o);
    case 'held':
    case 'skipped':
    case 'not-run':
      return p.yellow(o);
  }
}

/** One finished step, as apply prints it while it runs and preflight in its table. */
export function formatStepLine(raw: StepRun, p: Paint): string {
  const s = escapeTerminalData(raw);
  const detail = s.error ? `${s.error.file}:${s.error.line}:${s.error.column}: ${s.error.message}` : s.outcome === 'ok' || s.outcome === 'applied' ? `${s.durationMs ?? 0} ms` : (s.note ?? '');
  return `${outcomeLabel(s.outcome, p)}  ${p.dim(detail)}`;
}

/** The end of a preflight or apply run: what happened to each step, the findings, a verdict. */
export function formatRunText(raw: MigrationRun, colour: boolean, printedSteps: boolean): string {
  const run = escapeTerminalData(raw);
  const p = paint(colour);
  const out: string[] = [];
  if (!printedSteps) {
    const what =
      run.command === 'apply'
        ? `Apply to ${run.database.path}`
        : run.scratch
          ? `Preflight in scratch database ${run.scratch}, cloned from ${databaseLine(run.database)} and dropped afterwards; the database itself is not changed`
          : `Preflight on a scratch copy of ${databaseLine(run.database)}; the database itself is not changed`;
    out.push(p.bold(what), '');
    out.push(...columns(run.steps.map((s) => [`  ${s.id}`, `wave ${s.wave}`, formatStepLine(s, p)])));
    if (run.steps.length === 0) out.push('  nothing to run: no pending migration is selected');
    out.push('');
  }
  out.push(...formatDiagnosticLines(run.diagnostics, colour));
  if (run.stopped) out.push(`${run.ok ? p.yellow('■') : p.red('■')} ${run.stopped}`);
  const n = (o: StepOutcome) => run.steps.filter((s) => s.outcome === o).length;
  const verb = run.command === 'preflight' ? 'ok' : 'applied';
  const counts = [`${n(run.command === 'preflight' ? 'ok' : 'applied')} ${verb}`, `${n('failed')} failed`, `${n('blocked')} blocked`];
  if (n('skipped')) counts.push(`${n('skipped')} skipped`);
  if (n('held')) counts.push(`${n('held')} held for --yes`);
  if (n('not-run')) counts.push(`${n('not-run')} not run`);
  out.push(`${run.ok ? p.green('✔') : p.red('✖')} ${plural(run.steps.length, 'step')}: ${counts.join(', ')}`);
  return out.join('\n') + '\n';
}
