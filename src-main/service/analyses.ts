import type { Diagnostic } from '../common/diagnostic';
import type { Registry } from '../engine/registry';
import type { Analysis, AnalysisContext } from './analysis';
import { declaredPathsAnalysis } from './declared-paths';
import { permissionsAnalysis } from './permissions-analysis';
import { notesAnalysis } from './notes-analysis';
import { migrationsAnalysis } from './migrations';
import { tablesAnalysis } from './tables-analysis';

/**
 * Every analysis `check` runs, in order. Add new ones here. (The Analysis interface lives in
 * analysis.ts, so the analyses listed here never import this file back.)
 */
export const ANALYSES: readonly Analysis[] = [declaredPathsAnalysis, permissionsAnalysis, notesAnalysis, migrationsAnalysis, tablesAnalysis];

export function runAnalyses(ctx: AnalysisContext): Diagnostic[] {
  return [...runAnalysesEach(ctx).values()].flat();
}

/** Each analysis' findings by id, in order; `reused` gives an analysis' previous findings when its inputs did not change (check-reuse.ts). */
export function runAnalysesEach(ctx: AnalysisContext, reused: (id: string) => Diagnostic[] | undefined = () => undefined): Map<string, Diagnostic[]> {
  ctx.files.startPass();
  const pass: AnalysisContext = { ...ctx, pass: new Map() };
  const out = new Map<string, Diagnostic[]>();
  for (const a of ANALYSES) if (!ctx.adapted?.skipAnalyses.has(a.id)) out.set(a.id, reused(a.id) ?? a.run(pass));
  return out;
}

export function affectsAnalyses(rel: string, registry: Registry): boolean {
  return ANALYSES.some((a) => a.affectedBy(rel, registry));
}
