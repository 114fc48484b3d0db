import type { MigrationStep, MigrationsView } from '../common/contract-migrations';
import { orderPlan, resolvePlan, type PlannedFile } from '../engine/migrations/plan-steps';
import type { Sliced } from '../engine/slices';
import type { AnalysisContext } from './analysis';
import { targetChoices } from './migration-targets';
import { forDialect, planCheckoutSliced, readMigrationSet, type DatabaseChoice, type PlanParts } from './migrations';

/** A whole plan as the Migrations view gets it, with the parts it was made of (SQLite targets; null otherwise). */
export interface HeldPlan {
  view: MigrationsView;
  parts: PlanParts | null;
}

/**
 * The Migrations view's plan of a SQLite target, in slices (issue 16). `held`: the plan made for the
 * same target while its ledger file was as it is now (PlanMemo vouches for that). When the
 * migration set, the platform waivers, the load order and the targets are those it was made of, it
 * is the plan (a re-check for a route's permission or a dependency that moved no module); when
 * only the load order differs, its steps are sorted again (PlanParts); otherwise planned anew.
 * Equal, as JSON, to what planCheckout gives now (test/plan-slices.test.ts).
 */
export function* sqlitePlanView(ctx: AnalysisContext, db: DatabaseChoice, target: string, held: HeldPlan | null): Sliced<HeldPlan> {
  const set = forDialect(readMigrationSet(ctx), 'sqlite');
  const targets = targetChoices(ctx.registry.platform);
  const parts = held?.parts ?? null;
  const order = ctx.registry.order;
  if (held && parts && parts.set === set && parts.waivers === ctx.registry.waivers && sameOrder(held.view.order, order) && JSON.stringify(held.view.targets) === JSON.stringify(targets)) return held;
  yield;
  const made = yield* planCheckoutSliced(ctx, db, undefined, parts);
  const columns = yield* appliedColumns(made.plan.steps, made.parts.set.files, order, made.parts);
  return { view: { ...made.plan, database: made.database, order, columns, targets, target }, parts: made.parts };
}

function sameOrder(a: readonly string[], b: readonly string[]): boolean {
  return a === b || (a.length === b.length && a.every((n, i) => n === b[i]));
}

/**
 * The wave each applied or drifted step has in the plan of an empty database (the engine's own
 * planner), in that plan's order. `parts`: where that plan's resolution is kept for the set.
 */
export function* appliedColumns(steps: readonly MigrationStep[], files: readonly PlannedFile[], order: readonly string[], parts?: PlanParts): Sliced<Record<string, number>> {
  const done = new Set(steps.filter((s) => s.status === 'applied' || s.status === 'drifted').map((s) => s.id));
  if (done.size === 0) return {};
  // Resolved once per set of parts; every caller fills it the same way.
  const empty = parts?.empty ?? (yield* resolvePlan({ files, ledger: null, blocked: new Map() }));
  if (parts) parts.empty = empty;
  const columns: Record<string, number> = {};
  for (const s of yield* orderPlan(empty, order)) if (done.has(s.id)) columns[s.id] = s.wave;
  return columns;
}
