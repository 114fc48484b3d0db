import type { MigrationsView, MigrationStep } from '../common/contract-migrations';
import type { MigrationModuleSteps, MigrationsSummary } from '../common/contract-pages';
import type { PagedResults } from './paged-results';

/**
 * A migration plan as the Migrations view reads it on a large platform (issue 16): the summary
 * (database, targets, findings, counts) in one message, the steps grouped by module in the
 * timeline's order (load order, then modules outside it by name), kept in `store` for the view to
 * page through. A search matches a module name, a step id or a change.
 */
export function summarizePlan(view: MigrationsView, store: PagedResults<MigrationModuleSteps>): MigrationsSummary {
  const byModule = new Map<string, MigrationStep[]>();
  const counts = { total: view.steps.length, applied: 0, pending: 0, drifted: 0, blocked: 0 };
  const waves: Record<number, number> = {};
  for (const s of view.steps) {
    counts[s.status]++;
    if (s.status === 'pending' || s.status === 'blocked') waves[s.wave] = (waves[s.wave] ?? 0) + 1;
    const list = byModule.get(s.module);
    if (list) list.push(s);
    else byModule.set(s.module, [s]);
  }
  const inOrder = new Set(view.order);
  const modules = [...view.order.filter((m) => byModule.has(m)), ...[...byModule.keys()].filter((m) => !inOrder.has(m)).sort()];
  const rows: MigrationModuleSteps[] = modules.map((module) => {
    const steps = byModule.get(module) as MigrationStep[];
    const columns: Record<string, number> = {};
    for (const s of steps) if (view.columns[s.id] !== undefined) columns[s.id] = view.columns[s.id];
    return { module, steps, columns };
  });
  const id = store.put(rows, (r) => [r.module, ...r.steps.map((s) => `${s.id} ${s.change}`)].join('\n').toLowerCase());
  return {
    id,
    database: view.database,
    ...(view.targets ? { targets: view.targets } : {}),
    ...(view.target !== undefined ? { target: view.target } : {}),
    diagnostics: view.diagnostics,
    counts,
    waves,
    modules: rows.length,
    ...(view.updates ? { updates: view.updates } : {}),
  };
}
