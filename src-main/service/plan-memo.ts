import fs from 'node:fs';
import type { MigrationPhase, MigrationsView } from '../common/contract-migrations';
import { PHASE_RANK } from '../common/contract-migrations';
import type { MigrationsSummary } from '../common/contract-pages';
import type { Registry } from '../engine/registry';
import type { PlanParts } from './migrations';
import type { HeldPlan } from './plan-view';

/**
 * The Migrations view's plan, computed once per check of the session and reused by every request
 * until the session checks again (issue 16: at 5,000 modules planning takes about half a second,
 * and the view asks for a summary on every visit, every wave filter and every Plan click); the next
 * check's plan takes what is still valid of it (plan-view.ts). A plan
 * also depends on the target database's ledger, which the watcher does not see (`.workbench` is not
 * watched): it is reused only while the database files' lstat is what it was.
 */
export interface PlanMemoKey {
  /** The session's checkout and the revision the plan stands for (PlanRevisions): a check that ran makes a new one. */
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
 * Which check of the session a plan stands for. The session stamps each run of the checks with the
 * snapshot revision it made (AnalysisContext.checkRevision); an edit that only moved positions or
 * changed record-only values of a manifest (a description, a version every range accepts:
 * service/position-edit.ts) runs no check and keeps the stamp, and the plan reads nothing of a
 * manifest but where its findings sit (none is in a manifest today). So the plan made at an earlier
 * revision stands while the check stamp is the same and no manifest its findings (or their related
 * places) are in was replaced since. Without this, each save re-planned when idle.
 */
export class PlanRevisions {
  private at: { check: number; revision: number; registry: Registry } | null = null;

  /** The revision to key the plan by now: `check` the session's check stamp, `revision` its snapshot's; `held`: the plan the memo holds, if any. */
  revisionFor(check: number, revision: number, registry: Registry, held: MigrationsView | null): number {
    const at = this.at;
    if (at && held && at.check === check && !replacedUnder(held, at.registry, registry)) return at.revision;
    this.at = { check, revision, registry };
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

/**
 * The plan of the current revision, and the one being made. A plan made for an earlier revision of
 * the same target and ledger state is handed to the next computation (`held`), which takes what
 * is still valid of it (plan-view.ts). A request for the plan being made waits for it; when that
 * work is given up (SlicesAborted: a newer check came), the request asks again.
 */
export class PlanMemo {
  private entry: { key: string; base: string; view: MigrationsView; parts: PlanParts | null; summaries: Map<string, MigrationsSummary> } | null = null;
  private pending: { key: string; made: Promise<MigrationsView> } | null = null;

  private static baseOf(k: PlanMemoKey): string {
    return `${k.root}\0${k.target}\0${ledgerStamp(k.ledgerFile)}`;
  }

  /** The whole plan (every wave) for `key`, computed by `compute` unless the memo holds it or is making it. */
  async plan(key: PlanMemoKey | null, compute: (held: HeldPlan | null) => Promise<HeldPlan>): Promise<MigrationsView> {
    if (!key) return (await compute(null)).view;
    const base = PlanMemo.baseOf(key);
    const k = `${base}\0${key.revision}`;
    if (this.entry?.key === k) return this.entry.view;
    if (this.pending?.key === k) return this.pending.made;
    const entry = this.entry?.base === base ? this.entry : null;
    const made = compute(entry && { view: entry.view, parts: entry.parts }).then((got) => {
      // The stamp after planning: a ledger written while planning makes the next request plan again.
      if (PlanMemo.baseOf(key) === base) {
        const summaries = this.entry?.view === got.view ? this.entry.summaries : new Map<string, MigrationsSummary>();
        this.entry = { key: k, base, view: got.view, parts: got.parts, summaries };
      }
      return got.view;
    });
    this.pending = { key: k, made };
    try {
      return await made;
    } finally {
      if (this.pending?.made === made) this.pending = null;
    }
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
