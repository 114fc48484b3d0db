import type { PermissionCatalog, ReconcileApplyResult, ReconcilePreview } from './contract-permissions';
import type { ChangesProgress, ChangesResult, GitRefs } from './contract-changes';
import type { NoteCreateParams, NoteCreateResult, NoteSummary } from './contract-notes';
import type { TablesReport } from './contract-tables';
import { MAX_PAGE_ROWS, type MigrationPage, type MigrationsSummary, type PageParams, type PermissionPage, type PermissionsSummary } from './contract-pages';
import type { Diagnostic, DiagnosticSummary, OmittedFindings, WaivedDiagnostic } from './diagnostic';
import { MIGRATION_PHASES, type MigrationPhase, type MigrationProgress, type MigrationRun, type MigrationsView } from './contract-migrations';
import type { BlockReason, EdgeKind, GraphEdge, ModuleRecord, PlatformInfo } from './model';

/**
 * The one contract between the UI and the backend, whatever carries it (Electron IPC or the
 * headless server's WebSocket). Every call takes a single argument and returns data; errors
 * cross as data too ({code, message}).
 */

export interface ProvidedCapabilityView {
  capability: string;
  version: string | null;
  /** Module name, or `profile:<name>`. */
  by: string;
}

export interface RequiredCapabilityView {
  capability: string;
  range: string | null;
  module: string;
  state: 'ok' | 'missing' | 'version-mismatch' | 'provider-blocked';
}

export interface ProfileCapabilitiesView {
  profile: string;
  isDefault: boolean;
  provided: ProvidedCapabilityView[];
  required: RequiredCapabilityView[];
  missing: { capability: string; requiredBy: string[]; blocks: string[] }[];
  /** `reasons`: the first cause's chain; `causes`: every cause, each a chain down to its root reason. */
  blocked: { module: string; status: 'blocked' | 'invalid'; reasons: BlockReason[]; causes: BlockReason[][] }[];
}

/** Everything the views draw, recomputed after each scan. */
export interface WorkbenchSnapshot {
  /** Absolute path of the open checkout. */
  checkout: string;
  /** Increases with every scan, so a view can tell stale data. */
  revision: number;
  platform: PlatformInfo;
  profile: string;
  modules: ModuleRecord[];
  order: string[];
  /** Dependency, optional, event and (for the active profile) capability edges. */
  edges: GraphEdge[];
  diagnostics: Diagnostic[];
  waived: WaivedDiagnostic[];
  summary: DiagnosticSummary & { waived: number };
  /** Rules with more findings than the per-rule cap, and how many are not listed. */
  omitted: OmittedFindings[];
  capabilities: ProfileCapabilitiesView[];
  /** How this snapshot was made: a full scan, or an incremental re-check after edits. */
  stats: ScanStats;
}

export interface ScanStats {
  kind: 'full' | 'incremental' | 'profile';
  /** Wall time of the scan or re-check, in milliseconds. */
  durationMs: number;
  /** Manifests read and parsed for it (cache misses). */
  manifestsParsed: number;
  /** Parts of the check kept from the run before, their inputs unchanged (`resolution:<profile>`, analysis ids; service/check-reuse.ts). */
  reused?: string[];
}

export interface FileContent {
  /** Checkout-relative path with `/`. */
  path: string;
  text: string;
  /** sha256 of the bytes on disk: the base for conflict detection on save. */
  version: string;
}

export type SaveResult =
  | { status: 'saved'; version: string }
  | { status: 'conflict'; diskText: string; diskVersion: string }
  | { status: 'deleted' };

export interface RecentCheckout {
  path: string;
  name: string;
  openedAt: number;
}

export interface AppInfo {
  host: 'electron' | 'browser';
  version: string;
  /** Where the rules docs are, for the Help links. */
  rulesDocBase: string;
  exampleCheckout: string;
}

/** Request name -> parameter and result types. */
export interface Requests {
  'app.info': { params: Record<string, never>; result: AppInfo };
  'app.recent': { params: Record<string, never>; result: RecentCheckout[] };
  'session.open': { params: { path?: string }; result: WorkbenchSnapshot };
  'session.snapshot': { params: Record<string, never>; result: WorkbenchSnapshot | null };
  'session.setProfile': { params: { profile: string }; result: WorkbenchSnapshot };
  'session.rescan': { params: Record<string, never>; result: WorkbenchSnapshot };
  'file.read': { params: { path: string }; result: FileContent };
  'file.save': { params: { path: string; text: string; baseVersion: string; force?: boolean }; result: SaveResult };
  'manifest.lint': { params: { path: string; text: string }; result: Diagnostic[] };
  /** `modules`, when given, limits the export to those modules (the view's filter or focus). */
  'graph.export': { params: { format: 'mermaid' | 'dot'; edges: EdgeKind[]; modules?: string[] }; result: string };
  'ui.getState': { params: { key: string }; result: unknown };
  'ui.setState': { params: { key: string; value: unknown }; result: null };
  /** The permission catalog and the roles, as `mwb permissions catalog --format json`. */
  'permissions.catalog': { params: Record<string, never>; result: PermissionCatalog };
  /** What `mwb permissions reconcile` would write; nothing is written. */
  'permissions.preview': { params: { removeStale?: boolean }; result: ReconcilePreview };
  /** Writes the reconciled roles file, unless it changed since the preview of `baseVersion` (null: no file yet). */
  'permissions.apply': { params: { removeStale?: boolean; baseVersion: string | null }; result: ReconcileApplyResult };
  /** Git: the base picker's branches and recent commits, and the default base. */
  'changes.refs': { params: Record<string, never>; result: GitRefs };
  /** The pull-request check of the working tree against `base` (default: the merge base with main ...). */
  /** `fresh`: run the check again even when nothing seen since the last run changed ("Check again"). */
  'changes.check': { params: { base?: string; fresh?: boolean }; result: ChangesResult };
  'notes.list': { params: Record<string, never>; result: NoteSummary[] };
  'notes.create': { params: NoteCreateParams; result: NoteCreateResult };
  /**
   * The migration planner (contract-migrations.ts) on the checkout's .workbench/dev.sqlite, or
   * (`target`) a PostgreSQL connection named in platform.yaml: never a path or URL from the UI.
   */
  'migrations.plan': { params: { phase?: MigrationPhase; target?: string }; result: MigrationsView };
  'migrations.preflight': { params: { phase?: MigrationPhase; target?: string }; result: MigrationRun };
  /** `yes` confirms the maintenance window: without it apply stops before the contract wave. */
  'migrations.apply': { params: { phase?: MigrationPhase; yes?: boolean; target?: string }; result: MigrationRun };
  /**
   * Paged reads for large platforms (contract-pages.ts): a summary keeps the whole result on the
   * server under an id; `*.rows` answers a window of its rows, filtered by `search`.
   */
  'permissions.summary': { params: Record<string, never>; result: PermissionsSummary };
  'permissions.rows': { params: PageParams; result: PermissionPage };
  'migrations.summary': { params: { phase?: MigrationPhase; target?: string }; result: MigrationsSummary };
  'migrations.rows': { params: PageParams; result: MigrationPage };
  /** Table ownership and the data-isolation findings (contract-tables.ts), as `mwb tables --format json`. */
  'tables.list': { params: Record<string, never>; result: TablesReport };
}

export type RequestName = keyof Requests;
export type Params<N extends RequestName> = Requests[N]['params'];
export type Result<N extends RequestName> = Requests[N]['result'];

export interface ScanProgress {
  phase: 'discover' | 'read' | 'check' | 'done';
  done: number;
  total: number;
}

/**
 * What changed from one snapshot to the next (common/snapshot-patch.ts): hosts send this on the
 * wire instead of a whole snapshot after an incremental re-check; the renderer's transport turns it
 * back into a `session.snapshot` for the views.
 */
export interface SnapshotPatch {
  /** The revision of the snapshot this applies to; a client holding another one asks for the whole snapshot. */
  base: number;
  revision: number;
  /** Top-level fields replaced whole. */
  set: Partial<WorkbenchSnapshot>;
  /**
   * List fields changed in a few places: splices `[start, removed, items]` of the list held, by
   * its indexes, in increasing order and apart.
   */
  lists: { [K in keyof WorkbenchSnapshot]?: [number, number, unknown[]][] };
  /**
   * Short list fields whose items changed inside a long list of their own (a profile's provided
   * capabilities): `[index, fields replaced whole, list fields as splices]` per changed item.
   */
  items?: { [K in keyof WorkbenchSnapshot]?: [number, Record<string, unknown>, Record<string, [number, number, unknown[]][]>][] };
}

/** Event name -> payload. */
export interface Events {
  'session.snapshot': WorkbenchSnapshot;
  'session.patch': SnapshotPatch;
  'session.progress': ScanProgress;
  'session.error': { message: string };
  'file.changed': { path: string; version: string | null };
  /** The desktop menu asks the UI to show a view. */
  'app.navigate': { view: string };
  'migrations.progress': MigrationProgress;
  /** A running pull-request check of the Changes view: its progress, then the files that differ while it checks. */
  'changes.progress': ChangesProgress;
}

export type EventName = keyof Events;

/** An error crossing the process boundary, as data. */
export interface WireError {
  code: string;
  message: string;
}

export class WorkbenchError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
  toWire(): WireError {
    return { code: this.code, message: this.message };
  }
}

/** Electron IPC channels: one for requests, one for events, both prefixed `workbench:`. */
export const IPC_REQUEST_CHANNEL = 'workbench:request';
export const IPC_EVENT_CHANNEL = 'workbench:event';

/** What every host exposes to the renderer: one request function and one subscription. */
export interface WorkbenchTransport {
  request<N extends RequestName>(name: N, params: Params<N>): Promise<Result<N>>;
  /** Returns the unsubscribe function (a disposable). */
  on<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void;
}

// ---------------------------------------------------------------------------------------------
// Parameter validation: every host checks shape and types before the service sees a request.

type Check = (value: unknown) => string | null;
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (max = 4096): Check => (v) => (typeof v === 'string' && v.length <= max ? null : `must be a string of at most ${max} characters`);
const optional = (check: Check): Check => (v) => (v === undefined ? null : check(v));
const bool: Check = (v) => (typeof v === 'boolean' ? null : 'must be a boolean');
const oneOf = (values: readonly string[]): Check => (v) => (typeof v === 'string' && values.includes(v) ? null : `must be one of ${values.join(', ')}`);
const count = (max: number): Check => (v) => (typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= max ? null : `must be a whole number from 0 to ${max}`);
const pageParams = { id: str(64), offset: count(10_000_000), limit: count(MAX_PAGE_ROWS), search: optional(str(256)) };
const listOf = (check: Check, max = 16): Check => (v) => (Array.isArray(v) && v.length <= max && v.every((x) => check(x) === null) ? null : 'must be a short list of valid values');
const anyJson: Check = (v) => {
  try {
    return JSON.stringify(v).length <= 1_000_000 ? null : 'is too large';
  } catch {
    return 'must be plain JSON data';
  }
};
/** Files the UI may read or write: checkout-relative, no climbing out, no absolute paths. */
const relPath: Check = (v) => {
  const base = str(1024)(v);
  if (base) return base;
  const p = v as string;
  if (p === '' || p.startsWith('/') || p.startsWith('\\') || /^[A-Za-z]:/.test(p) || p.split(/[\\/]/).includes('..') || p.includes('\0')) {
    return 'must be a path inside the checkout';
  }
  return null;
};

const SCHEMAS: { [N in RequestName]: Record<string, Check> } = {
  'app.info': {},
  'app.recent': {},
  'session.open': { path: optional(str()) },
  'session.snapshot': {},
  'session.setProfile': { profile: str(256) },
  'session.rescan': {},
  'file.read': { path: relPath },
  'file.save': { path: relPath, text: str(8 * 1024 * 1024), baseVersion: str(128), force: optional(bool) },
  'manifest.lint': { path: relPath, text: str(8 * 1024 * 1024) },
  'graph.export': {
    format: oneOf(['mermaid', 'dot']),
    edges: listOf(oneOf(['dependency', 'optional', 'capability', 'event']), 4),
    modules: optional(listOf(str(64), 100_000)),
  },
  'ui.getState': { key: str(256) },
  'ui.setState': { key: str(256), value: anyJson },
  'permissions.catalog': {},
  'permissions.preview': { removeStale: optional(bool) },
  'permissions.apply': { removeStale: optional(bool), baseVersion: (v) => (v === null ? null : str(128)(v)) },
  'changes.refs': {},
  'changes.check': { base: optional(str(256)), fresh: optional(bool) },
  'notes.list': {},
  'notes.create': { kind: oneOf(['architecture', 'migration']), title: str(200), modules: listOf(str(64), 1000), supersedes: optional(str(64)) },
  'migrations.plan': { phase: optional(oneOf(MIGRATION_PHASES)), target: optional(str(64)) },
  'migrations.preflight': { phase: optional(oneOf(MIGRATION_PHASES)), target: optional(str(64)) },
  'migrations.apply': { phase: optional(oneOf(MIGRATION_PHASES)), yes: optional(bool), target: optional(str(64)) },
  'tables.list': {},
  'permissions.summary': {},
  'permissions.rows': pageParams,
  'migrations.summary': { phase: optional(oneOf(MIGRATION_PHASES)), target: optional(str(64)) },
  'migrations.rows': pageParams,
};

export const REQUEST_NAMES = Object.keys(SCHEMAS) as RequestName[];

export function isRequestName(name: unknown): name is RequestName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(SCHEMAS, name);
}

/** Returns a message for the first problem with `params`, or null when they fit the contract. */
export function validateParams(name: RequestName, params: unknown): string | null {
  if (!isObject(params)) return `${name}: parameters must be an object`;
  const schema = SCHEMAS[name];
  for (const key of Object.keys(params)) if (!Object.prototype.hasOwnProperty.call(schema, key)) return `${name}: unknown parameter '${key}'`;
  for (const [key, check] of Object.entries(schema)) {
    const problem = check(params[key]);
    if (problem) return `${name}: '${key}' ${problem}`;
  }
  return null;
}
