import type { AdaptedCheckout } from '../adapters/adapter';
import { WorkbenchError } from '../common/contract';
import type { MigrationPhase, MigrationProgress, MigrationRun, MigrationsView } from '../common/contract-migrations';
import type { MigrationModuleSteps, MigrationPage, MigrationsSummary, PageParams } from '../common/contract-pages';
import { LedgerError, LockedError } from '../node/dev-database';
import { CheckoutFiles } from './checkout-reader';
import type { AnalysisContext } from './analysis';
import { planDatabase, resolveDatabase, targetChoices, TargetError } from './migration-targets';
import type { DatabaseChoice } from './migrations';
import { summarizePlan } from './migrations-pages';
import { runMigrations } from './migrations-run';
import { PagedResults } from './paged-results';
import { planOfPhase, PlanMemo, PlanRevisions } from './plan-memo';
import { appliedColumns, sqlitePlanView } from './plan-view';
import { runToEnd } from '../engine/slices';
import { runSliced, SlicesAborted, type SliceOptions } from './sliced-run';
import type { Emit, WorkbenchSession } from './session';

/**
 * The Migrations view's requests: the same plan / preflight / apply code as `mwb migrate`, on the
 * open checkout's `.workbench/dev.sqlite` or a PostgreSQL connection named in its platform.yaml (the
 * UI names a target by that name only, never by a path or URL). Apply reports
 * progress after every step and yields to the event loop in between, so the UI stays live.
 */
export class MigrationRequests {
  private running: 'preflight' | 'apply' | null = null;
  /** Plans the view pages through (`summary`, then `rows`). */
  private readonly plans = new PagedResults<MigrationModuleSteps>('plan-');
  private readonly memo = new PlanMemo();
  private readonly revisions = new PlanRevisions();

  /** `slices`: how the plan is run in slices (sliced-run.ts; tests count the slices). */
  constructor(
    private readonly session: WorkbenchSession,
    private readonly emit: Emit,
    private readonly slices: Omit<SliceOptions, 'stale'> = {},
  ) {}

  async plan(phase?: MigrationPhase, target = 'dev'): Promise<MigrationsView> {
    return planOfPhase(await this.wholePlan(target), phase);
  }

  /**
   * Every wave's steps for a target, once per check of the session (plan-memo.ts): a watched session
   * sees every edit of a migration as a re-check; an unwatched one (and PostgreSQL's ledger) plans
   * on every request. Planned in slices, so other requests are answered in between; `ahead`: work
   * done ahead of a request, given up when a newer check comes (a request waiting for it asks again).
   */
  private async wholePlan(target: string, ahead = false): Promise<MigrationsView> {
    for (;;) {
      try {
        return await this.planOnce(target, ahead);
      } catch (err) {
        if (ahead || !(err instanceof SlicesAborted)) throw err;
      }
    }
  }

  private planOnce(target: string, ahead: boolean): Promise<MigrationsView> {
    const ctx = this.session.analysisContext();
    if (ctx.adapted) return Promise.resolve(adaptedPlan(ctx.adapted, ctx.registry.order));
    const db = wrap(() => databaseFor(ctx, target));
    const snapshotRevision = this.session.snapshot?.revision;
    const check = ctx.checkRevision ?? snapshotRevision;
    const revision = snapshotRevision === undefined || check === undefined ? undefined : this.revisions.revisionFor(check, snapshotRevision, ctx.registry, this.memo.held());
    const key = !db.postgres && ctx.files.watched && revision !== undefined ? { root: ctx.root, revision, target, ledgerFile: db.file } : null;
    const stale = ahead ? () => this.checkOf() !== check : undefined;
    return this.memo.plan(key, async (held) => {
      if (!db.postgres) return wrapAsync(() => runSliced(sqlitePlanView(ctx, db, target, held), { ...this.slices, stale }));
      const { plan, database, set } = await wrapAsync(() => planDatabase(ctx, db));
      return { view: { ...plan, database, order: ctx.registry.order, columns: runToEnd(appliedColumns(plan.steps, set.files, ctx.registry.order)), targets: targetChoices(ctx.registry.platform), target }, parts: null };
    });
  }

  /** The session's check stamp now (undefined once no checkout is open). */
  private checkOf(): number | undefined {
    try {
      return this.session.analysisContext().checkRevision;
    } catch {
      return undefined;
    }
  }

  /** The plan as `plan` makes it, kept for `rows`: the view of a large platform reads it a window at a time. */
  async summary(phase?: MigrationPhase, target = 'dev', ahead = false): Promise<MigrationsSummary> {
    const whole = await this.wholePlan(target, ahead);
    return this.memo.summary(whole, phase, (id) => this.plans.has(id), () => summarizePlan(planOfPhase(whole, phase), this.plans));
  }

  /**
   * Plans the dev database ahead of the view's first visit (after a check of the session, when the
   * service is idle), so the visit finds the plan made. Failures are the view's to report, not this;
   * given up when a newer check comes (the service prepares the views again after it).
   */
  async warm(): Promise<void> {
    try {
      await this.summary(undefined, 'dev', true);
    } catch {
      // The view's own request reports it.
    }
  }

  rows(params: PageParams): MigrationPage {
    return this.plans.page(params);
  }

  async run(command: 'preflight' | 'apply', phase?: MigrationPhase, yes?: boolean, target = 'dev'): Promise<MigrationRun> {
    const adapted = this.session.analysisContext().adapted;
    if (adapted) throw new WorkbenchError('not-offered', `migrate ${command}: not offered for a ${adapted.kind} checkout: ${adapted.planUpdates?.([]).notRun ?? NOT_RUN}`);
    if (this.running) throw new WorkbenchError('busy', `a migration ${this.running} is already running in this workbench`);
    this.running = command;
    try {
      // Fresh, unwatched reads: what runs is what is on disk now, even before the watcher reports an edit.
      const session = this.session.analysisContext();
      const ctx = { ...session, files: new CheckoutFiles(session.root) };
      const gen = runMigrations(ctx, wrap(() => databaseFor(ctx, target)), { command, phase, yes });
      let run: MigrationRun;
      for (;;) {
        const next = await wrapAsync(() => gen.next());
        if (next.done) {
          run = next.value;
          break;
        }
        this.emit('migrations.progress', next.value as MigrationProgress);
        await new Promise((r) => setImmediate(r));
      }
      // The ledger changed: the ledger rules (drift, out-of-order) must be re-checked.
      if (command === 'apply') await this.session.refresh();
      return run;
    } finally {
      this.running = null;
    }
  }
}

/** The dev database, or a connection platform.yaml names (TargetError for anything else). */
function databaseFor(ctx: AnalysisContext, target: string): DatabaseChoice {
  if (target !== 'dev' && !ctx.registry.platform.connections?.some((c) => c.name === target)) {
    throw new TargetError(`'${target}' is not a migration target of this checkout: pick the dev database or a connection of platform.yaml's database.connections`);
  }
  return resolveDatabase(ctx.root, ctx.registry.platform, target, ctx.root);
}

/** Lock, ledger and target problems reach the UI as errors with their own codes. */
function wrap<T>(work: () => T): T {
  try {
    return work();
  } catch (err) {
    if (err instanceof TargetError) throw new WorkbenchError('target-unavailable', err.message);
    if (err instanceof LockedError) throw new WorkbenchError('locked', err.message);
    if (err instanceof LedgerError) throw new WorkbenchError('ledger-unreadable', err.message);
    throw err;
  }
}

/** Why preflight and apply are refused on a checkout an adapter read (the CLI says the same). */
const NOT_RUN = 'its updates are PHP, which the workbench reads but never runs';

async function wrapAsync<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    return wrap(() => {
      throw err;
    });
  }
}

/** The ecosystem's updates in run order, from the adapter's plan that `mwb migrate plan` prints. */
function adaptedPlan(adapted: AdaptedCheckout, order: readonly string[]): MigrationsView {
  const plan = adapted.planUpdates?.(order) ?? { steps: [], diagnostics: [], runWith: '' };
  return {
    steps: [],
    diagnostics: plan.diagnostics,
    database: { path: '', exists: false },
    order: [...order],
    columns: {},
    updates: { kind: adapted.kind, runWith: plan.runWith, steps: plan.steps, notRun: plan.notRun ?? NOT_RUN, afterNote: plan.afterNote },
  };
}
