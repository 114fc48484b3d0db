import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

/**
 * A throwaway PostgreSQL server for one test file: `initdb` into a temp folder, `pg_ctl start` on a
 * free loopback port (and a Unix socket in the same folder), password authentication (so the tests
 * can check the password never shows), stopped and deleted by `stop()`. Debian's `postgresql`
 * package provides the binaries (scripts/setup-test-tools.sh installs it when missing). As root,
 * initdb and pg_ctl run as the `postgres` user, which initdb requires.
 */
export const PG_BIN = process.env.MWB_PG_BIN ?? findPgBin();

function findPgBin(): string {
  const base = '/usr/lib/postgresql';
  try {
    const versions = fs.readdirSync(base).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a));
    for (const v of versions) if (fs.existsSync(path.join(base, v, 'bin', 'initdb'))) return path.join(base, v, 'bin');
  } catch {
    // No server installed.
  }
  return '';
}

export const PG_PASSWORD = 's3cret-Pw-do-not-print';

export interface PgServer {
  /** postgres://postgres:PASSWORD@127.0.0.1:PORT/postgres */
  url: (database?: string) => string;
  port: number;
  /** Runs SQL as the superuser and returns the rows. */
  query: <T = Record<string, unknown>>(sql: string, database?: string) => Promise<T[]>;
  /** A fresh, empty database for one test. */
  createDatabase: (name: string) => Promise<string>;
  stop: () => void;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

function asPostgres(args: string[]): string[] {
  return process.getuid?.() === 0 ? ['runuser', '-u', 'postgres', '--', ...args] : args;
}

function run(args: string[]): void {
  const [cmd, ...rest] = asPostgres(args);
  execFileSync(cmd, rest, { stdio: ['ignore', 'pipe', 'pipe'] });
}

const running = new Set<() => void>();
process.once('exit', () => {
  for (const stop of running) stop();
});

export async function startPgServer(): Promise<PgServer> {
  if (!PG_BIN) throw new Error('no PostgreSQL server binaries (apt-get install postgresql, or npm run setup:test-tools)');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mwb-pg-'));
  fs.chmodSync(dir, 0o777);
  const data = path.join(dir, 'data');
  const pwfile = path.join(dir, 'pw');
  fs.writeFileSync(pwfile, PG_PASSWORD, { mode: 0o644 });
  run([path.join(PG_BIN, 'initdb'), '-D', data, '-A', 'scram-sha-256', '-U', 'postgres', `--pwfile=${pwfile}`, '--no-sync', '-E', 'UTF8', '--locale=C']);
  let port = 0;
  for (let attempt = 0; ; attempt++) {
    port = await freePort();
    try {
      run([path.join(PG_BIN, 'pg_ctl'), '-D', data, '-l', path.join(dir, 'log'), '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`, '-w', 'start']);
      break;
    } catch (err) {
      if (attempt >= 3) throw err;
    }
  }
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    running.delete(stop);
    try {
      run([path.join(PG_BIN, 'pg_ctl'), '-D', data, '-m', 'immediate', 'stop']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  };
  running.add(stop);
  const url = (database = 'postgres') => `postgres://postgres:${PG_PASSWORD}@127.0.0.1:${port}/${database}`;
  const query = async <T,>(sql: string, database?: string): Promise<T[]> => {
    const client = new pg.Client({ connectionString: url(database) });
    await client.connect();
    try {
      return (await client.query(sql)).rows as T[];
    } finally {
      await client.end();
    }
  };
  return {
    url,
    port,
    query,
    createDatabase: async (name) => {
      await query(`CREATE DATABASE "${name}"`);
      return url(name);
    },
    stop,
  };
}
