import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import type { LedgerRow } from '../common/ledger-row';

/**
 * The migration target: a SQLite database (by default `.workbench/dev.sqlite` in the checkout) with
 * the ledger table `workbench_migrations` (SPEC §4). better-sqlite3 is loaded on first use only, so
 * commands that never touch a database start without the native module.
 */
export const DEFAULT_DEV_DB = '.workbench/dev.sqlite';
export const LEDGER_TABLE = 'workbench_migrations';

let nativeBinding: string | undefined;

/** The Electron main process points better-sqlite3 at a build for its own ABI (see node/app-store.ts). */
export function configureSqlite(options: { nativeBinding?: string }): void {
  nativeBinding = options.nativeBinding;
}

type DatabaseCtor = typeof BetterSqlite3;
let ctor: DatabaseCtor | null = null;

function sqlite(): DatabaseCtor {
  ctor ??= createRequire(__filename)('better-sqlite3') as DatabaseCtor;
  return ctor;
}

function open(file: string | Buffer, options: BetterSqlite3.Options): BetterSqlite3.Database {
  const Database = sqlite();
  return new Database(file, nativeBinding ? { ...options, nativeBinding } : options);
}

/** The database cannot be used as a migration target (not SQLite, a malformed ledger ...). */
export class LedgerError extends Error {
  readonly code = 'ledger-unreadable';
}

/** Another apply holds the lock on this database. */
export class LockedError extends Error {
  readonly code = 'locked';
  constructor(
    readonly holder: { pid: number; host: string; startedAt: string },
    file: string,
    message?: string,
  ) {
    super(message ?? `${file} is locked by another migrate apply (pid ${holder.pid}${holder.host !== os.hostname() ? ` on ${holder.host}` : ''}, started ${holder.startedAt}); wait for it to finish, or delete ${file}.lock if that process is gone`);
  }
}

/** A row of the ledger table (common/ledger-row.ts). */
export type LedgerEntry = LedgerRow;

const LEDGER_COLUMNS = ['id', 'module', 'sequence', 'phase', 'checksum', 'applied_at', 'duration_ms'];

function describe(err: unknown): string {
  const e = err as { code?: string; message?: string };
  return `${e.message ?? String(err)}${e.code ? ` (${e.code})` : ''}`;
}

/**
 * Opens an existing database for reading, never creating it. A hot journal left by a process that
 * was killed mid-transaction cannot be rolled back by a read-only connection; SQLite's own recovery
 * (rolling the journal back, as any client does on open) then runs through a read-write one.
 */
export function openExisting(file: string): BetterSqlite3.Database {
  let db: BetterSqlite3.Database;
  try {
    db = open(file, { readonly: true, fileMustExist: true, timeout: 5000 });
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    return db;
  } catch (err) {
    if ((err as { code?: string }).code !== 'SQLITE_READONLY_ROLLBACK') throw new LedgerError(`${file} cannot be read as a SQLite database: ${describe(err)}`);
  }
  try {
    db = open(file, { fileMustExist: true, timeout: 5000 });
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    return db;
  } catch (err) {
    throw new LedgerError(`${file} cannot be recovered after an interrupted write: ${describe(err)}`);
  }
}

/** The ledger rows, or [] when the database has no ledger table yet. */
export function ledgerOf(db: BetterSqlite3.Database, file: string): LedgerEntry[] {
  try {
    const table = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = ?").get(LEDGER_TABLE);
    if (!table) return [];
    const columns = (db.prepare(`PRAGMA table_info(${LEDGER_TABLE})`).all() as { name: string }[]).map((c) => c.name);
    const missing = LEDGER_COLUMNS.filter((c) => !columns.includes(c));
    if (missing.length > 0) throw new LedgerError(`${file} has a ${LEDGER_TABLE} table without the column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}; it was not written by Module Workbench`);
    const rows = db.prepare(`SELECT id, module, sequence, phase, checksum, applied_at AS appliedAt, duration_ms AS durationMs FROM ${LEDGER_TABLE} ORDER BY module, sequence, id`).all() as LedgerEntry[];
    return rows.map((r) => ({ ...r, id: String(r.id), module: String(r.module), sequence: Number(r.sequence), phase: String(r.phase), checksum: String(r.checksum), appliedAt: String(r.appliedAt), durationMs: Number(r.durationMs) }));
  } catch (err) {
    if (err instanceof LedgerError) throw err;
    throw new LedgerError(`${file}: the ledger cannot be read: ${describe(err)}`);
  }
}

/** Reads the ledger of an existing database (read-only). */
export function readLedger(file: string): LedgerEntry[] {
  const db = openExisting(file);
  try {
    return ledgerOf(db, file);
  } finally {
    db.close();
  }
}

export interface StatementToRun {
  text: string;
  line: number;
  column: number;
}

/** `rolledBack`: the database is exactly as before the migration (false only if the rollback itself failed). */
export type RunOutcome = { ok: true; durationMs: number } | { ok: false; message: string; line: number; column: number; rolledBack: boolean };

/**
 * A database migrations run against: the real one (apply) or an in-memory copy (preflight).
 * Each migration runs in one transaction together with its ledger row: it is applied whole or not
 * at all.
 */
export class MigrationTarget {
  private constructor(
    private readonly db: BetterSqlite3.Database,
    readonly file: string,
  ) {
    // Schema objects in the database never run functions with side effects on our behalf.
    db.pragma('trusted_schema = OFF');
  }

  /** The database to apply to, created (with its folder) when it does not exist yet. */
  static openForApply(file: string): MigrationTarget {
    ensureFolder(file);
    let db: BetterSqlite3.Database;
    try {
      db = fs.existsSync(file) ? openExistingForWrite(file) : open(file, { timeout: 10_000 });
    } catch (err) {
      if (err instanceof LedgerError) throw err;
      throw new LedgerError(`${file} cannot be opened: ${describe(err)}`);
    }
    return new MigrationTarget(db, file);
  }

  /** An in-memory copy of the database (empty when it does not exist), thrown away afterwards. */
  static scratchCopy(file: string): MigrationTarget {
    if (!fs.existsSync(file)) return new MigrationTarget(open(':memory:', {}), file);
    const source = openExisting(file);
    let bytes: Buffer;
    try {
      bytes = source.serialize();
    } finally {
      source.close();
    }
    return new MigrationTarget(open(bytes, {}), file);
  }

  ledger(): LedgerEntry[] {
    return ledgerOf(this.db, this.file);
  }

  ensureLedger(): void {
    this.db.exec(`CREATE TABLE IF NOT EXISTS ${LEDGER_TABLE} (
      id TEXT PRIMARY KEY,
      module TEXT NOT NULL,
      sequence INTEGER NOT NULL,
      phase TEXT NOT NULL,
      checksum TEXT NOT NULL,
      applied_at TEXT NOT NULL,
      duration_ms INTEGER NOT NULL
    )`);
  }

  /**
   * Runs one migration's statements and records it in the ledger, in one transaction. Each statement
   * is prepared on its own (better-sqlite3's prepare refuses text holding a second statement), so
   * what runs is exactly the statement the classifier saw. On any error the transaction is rolled
   * back and the failing statement's position comes back.
   */
  run(entry: Omit<LedgerEntry, 'durationMs'>, statements: readonly StatementToRun[]): RunOutcome {
    const db = this.db;
    const started = performance.now();
    let current: StatementToRun = statements[0] ?? { text: '', line: 1, column: 1 };
    try {
      db.exec('BEGIN IMMEDIATE');
    } catch (err) {
      return { ok: false, message: describe(err), line: 1, column: 1, rolledBack: true };
    }
    try {
      for (const s of statements) {
        current = s;
        db.prepare(s.text).run();
        // A statement that ended our transaction would leave later ones unprotected.
        if (!db.inTransaction) throw new TransactionEnded();
      }
      const durationMs = Math.round(performance.now() - started);
      db.prepare(`INSERT INTO ${LEDGER_TABLE} (id, module, sequence, phase, checksum, applied_at, duration_ms) VALUES (?, ?, ?, ?, ?, ?, ?)`).run(entry.id, entry.module, entry.sequence, entry.phase, entry.checksum, entry.appliedAt, durationMs);
      current = { text: 'COMMIT', line: 1, column: 1 };
      db.exec('COMMIT');
      return { ok: true, durationMs };
    } catch (err) {
      let rolledBack = !(err instanceof TransactionEnded);
      if (db.inTransaction) {
        try {
          db.exec('ROLLBACK');
        } catch {
          rolledBack = false;
        }
      }
      const message = err instanceof Error ? err.message : String(err);
      return { ok: false, message, line: current.line, column: current.column, rolledBack };
    }
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

class TransactionEnded extends Error {
  constructor() {
    super('the statement ended the migration transaction (COMMIT, END or ROLLBACK); what ran before it may stay applied');
  }
}

/** Creates the database's folder; a new `.workbench/` folder gets a .gitignore keeping it out of version control. */
function ensureFolder(file: string): void {
  const dir = path.dirname(file);
  if (fs.existsSync(dir)) return;
  fs.mkdirSync(dir, { recursive: true });
  if (path.basename(dir) === '.workbench') fs.writeFileSync(path.join(dir, '.gitignore'), '*\n');
}

function openExistingForWrite(file: string): BetterSqlite3.Database {
  try {
    const db = open(file, { fileMustExist: true, timeout: 10_000 });
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    return db;
  } catch (err) {
    throw new LedgerError(`${file} cannot be opened as a SQLite database: ${describe(err)}`);
  }
}

// -----------------------------------------------------------------------------------------------
// The apply lock: a file next to the database, created atomically (link(2) fails if it exists)
// and holding the owner's pid. A lock whose process is gone (killed, crashed) is stale and taken over.

interface LockInfo {
  pid: number;
  host: string;
  startedAt: string;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readLock(lockFile: string): LockInfo | null {
  try {
    const info = JSON.parse(fs.readFileSync(lockFile, 'utf8')) as Partial<LockInfo>;
    if (typeof info.pid === 'number' && typeof info.host === 'string') return { pid: info.pid, host: info.host, startedAt: String(info.startedAt ?? '?') };
  } catch {
    // Unreadable or half-written: treated as stale below.
  }
  return null;
}

export interface ApplyLock {
  release(): void;
}

/** Takes the exclusive apply lock for `dbFile`, or throws LockedError naming the holder. */
export function acquireApplyLock(dbFile: string, displayName = dbFile): ApplyLock {
  const lockFile = `${dbFile}.lock`;
  ensureFolder(dbFile);
  const me: LockInfo = { pid: process.pid, host: os.hostname(), startedAt: new Date().toISOString() };
  const tmp = `${lockFile}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(me));
  try {
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        fs.linkSync(tmp, lockFile);
        return {
          release: () => {
            const holder = readLock(lockFile);
            if (holder && holder.pid === me.pid && holder.host === me.host) fs.rmSync(lockFile, { force: true });
          },
        };
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      }
      const holder = readLock(lockFile);
      const stale = holder === null ? lockAgeMs(lockFile) > 10_000 : holder.host === me.host && !alive(holder.pid);
      if (!stale) throw new LockedError(holder ?? { pid: 0, host: '?', startedAt: 'just now' }, displayName);
      fs.rmSync(lockFile, { force: true });
    }
    throw new LockedError({ pid: 0, host: '?', startedAt: 'just now' }, displayName);
  } finally {
    fs.rmSync(tmp, { force: true });
  }
}

function lockAgeMs(lockFile: string): number {
  try {
    return Date.now() - fs.statSync(lockFile).mtimeMs;
  } catch {
    return Infinity;
  }
}
