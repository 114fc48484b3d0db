import fs from 'node:fs';
import path from 'node:path';
import type { SqlDialect } from '../common/contract-migrations';
import type { Diagnostic } from '../common/diagnostic';
import type { ParsedManifest } from '../engine/manifest';
import { finding } from '../engine/migrations/finding';
import { analyzeMigrationFile, parseHeaders, parseMigrationName, type HeaderWaiver, type MigrationFile, type MigrationName } from '../engine/migrations/migration-file';
import type { PlannedFile } from '../engine/migrations/plan';
import { languageOfFile, sqlFragments, unscopedQueries, type TenantQueryContext } from '../engine/migrations/tenant-queries';
import type { Registry } from '../engine/registry';
import { staysInside } from '../engine/stays-inside';
import { sha256 } from '../node/atomic-write';
import { isCleanRelative } from '../node/checkout-path';
import type { TextRead } from '../node/text-file';
import type { DirEntry } from './checkout-reader';

/**
 * One module's share of the migration planner's reading: its migrations folder listed, each SQL
 * file read and classified, and (tenancy: scoped) the SQL in its sources linted. A pure function of
 * the files it reads, so a scan worker can do it beside the manifest (service/scan-pool.ts) and the
 * planner takes the result as if it had read the files itself (migrations.ts, readMigrationSet).
 */

/** Source folders never searched for SQL. */
const SKIP_DIRS = new Set(['node_modules', 'vendor', 'dist', 'build', 'out', '__pycache__', 'target']);
const MAX_SOURCE_DEPTH = 8;
const MAX_SOURCE_FILES = 5000;

export interface ModuleMigrations {
  module: string;
  /** Checkout-relative migrations folder. */
  dir: string;
  scoped: boolean;
}

/** What one module's migrations folder (and scoped sources) gave, in reading order. */
export interface MigrationPart {
  files: PlannedFile[];
  diagnostics: Diagnostic[];
  waivers: [string, HeaderWaiver[]][];
  moduleOfFile: [string, string][];
}

/** What the migration scan reads through: a CheckoutFiles, or one that holds reads another thread made (scan-split.ts). */
export interface MigrationReader {
  readonly root: string;
  /** Set when its reads are made for this scan alone (another thread's): nothing is cached by them. */
  readonly fresh?: boolean;
  list(rel: string): DirEntry[] | null;
  read(rel: string): TextRead;
}

interface CachedFile {
  key: string;
  result: PlannedFile;
}

/** Classified files, by the (cached, immutable) read they came from: a re-check re-classifies only edited files. */
const fileCache = new WeakMap<TextRead, CachedFile>();

/** Line endings do not change a migration: git's autocrlf must not look like drift. */
export function migrationChecksum(text: string): string {
  return sha256(text.includes('\r') ? text.replace(/\r\n/g, '\n') : text);
}

/** The migrations folder of a named module, unless the manifest points it out of the module (path-outside-module says why). */
/** Per parsed manifest (what it says of its migrations depends on it alone): a re-check after one edit works it out for that one. */
const migrationsOf = new WeakMap<ParsedManifest, ModuleMigrations | null>();

/** A folder name with nothing to normalize: no separator, not `.` or `..`, no drive letter. */
const PLAIN_NAME = /^[A-Za-z0-9_-][A-Za-z0-9_.-]*$/;

export function moduleMigrationsOf(m: ParsedManifest): ModuleMigrations | null {
  const known = migrationsOf.get(m);
  if (known !== undefined) return known;
  let mod: ModuleMigrations | null = null;
  const mig = m.manifest.migrations;
  // The usual case (a plain folder name in a clean module folder) needs no normalizing: the same path.
  if (PLAIN_NAME.test(mig) && isCleanRelative(m.dir) && !m.dir.includes('\\')) mod = { module: m.name, dir: `${m.dir}/${mig}`, scoped: m.manifest.tenancy === 'scoped' };
  else if (staysInside(mig)) {
    const dir = path.posix.normalize(`${m.dir}/${m.manifest.migrations}`).replace(/\/$/, '');
    mod = { module: m.name, dir, scoped: m.manifest.tenancy === 'scoped' };
  }
  migrationsOf.set(m, mod);
  return mod;
}

export function modulesWithMigrations(registry: Registry): ModuleMigrations[] {
  const out: ModuleMigrations[] = [];
  for (const name of registry.order) {
    const m = registry.byName.get(name);
    const mod = m ? moduleMigrationsOf(m) : null;
    if (mod) out.push(mod);
  }
  return out;
}

/** Everything a part depends on besides the files: a part computed for another key is not reused. */
export function migrationPartKey(mod: ModuleMigrations, moduleDir: string, tenantColumn: string, dialect: SqlDialect = 'sqlite'): string {
  return `${mod.module}\t${mod.dir}\t${mod.scoped}\t${moduleDir}\t${tenantColumn}\t${dialect}`;
}

/** The read's reason, worded for a migration (the shared reader speaks of YAML inputs). */
function unreadableReason(message: string): string {
  return message.replace(/ limit for YAML inputs; refused without parsing$/, ' limit for migration files; not read, not run').replace(/ limit for YAML inputs$/, ' limit for migration files');
}

/**
 * Why a path is not a regular file that may be opened (a FIFO would block the reader for good), or
 * null (a regular file, a folder, or gone: the read says so).
 */
function specialFile(abs: string): string | null {
  let st: fs.Stats;
  try {
    st = fs.statSync(abs);
  } catch {
    return null;
  }
  if (st.isFile() || st.isDirectory()) return null;
  const what = st.isFIFO() ? 'a named pipe (FIFO)' : st.isSocket() ? 'a socket' : 'a device';
  return `is ${what}, not a regular file; not opened`;
}

/**
 * A migration that cannot be read keeps its place in the plan, as a step that is blocked: nothing
 * of its module after it runs (its checksum is empty: it can never match a ledger row).
 */
function unreadableFile(mod: ModuleMigrations, rel: string, name: MigrationName, reason: string): PlannedFile {
  return { file: rel, module: mod.module, name, headers: { depends: [], waivers: [], problems: [], misplaced: [] }, statements: [], diagnostics: [], blockers: [], unreadable: reason, checksum: '' };
}

/**
 * The classified file with its checksum, keys in the order `{ ...analyzed, checksum }` gave them.
 * Written out: that spread gave each of the 15,000 files of a large platform a hidden class of its
 * own (V8's object clone of an object built with a conditional spread), which made every read of
 * them in the analyses megamorphic and put 15,000 maps in the heap (issue 16).
 */
function plannedFile(a: MigrationFile, checksum: string): PlannedFile {
  const { file, module, name, headers, statements, diagnostics, blockers, dialect } = a;
  return dialect === undefined
    ? { file, module, name, headers, statements, diagnostics, blockers, checksum }
    : { file, module, name, headers, statements, diagnostics, blockers, dialect, checksum };
}

function analyzeFile(files: MigrationReader, mod: ModuleMigrations, rel: string, entry: DirEntry, tenantColumn: string, dialect: SqlDialect, out: MigrationPart): void {
  const fileName = entry.name;
  const isDir = entry.dir;
  const parsed = parseMigrationName(fileName, mod.module);
  const at = { module: mod.module, file: rel, line: 1, column: 1 };
  // A regular file in the listing needs no stat of its own (the read refuses whatever replaced it since, in the same words).
  const special = isDir || entry.file ? null : specialFile(path.join(files.root, rel));
  const read: TextRead = isDir ? { ok: false, missing: false, message: 'is a folder, not a file' } : special ? { ok: false, missing: false, message: special } : files.read(rel);
  if ('problem' in parsed) {
    out.diagnostics.push(finding('migration-name-invalid', parsed.problem, at));
    // A header may still waive it (the file stays out of the plan: it has no id).
    const waivers = read.ok ? parseHeaders(read.text).waivers : [];
    if (waivers.length > 0) out.waivers.push([rel, waivers]);
    out.moduleOfFile.push([rel, mod.module]);
    return;
  }
  if (!read.ok) {
    const reason = `${rel} ${unreadableReason(read.message)}`;
    out.diagnostics.push(finding('migration-unreadable', `${reason}; nothing of '${mod.module}' after it runs until it can be read`, { ...at, line: read.line ?? 1, column: read.column ?? 1 }));
    out.files.push(unreadableFile(mod, rel, parsed.name, reason));
    out.moduleOfFile.push([rel, mod.module]);
    return;
  }
  const key = `${mod.module}\n${mod.scoped}\n${tenantColumn}\n${dialect}\n${rel}`;
  let cached = files.fresh ? undefined : fileCache.get(read);
  if (!cached || cached.key !== key) {
    const analyzed = analyzeMigrationFile({ module: mod.module, file: rel, scoped: mod.scoped, tenantColumn, dialect }, parsed.name, read.text);
    cached = { key, result: plannedFile(analyzed, migrationChecksum(read.text)) };
    if (!files.fresh) fileCache.set(read, cached);
  }
  const f = cached.result;
  out.files.push(f);
  out.diagnostics.push(...f.diagnostics);
  if (f.headers.waivers.length > 0) out.waivers.push([rel, f.headers.waivers]);
  out.moduleOfFile.push([rel, mod.module]);
}

/** Source files of a module (besides its migrations folder `skip`) that may hold SQL, module-relative walk. */
export function sourceFiles(files: MigrationReader, moduleDir: string, skip: string): string[] {
  const out: string[] = [];
  const stack: { dir: string; depth: number }[] = [{ dir: moduleDir, depth: 0 }];
  while (stack.length > 0 && out.length < MAX_SOURCE_FILES) {
    const { dir, depth } = stack.pop() as { dir: string; depth: number };
    const entries = files.list(dir);
    if (!entries) continue;
    for (const e of entries) {
      const rel = `${dir}/${e.name}`;
      if (e.dir) {
        if (rel !== skip && depth < MAX_SOURCE_DEPTH && !e.name.startsWith('.') && !SKIP_DIRS.has(e.name)) stack.push({ dir: rel, depth: depth + 1 });
      } else if (languageOfFile(e.name) !== null) out.push(rel);
    }
  }
  return out.sort();
}

/** tenant-query-unscoped for one scoped module: its migrations' DML and the SQL in its sources. */
function tenantQueries(files: MigrationReader, moduleDir: string, mod: ModuleMigrations, own: readonly PlannedFile[], tenantColumn: string, sources?: readonly string[]): Diagnostic[] {
  const tables = new Set<string>();
  for (const f of own) {
    for (const { classified } of f.statements) {
      if (classified.columns !== undefined && classified.table && !classified.temporary) tables.add(classified.table);
      if (classified.renamedTo) tables.add(classified.renamedTo);
    }
  }
  if (tables.size === 0) return [];
  const out: Diagnostic[] = [];
  const base = { module: mod.module, tables, tenantColumn };
  for (const f of own) {
    const ctx: TenantQueryContext = { ...base, file: f.file };
    const queries = f.statements.flatMap((s) => (s.query ? [s.query] : []));
    if (queries.length > 0) out.push(...unscopedQueries(ctx, { sql: '', line: 1, column: 1 }, queries));
  }
  for (const rel of sources ?? sourceFiles(files, moduleDir, mod.dir)) {
    const lang = languageOfFile(rel);
    const read = files.read(rel);
    if (!lang || !read.ok) continue; // too large or not text: not source code worth linting
    for (const fragment of sqlFragments(read.text, lang)) out.push(...unscopedQueries({ ...base, file: rel }, fragment));
  }
  return out;
}

/** A migrations folder's entry the scan looks at (a file, or whatever else is named like one). */
export function isSqlEntry(e: DirEntry): boolean {
  return e.name.toLowerCase().endsWith('.sql');
}

/**
 * Reads and checks one module's migrations (`moduleDir`: the module folder, for its scoped
 * sources; `sources`: those sources when another reader has listed them, sourceFiles's answer).
 */
export function scanModuleMigrations(files: MigrationReader, mod: ModuleMigrations, moduleDir: string, tenantColumn: string, dialect: SqlDialect = 'sqlite', sources?: readonly string[]): MigrationPart {
  const part: MigrationPart = { files: [], diagnostics: [], waivers: [], moduleOfFile: [] };
  const entries = files.list(mod.dir);
  if (!entries) return part;
  for (const e of entries) {
    if (!isSqlEntry(e)) continue;
    // A folder named like a migration is reported (and holds its sequence), never skipped in silence.
    if (e.dir && 'problem' in parseMigrationName(e.name, mod.module)) continue;
    analyzeFile(files, mod, `${mod.dir}/${e.name}`, e, tenantColumn, dialect, part);
  }
  if (mod.scoped) part.diagnostics.push(...tenantQueries(files, moduleDir, mod, part.files, tenantColumn, sources));
  return part;
}
