import { createRequire } from 'node:module';
import type pg from 'pg';

/**
 * The `pg` driver, loaded when a PostgreSQL target is first opened rather than when the CLI starts:
 * `check`, `graph` and `list` never connect, and requiring pg cost them tens of milliseconds of
 * start-up (issue 16). Same pattern as better-sqlite3 in dev-database.ts.
 */
let loaded: typeof pg | null = null;

export function pgDriver(): typeof pg {
  loaded ??= createRequire(__filename)('pg') as typeof pg;
  return loaded;
}
