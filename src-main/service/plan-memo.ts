import fs from 'node:fs';
import type { MigrationPhase, MigrationsView } from '../common/contract-migrations';
import { PHASE_RANK } from '../common/contract-migrations';
import type { MigrationsSummary } from '../common/contract-pages';

/**
 * The Migrations view's plan, computed once per check of the session and reused by every request
 * until the session checks again (issue 16: at 5,000 modules planning takes about half a second,
 * and the view asks for a summary on every visit, every wave filter and every Plan click). A plan
 * also depends on the target database's ledger, which the watcher does not see (`.workbench` is not
 * watched): it is reused only while the database files' lstat is what it was.
 */
export interface PlanMemoKey {
  /** The session's checkout and snapshot revision: every re-check (an edited migration, a manifest, an apply) makes a new one. */
  root: string;
  revision: number;
  target: string;
  /** The SQLite ledger file (the dev database or another file); PostgreSQL targets are not memoized. */
  ledgerFile: string;
}

/** Size, times and inode of the database file and its journals: what a write of the ledger changes. */
export function ledgerStamp(file: string): string {
  return ['', '-wal', '-journal']
    .map((suffix) => {
      try {
        const st = fs.lstatSync(file + suffix);
        return `${st.size}:${st.mtimeMs}:${st.ctimeMs}:${st.ino}`;
      } catch {
        return '-';
      }
    })
    .join('|');
}

export class PlanMemo {
  private entry: { key: string; view: MigrationsView; summaries: Map<string, MigrationsSummary> } | null = null;

  private static keyOf(k: PlanMemoKey): string {
    return `${k.root}\0${k.revision}\0${k.target}\0${ledgerStamp(k.ledgerFile)}`;
  }

  /** The whole plan (every wave) for `key`, computed by `compute` unless the memo holds it. */
  async plan(key: PlanMemoKey | null, compute: () => Promise<MigrationsView>): Promise<MigrationsView> {
    if (!key) return compute();
    const k = PlanMemo.keyOf(key);
    if (this.entry?.key === k) return this.entry.view;
    const view = await compute();
    // The stamp after planning: a ledger written while planning makes the next request plan again.
    if (PlanMemo.keyOf(key) === k) this.entry = { key: k, view, summaries: new Map() };
    return view;
  }

  /** A summary made from `view` (the memo's), kept with it while `alive` says its id is still kept. */
  summary(view: MigrationsView, phase: MigrationPhase | undefined, alive: (id: string) => boolean, make: () => MigrationsSummary): MigrationsSummary {
    const summaries = this.entry?.view === view ? this.entry.summaries : null;
    const held = summaries?.get(phase ?? '');
    if (held && alive(held.id)) return held;
    const made = make();
    summaries?.set(phase ?? '', made);
    return made;
  }

  clear(): void {
    this.entry = null;
  }
}

/** One wave of a whole plan: what planning with `--phase` answers (its steps, and the applied waves of those steps). */
export function planOfPhase(view: MigrationsView, phase: MigrationPhase | undefined): MigrationsView {
  if (!phase) return view;
  const steps = view.steps.filter((s) => s.wave === PHASE_RANK[phase]);
  const ids = new Set(steps.map((s) => s.id));
  const columns: Record<string, number> = {};
  for (const [id, wave] of Object.entries(view.columns)) if (ids.has(id)) columns[id] = wave;
  return { ...view, steps, columns };
}
