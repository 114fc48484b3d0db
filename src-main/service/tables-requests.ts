import type { TablesReport } from '../common/contract-tables';
import type { WorkbenchSession } from './session';
import { tablesReport } from './tables-analysis';

/** The contract's `tables.list` over the open session (waived findings stay out: the view shows what is open). */
export function tablesRequest(session: WorkbenchSession): TablesReport {
  const { waived: _waived, ...report } = tablesReport(session.analysisContext());
  return report;
}
