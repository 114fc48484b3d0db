import './libraries';
import fs from 'node:fs';
import { isRequestName, validateParams, WorkbenchError, type AppInfo, type Params, type RequestName, type Result, type WireError } from '../common/contract';
import type { PageParams } from '../common/contract-pages';
import type { AppStore } from '../node/app-store';
import { CheckoutError } from '../node/checkout-files';
import { applyRequest, CatalogPages, catalogRequest, previewRequest } from './permissions-requests';
import { ChangesChecks } from './changes-checks';
import { IdleWork } from './idle-work';
import { createNote, listNotes, today } from './notes';
import { MigrationRequests } from './migrations-requests';
import { tablesRequest } from './tables-requests';
import { WorkbenchSession, type Emit } from './session';

export interface ServiceOptions {
  host: AppInfo['host'];
  version: string;
  exampleCheckout: string;
  rulesDocBase: string;
  store: AppStore | null;
  emit: Emit;
  watch?: boolean;
  /** Clock for the recent list; injected so tests are deterministic. */
  now?: () => number;
}

function isFolder(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/**
 * Answers every request of the contract over one session and the app store. Hosts (Electron IPC,
 * the headless server) only carry messages: validation, dispatch and error shaping live here.
 */
export class WorkbenchService {
  readonly session: WorkbenchSession;
  private readonly migrations: MigrationRequests;
  private readonly catalogs = new CatalogPages();
  /** The Changes view's checks: coalesced, and answered again while nothing changed (changes-checks.ts). */
  private readonly changes: ChangesChecks;

  /** Work done ahead of the views' requests, when no request is being answered (idle-work.ts). */
  private readonly ahead = new IdleWork();

  constructor(private readonly options: ServiceOptions) {
    const watch = options.watch ?? true;
    const emit: Emit = (event, payload) => {
      this.changes.observe(event, payload);
      options.emit(event, payload);
      // A watched session's checks prepare the Migrations plan and the Changes check for their views;
      // a file changed (that no check may follow: a README, a changelog) prepares the Changes check again.
      if (event === 'session.snapshot' && watch) this.prepareViews();
      if (event === 'file.changed' && watch) this.prepareChanges();
    };
    this.session = new WorkbenchSession({ emit, watch });
    this.migrations = new MigrationRequests(this.session, emit);
    this.changes = new ChangesChecks(this.session, options.emit, watch);
  }

  private prepareViews(): void {
    this.ahead.schedule('migrations', () => this.migrations.warm());
    this.prepareChanges();
  }

  private prepareChanges(): void {
    this.ahead.schedule('changes', async () => {
      const checkout = this.session.snapshot?.checkout;
      if (!checkout) return;
      const remembered = this.options.store?.getUiState(checkout, 'changes') as { base?: string } | null | undefined;
      await this.changes.check(checkout, remembered?.base || undefined).catch(() => undefined);
    });
  }

  /** The checkout to open when none is named: the most recent one that still exists, else the example. */
  defaultCheckout(): string {
    for (const r of this.options.store?.recent() ?? []) {
      if (isFolder(r.path)) return r.path;
      this.options.store?.removeRecent(r.path);
    }
    return this.options.exampleCheckout;
  }

  async open(dir?: string) {
    const snapshot = await this.session.open(dir ?? this.defaultCheckout());
    this.changes.opened();
    this.options.store?.addRecent({ path: snapshot.checkout, name: snapshot.platform.name, openedAt: (this.options.now ?? Date.now)() });
    return snapshot;
  }

  /** Validates and answers one request; failures come back as a WireError, never a throw. */
  async handle(name: unknown, params: unknown): Promise<{ ok: true; result: unknown } | { ok: false; error: WireError }> {
    try {
      if (!isRequestName(name)) throw new WorkbenchError('bad-request', `unknown request '${String(name)}'`);
      const problem = validateParams(name, params);
      if (problem) throw new WorkbenchError('bad-request', problem);
      return { ok: true, result: await this.ahead.around(() => this.answer(name, params as Params<typeof name>)) };
    } catch (err) {
      if (err instanceof WorkbenchError) return { ok: false, error: err.toWire() };
      if (err instanceof CheckoutError) return { ok: false, error: { code: err.code, message: err.message } };
      return { ok: false, error: { code: 'internal', message: (err as Error).message } };
    }
  }

  private async answer<N extends RequestName>(name: N, params: Params<N>): Promise<Result<N>> {
    const p = params as Record<string, unknown>;
    const store = this.options.store;
    const root = () => this.session.current().checkout;
    switch (name) {
      case 'app.info':
        return { host: this.options.host, version: this.options.version, rulesDocBase: this.options.rulesDocBase, exampleCheckout: this.options.exampleCheckout } as Result<N>;
      case 'app.recent':
        return (store?.recent() ?? []) as Result<N>;
      case 'session.open':
        return (await this.open(p.path as string | undefined)) as Result<N>;
      case 'session.snapshot':
        return this.session.snapshot as Result<N>;
      case 'session.setProfile':
        return (await this.session.setProfile(p.profile as string)) as Result<N>;
      case 'session.rescan':
        return (await this.session.rescan()) as Result<N>;
      case 'file.read':
        return this.session.readFile(p.path as string) as Result<N>;
      case 'file.save':
        return (await this.session.saveFile(p.path as string, p.text as string, p.baseVersion as string, p.force === true)) as Result<N>;
      case 'manifest.lint':
        return this.session.lintManifest(p.path as string, p.text as string) as Result<N>;
      case 'graph.export':
        return this.session.exportGraph(p.format as 'mermaid' | 'dot', p.edges as never, p.modules as string[] | undefined) as Result<N>;
      case 'ui.getState':
        return (store ? store.getUiState(root(), p.key as string) : null) as Result<N>;
      case 'ui.setState':
        store?.setUiState(root(), p.key as string, p.value);
        return null as Result<N>;
      case 'permissions.catalog':
        return catalogRequest(this.session) as Result<N>;
      case 'permissions.preview':
        return previewRequest(this.session, p.removeStale === true) as Result<N>;
      case 'permissions.apply':
        return (await applyRequest(this.session, p.removeStale === true, p.baseVersion as string | null)) as Result<N>;
      case 'changes.refs':
        return (await this.changes.refs(root())) as Result<N>;
      case 'changes.check':
        return (await this.changes.check(root(), p.base as string | undefined, p.fresh === true)) as Result<N>;
      case 'notes.list':
        return listNotes(root(), {}, this.notesContext()) as Result<N>;
      case 'notes.create':
        return createNote(root(), params as Params<'notes.create'>, today(), this.notesContext()) as Result<N>;
      case 'migrations.plan':
        return (await this.migrations.plan(p.phase as never, p.target as string | undefined)) as Result<N>;
      case 'migrations.preflight':
        return (await this.migrations.run('preflight', p.phase as never, false, p.target as string | undefined)) as Result<N>;
      case 'migrations.apply':
        return (await this.migrations.run('apply', p.phase as never, p.yes === true, p.target as string | undefined)) as Result<N>;
      case 'tables.list':
        return tablesRequest(this.session) as Result<N>;
      case 'permissions.summary':
        return this.catalogs.summary(this.session) as Result<N>;
      case 'permissions.rows':
        return this.catalogs.rows(params as PageParams) as Result<N>;
      case 'migrations.summary':
        return (await this.migrations.summary(p.phase as never, p.target as string | undefined)) as Result<N>;
      case 'migrations.rows':
        return this.migrations.rows(params as PageParams) as Result<N>;
      default:
        throw new WorkbenchError('bad-request', `unknown request '${String(name)}'`);
    }
  }

  /** The notes folder and module names of the open checkout, from its current snapshot. */
  private notesContext() {
    const snap = this.session.current();
    return { notesDir: snap.platform.notesDir, modules: new Set(snap.order) };
  }

  dispose(): void {
    this.ahead.dispose();
    this.session.close();
    this.options.store?.close();
  }
}
