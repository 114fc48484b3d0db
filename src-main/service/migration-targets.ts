import path from 'node:path';
import type { MigrationPhase, MigrationTargetChoice } from '../common/contract-migrations';
import type { PlatformInfo } from '../common/model';
import { DEFAULT_DEV_DB } from '../node/dev-database';
import { isPostgresUrl, PostgresTarget, redactUrl } from '../node/postgres-target';
import type { AnalysisContext } from './analysis';
import { computePlan, databaseInfo, defaultDatabase, forDialect, planCheckout, readMigrationSet, type DatabaseChoice, type PlanResult } from './migrations';

/**
 * Which database `mwb migrate` and the Migrations view run against: the SQLite dev database
 * (default), a SQLite file (`--db PATH`), a PostgreSQL URL (`--db postgres://...`), or a connection
 * named in platform.yaml (`database.connections.<name>.env`), whose connection string is read from
 * the environment when it is used and never stored.
 */

/** A target that cannot be used as asked (an unset environment variable ...): a usage error. */
export class TargetError extends Error {
  readonly code = 'target-unavailable';
}

/** The connection string of a named connection, from the environment; TargetError when it is not set. */
function connectionUrl(platform: PlatformInfo, name: string, env: NodeJS.ProcessEnv): string {
  const c = platform.connections?.find((x) => x.name === name);
  if (!c) throw new TargetError(`platform.yaml names no database connection '${name}'${platform.connections?.length ? ` (connections: ${platform.connections.map((x) => x.name).join(', ')})` : ''}`);
  const url = env[c.env];
  if (!url) throw new TargetError(`connection '${name}' reads its connection string from the environment variable ${c.env}, which is not set`);
  if (!isPostgresUrl(url)) throw new TargetError(`connection '${name}': ${c.env} does not hold a postgres:// connection string`);
  return url;
}

/**
 * The target `--db` names. `option` undefined or `dev`: the dev database. A name of
 * platform.yaml's connections, a postgres:// URL, or else a SQLite path relative to `cwd`.
 */
export function resolveDatabase(root: string, platform: PlatformInfo, option: string | undefined, cwd: string, env: NodeJS.ProcessEnv = process.env): DatabaseChoice {
  if (option === undefined || option === 'dev') return defaultDatabase(root);
  if (isPostgresUrl(option)) return { file: '', display: redactUrl(option), postgres: { url: option } };
  if (platform.connections?.some((c) => c.name === option)) {
    const url = connectionUrl(platform, option, env);
    return { file: '', display: `${option} (${redactUrl(url)})`, postgres: { url } };
  }
  return { file: path.resolve(cwd, option), display: option };
}

/** The targets the Migrations view offers: the dev database, then each named connection. */
export function targetChoices(platform: PlatformInfo, env: NodeJS.ProcessEnv = process.env): MigrationTargetChoice[] {
  const out: MigrationTargetChoice[] = [{ id: 'dev', dialect: 'sqlite', label: DEFAULT_DEV_DB }];
  for (const c of platform.connections ?? []) {
    const choice: MigrationTargetChoice = { id: c.name, dialect: 'postgres', label: `${c.name}: PostgreSQL from $${c.env}` };
    try {
      choice.label = `${c.name}: ${redactUrl(connectionUrl(platform, c.name, env))} (from $${c.env})`;
    } catch (err) {
      choice.unavailable = (err as Error).message;
    }
    out.push(choice);
  }
  return out;
}

/** `migrate plan` on any target: PostgreSQL's ledger is read over a connection that writes nothing. */
export async function planDatabase(ctx: AnalysisContext, db: DatabaseChoice, phase?: MigrationPhase): Promise<PlanResult> {
  if (!db.postgres) return planCheckout(ctx, db, phase);
  const set = forDialect(readMigrationSet(ctx), 'postgres');
  const target = await PostgresTarget.connect(db.postgres.url, 'plan', db.display);
  let rows;
  try {
    rows = (await target.ledger()) ?? [];
  } finally {
    await target.close();
  }
  const ledger = { exists: true, rows };
  return { plan: computePlan(ctx, set, ledger, db, phase), database: databaseInfo(db, true), set };
}

