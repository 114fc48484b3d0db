/** One row of the ledger table `workbench_migrations` (SPEC §4): what the planner reads and the dev database writes. */
export interface LedgerRow {
  id: string;
  module: string;
  sequence: number;
  phase: string;
  checksum: string;
  appliedAt: string;
  durationMs: number;
}
