import fs from 'node:fs';
import type { MigrationPhase, MigrationsView } from '../common/contract-migrations';
import { PHASE_RANK } from '../common/contract-migrations';
import type { MigrationsSummary } from '../common/contract-pages';
import type { Registry } from '../engine/registry';

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

/**
 * Which check of the session a plan stands for. A record-only edit of a manifest (a description, a
 * version every range accepts: service/position-edit.ts) makes a new snapshot revision but keeps the
 * registry's load order list (the same array), the migrations and the ledger; the plan reads
 * nothing else of a manifest but where its findings sit. So the plan made at an earlier revision
 * stands while the order list is the same one and no manifest its findings (or their related
 * places) are in was replaced since; any other re-check builds a new order list (check-reuse.ts).
 * Without this, each save re-planned when idle (about half a second at 5,000 modules), and a save
 * coming then waited for it.
 */
export class PlanRevisions {
  private at: { revision: number; registry: Registry } | null = null;

  /** The revision to key the plan by now; `held`: the plan the memo holds, if any. */
  revisionFor(revision: number, registry: Registry, held: MigrationsView | null): number {
    const at = this.at;
    if (at && held && at.registry.order === registry.order && !replacedUnder(held, at.registry, registry)) return at.revision;
    this.at = { revision, registry };
    return revision;
  }
}

/** Whether a file the plan's findings name held a manifest that `now` holds as another object (or not at all). */
function replacedUnder(view: MigrationsView, then: Registry, now: Registry): boolean {
  const files = new Set<string>();
  for (const d of view.diagnostics) {
    if (d.file) files.add(d.file);
    for (const r of d.related ?? []) if (r.file) files.add(r.file);
  }
  if (files.size === 0) return false;
  const current = new Map(now.manifests.filter((m) => files.has(m.file)).map((m) => [m.file, m]));
  return then.manifests.some((m) => files.has(m.file) && current.get(m.file) !== m);
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

  /** The whole plan the memo holds (of whichever key). */
  held(): MigrationsView | null {
    return this.entry?.view ?? null;
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
