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
  if (action !== 'plan') {
    const plan = ctx.adapted.planUpdates?.(ctx.registry.order);
    throw new UsageError(`migrate ${action}: not offered for a ${kind} checkout: its updates are ${plan?.language ?? 'PHP'}, which the workbench reads but never runs. Use 'mwb migrate plan' to see them in run order, then run them with the ${kind} tooling (${plan?.tool ?? 'drush updatedb'}).`);
  }
  if (!ctx.adapted.planUpdates) throw new UsageError(`migrate plan: the ${kind} adapter reads no updates`);
  const plan = ctx.adapted.planUpdates(ctx.registry.order);
  if (format === 'json') {
    io.stdout(JSON.stringify({ kind, runWith: plan.runWith, steps: plan.steps.map((s, i) => ({ position: i + 1, ...s })), diagnostics: plan.diagnostics }, null, 2) + '\n');
  } else {
    const p = paint(io.colour);
    const lines = plan.steps.map((s, i) => `${String(i + 1).padStart(4)}  ${s.id}  ${p.dim(`${s.kind}  ${s.file}:${s.line}`)}${s.summary ? `\n        ${s.summary}` : ''}${s.after.length ? `\n        ${p.dim(`after ${s.after.join(', ')} (hook_update_dependencies)`)}` : ''}`);
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
