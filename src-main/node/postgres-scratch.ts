import crypto from 'node:crypto';
import os from 'node:os';
import type pg from 'pg';
import { pgDriver } from './lazy-pg';
import { LedgerError } from './dev-database';
import { PostgresTarget, scrub } from './postgres-target';

/**
 * `mwb migrate preflight --scratch-clone` on PostgreSQL: a uniquely named scratch database created
 * from the target with `CREATE DATABASE ... TEMPLATE` (the role needs CREATEDB, and no other session
 * may be connected to the target), the steps run there for real (each migration in its own
 * transaction, the statements PostgreSQL refuses in a transaction run alone, as apply runs them),
 * and the scratch database dropped by close() whatever happened. The target itself is only read by
 * PostgreSQL's copy: its schema and ledger are never written. The statements run on a second
 * connection, to the scratch database; the first (to a maintenance database) creates and drops it.
 */

/** The database a connection string names (PostgreSQL's default: the user's name). */
function databaseOf(url: string): string {
  const u = new URL(url);
  return decodeURIComponent(u.pathname.replace(/^\//, '')) || decodeURIComponent(u.username) || 'postgres';
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${encodeURIComponent(database)}`;
  return u.toString();
}

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** A name no other run picks: mwb_scratch_<time>_<random>, within PostgreSQL's 63 bytes. */
export function scratchName(): string {
  return `mwb_scratch_${Date.now().toString(36)}_${crypto.randomBytes(4).toString('hex')}`;
}

interface PgError {
  message?: string;
  code?: string;
  detail?: string;
}

const PLAIN = 'or run the plain preflight (without --scratch-clone), which runs every step inside one transaction that is rolled back';

/** Connects to a maintenance database of the target's server: `postgres`, else `template1`. */
async function connectAdmin(url: string, display: string): Promise<pg.Client> {
  let last: unknown;
  for (const database of ['postgres', 'template1']) {
    const client = new (pgDriver().Client)({ connectionString: withDatabase(url, database), application_name: `mwb migrate preflight --scratch-clone (pid ${process.pid} on ${os.hostname()})`, connectionTimeoutMillis: 10_000 });
    client.on('error', () => undefined);
    try {
      await client.connect();
      return client;
    } catch (err) {
      last = err;
      await client.end().catch(() => undefined);
    }
  }
  const e = last as PgError;
  throw new LedgerError(`${display}: no scratch clone: the server's maintenance database (postgres or template1) cannot be reached to create it: ${scrub(`${e.message ?? String(last)}${e.code ? ` (${e.code})` : ''}`, url)}; ${PLAIN}`);
}

/** Why CREATE DATABASE ... TEMPLATE failed, in words, with what to do. */
function refusal(err: unknown, display: string, url: string): LedgerError {
  const e = err as PgError;
  const said = scrub(`${e.message ?? String(err)}${e.detail ? ` ${e.detail}` : ''}${e.code ? ` (${e.code})` : ''}`, url);
  if (e.code === '55006') {
    return new LedgerError(`${display} cannot be cloned for a scratch preflight: other sessions are connected to it, and CREATE DATABASE ... TEMPLATE needs the target to itself (PostgreSQL: ${said}). Close those sessions, ${PLAIN}`);
  }
  if (e.code === '42501') {
    return new LedgerError(`${display} cannot be cloned for a scratch preflight: the role has no CREATEDB right (PostgreSQL: ${said}). Grant it (ALTER ROLE ... CREATEDB), ${PLAIN}`);
  }
  return new LedgerError(`${display} cannot be cloned for a scratch preflight (PostgreSQL: ${said}); ${PLAIN}`);
}

export class ScratchClone {
  private constructor(
    private readonly admin: pg.Client,
    private readonly url: string,
    readonly name: string,
    readonly target: PostgresTarget,
    private readonly display: string,
  ) {}

  /** Creates the scratch database and connects to it; LedgerError (saying why, password scrubbed) when it cannot. */
  static async create(url: string, display: string): Promise<ScratchClone> {
    const admin = await connectAdmin(url, display);
    const name = scratchName();
    try {
      await admin.query(`CREATE DATABASE ${quoteIdent(name)} TEMPLATE ${quoteIdent(databaseOf(url))}`);
    } catch (err) {
      await admin.end().catch(() => undefined);
      throw refusal(err, display, url);
    }
    let target: PostgresTarget;
    try {
      target = await PostgresTarget.connect(withDatabase(url, name), 'preflight --scratch-clone', `scratch database ${name} (a clone of ${display})`);
    } catch (err) {
      await dropDatabase(admin, name).catch(() => undefined);
      await admin.end().catch(() => undefined);
      throw err;
    }
    return new ScratchClone(admin, url, name, target, display);
  }

  /** Disconnects from the scratch database and drops it; LedgerError naming it when it is left behind. */
  async close(): Promise<void> {
    await this.target.close();
    try {
      await dropDatabase(this.admin, this.name);
    } catch (err) {
      const e = err as PgError;
      throw new LedgerError(`${this.display}: the scratch database ${this.name} could not be dropped (${scrub(e.message ?? String(err), this.url)}); drop it by hand: DROP DATABASE ${quoteIdent(this.name)}`);
    } finally {
      await this.admin.end().catch(() => undefined);
    }
  }
}

/** DROP DATABASE, ending sessions still on it (PostgreSQL 13+: WITH (FORCE); older: plain). */
async function dropDatabase(admin: pg.Client, name: string): Promise<void> {
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
  } catch (err) {
    if ((err as PgError).code !== '42601') throw err;
    await admin.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)}`);
  }
}
