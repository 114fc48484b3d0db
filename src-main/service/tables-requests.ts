import type { TablesReport } from '../common/contract-tables';
import { isTableRule } from '../engine/tables/table-catalog';
import { applyWaivers } from '../engine/waivers';
import type { AnalysisContext } from './analysis';
import type { WorkbenchSession } from './session';
import { tablesReport } from './tables-analysis';

/**
 * The tables report as `mwb tables` and the Tables view show it: the findings left open after the
 * `-- waiver:` headers and the platform.yaml waivers (stale waivers are `check`'s to report).
 */
export function openTablesReport(ctx: AnalysisContext): TablesReport {
  const { waived: _waived, ...report } = tablesReport(ctx);
  const waivers = ctx.registry.waivers.filter((w) => isTableRule(w.rule));
  return { ...report, diagnostics: applyWaivers(report.diagnostics, waivers, () => false).kept };
}

/** The contract's `tables.list` over the open session. */
export function tablesRequest(session: WorkbenchSession): TablesReport {
  return openTablesReport(session.analysisContext());
}
