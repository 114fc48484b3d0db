import { receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import type { SqlDialect } from '../common/contract-migrations';
import type { Diagnostic } from '../common/diagnostic';
import type { ParsedManifest } from '../engine/manifest';
import type { Registry, RegistryGraph } from '../engine/registry';
import type { AnalysisContext } from './analysis';
import type { CheckoutFiles, DirEntry } from './checkout-reader';
import { scanModuleMigrations, type MigrationPart, type MigrationReader, type ModuleMigrations } from './migration-scan';
import { migrationsFindings, type LedgerState } from './migrations';
import { tablesAnalysis } from './tables-analysis';
import type { TextRead } from '../node/text-file';

/**
 * The SQL side of `check` on the split scan's worker (issue 16: `check` on 2 cores). The worker
 * already reads each module's SQL files ahead of the main thread; with this, it also classifies
 * them and, once the main thread has built the registry, runs the two analyses that read them (the
 * migrations and the tables analysis) and sends back only their findings. The classified
 * migrations (hundreds of thousands of small objects at 5,000 modules) never cross threads and
 * never sit in the main thread's heap, where every young-generation collection would copy them.
 *
 * The main thread sends, through a port of its own: which migrations folder each parsed manifest
 * names (`pending`: the manifest decides the module's name, its folder and whether it is scoped),
 * then the slice of the registry the two analyses read and the dev database's ledger (`analyze`).
 * The analyses are the same functions the main thread runs (migrations.ts, tables-analysis.ts), on
 * a registry that holds only what they read (registryOfSlice); test/scan-parallel.test.ts compares
 * the whole report with the single-threaded check on every rule fixture.
 */

/** One module whose migrations the worker reads and classifies (module-scan.ts's PendingMigrations, with its folder's place). */
export interface PendingModule {
  index: number;
  key: string;
  mod: ModuleMigrations;
  moduleDir: string;
  /**
   * The module folder's listing, when the main thread read the folder itself (it had caught up
   * with the worker): the worker takes it as its own instead of listing the folder again (its
   * migrations folder, and its sources for the tables analysis, are found from it).
   */
  entries?: DirEntry[] | null;
  /** Its `migrations` folder, read by the main thread with the module folder (the worker need not read it). */
  migrations?: FolderReads;
}

/** What the migrations and tables analyses read of the registry: each module in load order, its strict dependencies, the platform's settings. */
export interface RegistrySlice {
  /** Per module, in load order: name, folder, tier, tenancy, migrations folder (as the manifest gives them). */
  modules: [string, string, ParsedManifest['manifest']['tier'], ParsedManifest['manifest']['tenancy'], ParsedManifest['manifest']['migrations']][];
  dependencies: [string, string][];
  platform: Pick<Registry['platform'], 'tenantColumn' | 'dialect' | 'tables'>;
}

export type SqlSideMessage = { kind: 'pending'; modules: PendingModule[] } | { kind: 'analyze'; slice: RegistrySlice; ledger: LedgerState };

/** The worker's answer: each analysis' findings, in ANALYSES order. */
export interface SqlSideReply {
  kind: 'findings';
  findings: [string, Diagnostic[]][];
}

/** The analyses the worker runs (by id, as service/analyses.ts lists them). */
export const SQL_SIDE_ANALYSES: readonly string[] = ['migrations', 'tables'];

/** One migrations folder as the worker read it: its listing, and the text of each regular .sql file in it (null for other entries). */
export interface FolderReads {
  entries: DirEntry[] | null;
  reads: (TextRead | null)[];
}

/** A reader for one module: the folder read ahead of time, and `files` for anything else (sources, links). */
export function readerWith(files: CheckoutFiles, dir: string, folder: FolderReads): MigrationReader {
  const texts = new Map<string, TextRead>();
  folder.entries?.forEach((e, i) => {
    const read = folder.reads[i];
    if (read) texts.set(`${dir}/${e.name}`, read);
  });
  return { root: files.root, fresh: true, list: (rel) => (rel === dir ? folder.entries : files.list(rel)), read: (rel) => texts.get(rel) ?? files.read(rel) };
}

export function registrySlice(registry: RegistryGraph): RegistrySlice {
  const modules: RegistrySlice['modules'] = [];
  for (const name of registry.order) {
    const m = registry.byName.get(name);
    if (m) modules.push([name, m.dir, m.manifest.tier, m.manifest.tenancy, m.manifest.migrations]);
  }
  const dependencies: [string, string][] = [];
  for (const e of registry.edges) if (e.kind === 'dependency') dependencies.push([e.from, e.to]);
  const { tenantColumn, dialect, tables } = registry.platform;
  return { modules, dependencies, platform: { tenantColumn, dialect, tables } };
}

/**
 * A registry holding only what registrySlice sends: what the migrations and tables analyses read
 * (order, byName's folders, tiers, tenancy and migrations folders, dependency edges, the platform's
 * tenant column, dialect and table policy). Nothing else may read it.
 */
export function registryOfSlice(slice: RegistrySlice): Registry {
  const byName = new Map<string, unknown>();
  for (const [name, dir, tier, tenancy, migrations] of slice.modules) byName.set(name, { name, dir, named: true, manifest: { name, tier, tenancy, migrations } });
  const edges = slice.dependencies.map(([from, to]) => ({ kind: 'dependency', from, to }));
  return { platform: slice.platform, byName, order: slice.modules.map((m) => m[0]), edges } as unknown as Registry;
}

/** The worker's half: a queue of modules to classify, then the analyses. */
export class SqlSide {
  private readonly queue: PendingModule[] = [];
  private readonly parts = new Map<string, MigrationPart>();
  private request: { slice: RegistrySlice; ledger: LedgerState } | null = null;
  /** Set once the findings are sent. */
  done = false;

  constructor(
    private readonly files: CheckoutFiles,
    private readonly port: MessagePort,
    private readonly settings: { tenantColumn: string; dialect?: SqlDialect },
    private readonly folders: readonly string[],
    /** The migrations folder read ahead for a module folder (by its place), handed over once. */
    private readonly takeRead: (index: number) => FolderReads | undefined,
    private readonly post: (reply: SqlSideReply) => void,
  ) {}

  /** Takes what the main thread has sent so far. */
  drain(): void {
    for (let got = receiveMessageOnPort(this.port); got; got = receiveMessageOnPort(this.port)) {
      const msg = got.message as SqlSideMessage;
      if (msg.kind === 'pending') for (const p of msg.modules) this.queue.push(p);
      else this.request = msg;
    }
  }

  /** Does one piece of work (a module classified, or the analyses once everything is); false when there is none now. */
  step(): boolean {
    if (this.done) return false;
    const next = this.queue.shift();
    if (next) {
      const { index, key, mod, moduleDir, entries, migrations } = next;
      if (entries !== undefined) this.files.adoptListing(this.folders[index], entries);
      // Taken either way: a read of its own made while the main thread read the folder too is dropped.
      const own = this.takeRead(index);
      const read = migrations ?? own;
      const reader = read && mod.dir === `${this.folders[index]}/migrations` ? readerWith(this.files, mod.dir, read) : this.files;
      this.parts.set(key, scanModuleMigrations(reader, mod, moduleDir, this.settings.tenantColumn, this.settings.dialect));
      return true;
    }
    if (!this.request) return false;
    this.post({ kind: 'findings', findings: this.analyze(this.request.slice, this.request.ledger) });
    this.done = true;
    return true;
  }

  private analyze(slice: RegistrySlice, ledger: LedgerState): [string, Diagnostic[]][] {
    const ctx: AnalysisContext = { root: this.files.root, registry: registryOfSlice(slice), files: this.files, migrationParts: this.parts, pass: new Map() };
    return [
      ['migrations', migrationsFindings(ctx, ledger)],
      ['tables', tablesAnalysis.run(ctx)],
    ];
  }
}
