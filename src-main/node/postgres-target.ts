import os from 'node:os';
import type pg from 'pg';
import { pgDriver } from './lazy-pg';
import { LedgerError, LockedError, LEDGER_TABLE, type LedgerEntry, type RunOutcome, type StatementToRun } from './dev-database';

/**
 * The PostgreSQL migration target: the ledger `workbench_migrations` in the target database (same
 * columns as SQLite's), an advisory lock against a second apply, each migration in one transaction
 * with its ledger row, and the statements PostgreSQL refuses inside a transaction run alone with the
 * ledger row written after they succeed. Preflight runs every step in one transaction that is rolled
 * back (a savepoint per step). The connection string's password never leaves this file: messages
 * name the target by `redactUrl`.
 */

/** Whether `--db` names a PostgreSQL connection string rather than a SQLite file. */
export function isPostgresUrl(value: string): boolean {
  return /^postgres(ql)?:\/\//i.test(value);
}

/** The URL without its password (and without query parameters, which may carry one: `?password=`). */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    const user = u.username ? `${decodeURIComponent(u.username)}@` : '';
    return `${u.protocol}//${user}${u.host}${u.pathname}`;
  } catch {
    return 'postgres://(a connection string that does not parse as a URL)';
  }
}

/** Every secret a connection string carries: its password, and password-like query parameters. */
function secretsOf(url: string): string[] {
  try {
    const u = new URL(url);
    const out = [u.password, decodeURIComponent(u.password)];
    for (const [k, v] of u.searchParams) if (/pass|secret|key/i.test(k)) out.push(v);
    return out.filter((s) => s.length >= 1);
  } catch {
    return [url];
  }
}

/** A message with every secret of the URL (and the URL itself) taken out. */
export function scrub(message: string, url: string): string {
  let out = message.split(url).join(redactUrl(url));
  for (const s of secretsOf(url)) out = out.split(s).join('***');
  return out;
}

/** Two int4 keys of the advisory lock every `mwb migrate apply` takes on the target database. */
const LOCK_KEYS = [0x6d7762, 0x6d696772] as const; // 'mwb', 'migr'

function describe(err: unknown): string {
  const e = err as { message?: string; code?: string };
  return `${e.message ?? String(err)}${e.code ? ` (${e.code})` : ''}`;
}

/** 1-based line and column in the file of PostgreSQL's error position (1-based, in characters of the statement). */
export function mapPosition(s: StatementToRun, position: number | undefined): { line: number; column: number } {
  if (!position || !Number.isFinite(position) || position < 1) return { line: s.line, column: s.column };
  const before = [...s.text].slice(0, position - 1).join('');
  const nl = before.lastIndexOf('\n');
  if (nl < 0) return { line: s.line, column: s.column + before.length };
  return { line: s.line + before.split('\n').length - 1, column: before.length - nl };
}

export class PostgresTarget {
  private locked = false;
  private scratch = false;

  private constructor(
    private readonly client: pg.Client,
    private readonly url: string,
    readonly display: string,
  ) {}

  /** Connects (LedgerError with the server's reason, password scrubbed, when it cannot). */
  static async connect(url: string, command: string, display = redactUrl(url)): Promise<PostgresTarget> {
    const client = new (pgDriver().Client)({ connectionString: url, application_name: `mwb migrate ${command} (pid ${process.pid} on ${os.hostname()})`, connectionTimeoutMillis: 10_000 });
    // A dropped connection must not crash the process: the next query fails and says so.
    client.on('error', () => undefined);
    try {
      await client.connect();
    } catch (err) {
      await client.end().catch(() => undefined);
      throw new LedgerError(`${display} cannot be reached: ${scrub(describe(err), url)}`);
    }
    // PostgreSQL 14+: notice a client that died (kill -9) while a statement runs, and roll its
    // transaction back and drop its lock within a second instead of when the statement ends.
    await client.query("SET client_connection_check_interval = '1s'").catch(() => undefined);
    return new PostgresTarget(client, url, display);
  }

  private fail(what: string, err: unknown): LedgerError {
    return new LedgerError(`${this.display}: ${what}: ${scrub(describe(err), this.url)}`);
  }

  /** The ledger rows, or null when there is no ledger table yet. */
  async ledger(): Promise<LedgerEntry[] | null> {
    try {
      const exists = await this.client.query('SELECT to_regclass($1) IS NOT NULL AS present', [LEDGER_TABLE]);
      if (!exists.rows[0].present) return null;
      const cols = await this.client.query("SELECT column_name FROM information_schema.columns WHERE table_name = $1 AND table_schema = ANY (current_schemas(false))", [LEDGER_TABLE]);
      const have = new Set(cols.rows.map((r: { column_name: string }) => r.column_name));
      const missing = ['id', 'module', 'sequence', 'phase', 'checksum', 'applied_at', 'duration_ms'].filter((c) => !have.has(c));
      if (missing.length > 0) throw new LedgerError(`${this.display} has a ${LEDGER_TABLE} table without the column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}; it was not written by Module Workbench`);
      const rows = await this.client.query(`SELECT id, module, sequence, phase, checksum, applied_at, duration_ms FROM ${LEDGER_TABLE} ORDER BY module, sequence, id`);
      return rows.rows.map((r) => ({ id: String(r.id), module: String(r.module), sequence: Number(r.sequence), phase: String(r.phase), checksum: String(r.checksum), appliedAt: String(r.applied_at), durationMs: Number(r.duration_ms) }));
    } catch (err) {
      if (err instanceof LedgerError) throw err;
      throw this.fail('the ledger cannot be read', err);
    }
  }

  async ensureLedger(): Promise<void> {
    try {
      await this.client.query(`CREATE TABLE IF NOT EXISTS ${LEDGER_TABLE} (
        id TEXT PRIMARY KEY,
        module TEXT NOT NULL,
        sequence INTEGER NOT NULL,
        phase TEXT NOT NULL,
        checksum TEXT NOT NULL,
        applied_at TEXT NOT NULL,
        duration_ms INTEGER NOT NULL
      )`);
    } catch (err) {
      throw this.fail(`the ledger table ${LEDGER_TABLE} cannot be created`, err);
    }
  }

  /**
   * Takes the apply lock (a session advisory lock: the server drops it when this connection ends,
   * killed or not), or throws LockedError naming the session that holds it.
   */
  async lock(): Promise<void> {
    const got = await this.client.query('SELECT pg_try_advisory_lock($1, $2) AS ok', [...LOCK_KEYS]);
    if (got.rows[0].ok) {
      this.locked = true;
      return;
    }
    const holder = await this.client.query(
      "SELECT a.pid, a.application_name, a.client_addr::text AS addr, a.backend_start FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid WHERE l.locktype = 'advisory' AND l.granted AND l.classid = $1 AND l.objid = $2 AND l.objsubid = 2",
      [...LOCK_KEYS],
    );
    const h = holder.rows[0] as { pid: number; application_name: string; addr: string | null; backend_start: Date } | undefined;
    const who = h ? `server process ${h.pid}${h.application_name ? `, '${h.application_name}'` : ''}${h.addr ? ` from ${h.addr}` : ''}, connected ${new Date(h.backend_start).toISOString()}` : 'a session that has just ended';
    throw new LockedError(
      { pid: h?.pid ?? 0, host: h?.addr ?? '?', startedAt: h ? new Date(h.backend_start).toISOString() : '?' },
      this.display,
      `${this.display} is locked by another migrate apply (${who}); wait for it to finish. The lock is PostgreSQL's advisory lock, held by that session: it goes when the session ends`,
    );
  }

  /** Preflight: from here on every step runs inside one transaction, rolled back by close(). */
  async beginScratch(): Promise<void> {
    await this.client.query('BEGIN');
    this.scratch = true;
  }

  /**
   * Runs one migration. In a transaction with its ledger row (apply), or in a savepoint of the
   * preflight's transaction. `outside`: a single statement PostgreSQL refuses in a transaction;
   * apply runs it alone and writes the ledger row after it succeeded.
   */
  async run(entry: Omit<LedgerEntry, 'durationMs'>, statements: readonly StatementToRun[], outside = false): Promise<RunOutcome> {
    const started = performance.now();
    const c = this.client;
    let current: StatementToRun = statements[0] ?? { text: '', line: 1, column: 1 };
    const ledgerRow = (durationMs: number) => c.query(`INSERT INTO ${LEDGER_TABLE} (id, module, sequence, phase, checksum, applied_at, duration_ms) VALUES ($1, $2, $3, $4, $5, $6, $7)`, [entry.id, entry.module, entry.sequence, entry.phase, entry.checksum, entry.appliedAt, durationMs]);
    const failure = (err: unknown, rolledBack: boolean): RunOutcome => {
      const e = err as { position?: string };
      const at = mapPosition(current, e.position ? Number(e.position) : undefined);
      return { ok: false, message: scrub(err instanceof Error ? err.message : String(err), this.url), ...at, rolledBack };
    };
    if (outside && !this.scratch) {
      try {
        for (const s of statements) {
          current = s;
          await c.query(s.text);
        }
        const durationMs = Math.round(performance.now() - started);
        await ledgerRow(durationMs);
        return { ok: true, durationMs };
      } catch (err) {
        // Nothing to roll back: a failed CONCURRENTLY build leaves an INVALID index, named in the note.
        return failure(err, false);
      }
    }
    const open = this.scratch ? 'SAVEPOINT mwb_step' : 'BEGIN';
    try {
      await c.query(open);
    } catch (err) {
      return failure(err, true);
    }
    try {
      for (const s of statements) {
        current = s;
        await c.query(s.text);
      }
      const durationMs = Math.round(performance.now() - started);
      await ledgerRow(durationMs);
      current = { text: 'COMMIT', line: current.line, column: current.column };
      await c.query(this.scratch ? 'RELEASE SAVEPOINT mwb_step' : 'COMMIT');
      return { ok: true, durationMs };
    } catch (err) {
      let rolledBack = true;
      try {
        await c.query(this.scratch ? 'ROLLBACK TO SAVEPOINT mwb_step' : 'ROLLBACK');
      } catch {
        rolledBack = false;
      }
      return failure(err, rolledBack);
    }
  }

  /** Rolls a preflight back, releases the lock, disconnects. */
  async close(): Promise<void> {
    try {
      if (this.scratch) await this.client.query('ROLLBACK');
      if (this.locked) await this.client.query('SELECT pg_advisory_unlock($1, $2)', [...LOCK_KEYS]);
    } catch {
      // Ending the session below drops the transaction and the lock anyway.
    }
    await this.client.end().catch(() => undefined);
  }
}
