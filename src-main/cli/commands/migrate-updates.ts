import type { AdaptedCheckout } from '../../adapters/adapter';
import { isBlocking } from '../../common/diagnostic';
import type { AnalysisContext } from '../../service/analysis';
import { paint } from '../colour';
import { EXIT_FINDINGS, EXIT_OK, UsageError, type CliIO } from '../io';

/**
 * `mwb migrate` on a checkout an adapter read (Drupal): the ecosystem's own updates in its run
 * order. Only `plan`: the workbench never runs an ecosystem's code (PHP, Python), so preflight and apply are refused.
 */
export function migrateAdapted(action: string, ctx: AnalysisContext & { adapted: AdaptedCheckout }, format: string, io: CliIO): number {
  const kind = ctx.adapted.kind;
  if (!ctx.adapted.planUpdates) throw new UsageError(`migrate ${action}: the ${kind} adapter reads no updates`);
  const plan = ctx.adapted.planUpdates(ctx.registry.order);
  if (action !== 'plan') {
    const notRun = plan.notRun ?? 'its updates are PHP, which the workbench reads but never runs';
    throw new UsageError(`migrate ${action}: not offered for a ${kind} checkout: ${notRun}. Use 'mwb migrate plan' to see them in run order, then run them with the ${kind} tooling (${plan.runWith.split(' (')[0]}).`);
  }
  if (format === 'json') {
    io.stdout(JSON.stringify({ kind, runWith: plan.runWith, steps: plan.steps.map((s, i) => ({ position: i + 1, ...s })), diagnostics: plan.diagnostics }, null, 2) + '\n');
  } else {
    const p = paint(io.colour);
    const lines = plan.steps.map((s, i) => `${String(i + 1).padStart(4)}  ${s.id}  ${p.dim(`${s.kind}  ${s.file}:${s.line}`)}${s.summary ? `\n        ${s.summary}` : ''}${s.after.length ? `\n        ${p.dim(`after ${s.after.join(', ')} (${plan.afterNote ?? 'hook_update_dependencies'})`)}` : ''}`);
    const problems = plan.diagnostics.map((d) => `${d.file}:${d.line}:${d.column}  ${d.severity}  ${d.message}  ${d.rule}`);
    io.stdout(
      [
        `${plan.steps.length} updates in run order (${kind}: ${plan.runWith}).`,
        'Which of them a database has already run is not known: the workbench does not read the site database.',
        '',
        ...lines,
        ...(problems.length ? ['', ...problems] : []),
        '',
      ].join('\n'),
    );
  }
  return isBlocking(plan.diagnostics, false) ? EXIT_FINDINGS : EXIT_OK;
}
