#!/usr/bin/env node
// Plan and preflight of 15,000 migrations (5,000 generated modules x 3 phases) against a real
// PostgreSQL server that this script starts in a temp folder and stops at the end.
//
//   node scripts/bench/postgres.mjs [--modules 5000]
//
// Needs PostgreSQL's server binaries (Debian's postgresql package; MWB_PG_BIN to point elsewhere)
// and the built CLI (`npm run build`). Without binaries it says so and exits 0. The generated SQL
// is SQLite's; the one SQLite-only default (datetime('now')) is rewritten for PostgreSQL.

import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generatePlatform } from './generate.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..', '..');
const CLI = path.join(ROOT, 'bin', 'module-workbench.js');

function pgBin() {
  if (process.env.MWB_PG_BIN) return process.env.MWB_PG_BIN;
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return null;
  const versions = readdirSync(base).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a));
  for (const v of versions) if (existsSync(path.join(base, v, 'bin', 'initdb'))) return path.join(base, v, 'bin');
  return null;
}

const asPostgres = (args) => (process.getuid?.() === 0 ? ['runuser', '-u', 'postgres', '--', ...args] : args);
const run = (args) => {
  const [cmd, ...rest] = asPostgres(args);
  execFileSync(cmd, rest, { stdio: ['ignore', 'pipe', 'pipe'] });
};

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

function timeCli(label, args) {
  const started = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', maxBuffer: 512 * 1024 * 1024, env: { ...process.env, NO_COLOR: '1' } });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  let summary = '';
  try {
    const out = JSON.parse(r.stdout);
    const outcomes = {};
    for (const s of out.steps) outcomes[s.outcome ?? s.status] = (outcomes[s.outcome ?? s.status] ?? 0) + 1;
    summary = `${out.steps.length} steps ${JSON.stringify(outcomes)}`;
  } catch {
    summary = `exit ${r.status}: ${(r.stderr || r.stdout).slice(0, 300)}`;
  }
  console.log(`${label.padEnd(22)} ${seconds.toFixed(2).padStart(8)} s   ${summary}`);
  return r.status;
}

async function main() {
  const i = process.argv.indexOf('--modules');
  const modules = i >= 0 ? Number(process.argv[i + 1]) : 5000;
  const bin = pgBin();
  if (!bin) {
    console.log('postgres bench: skipped (no PostgreSQL server binaries; apt-get install postgresql, or set MWB_PG_BIN)');
    return;
  }
  if (!existsSync(path.join(ROOT, 'out'))) {
    console.log('postgres bench: skipped (run npm run build first)');
    return;
  }
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'mwb-bench-pg-'));
  chmodSync(tmp, 0o777);
  const data = path.join(tmp, 'data');
  const platform = path.join(tmp, 'platform');
  let started = false;
  try {
    generatePlatform(platform, modules);
    let files = 0;
    for (const m of readdirSync(path.join(platform, 'modules'))) {
      const dir = path.join(platform, 'modules', m, 'migrations');
      for (const f of readdirSync(dir)) {
        const p = path.join(dir, f);
        writeFileSync(p, readFileSync(p, 'utf8').replace("DEFAULT (datetime('now'))", 'DEFAULT (CURRENT_TIMESTAMP)'));
        files++;
      }
    }
    const pw = path.join(tmp, 'pw');
    writeFileSync(pw, 'bench', { mode: 0o644 });
    run([path.join(bin, 'initdb'), '-D', data, '-A', 'scram-sha-256', '-U', 'postgres', `--pwfile=${pw}`, '--no-sync', '-E', 'UTF8', '--locale=C']);
    const port = await freePort();
    // Preflight runs every step in one transaction: thousands of new tables need lock slots.
    run([path.join(bin, 'pg_ctl'), '-D', data, '-l', path.join(tmp, 'log'), '-o', `-p ${port} -k ${tmp} -c listen_addresses=127.0.0.1 -c fsync=off -c max_locks_per_transaction=4096`, '-w', 'start']);
    started = true;
    const url = `postgres://postgres:bench@127.0.0.1:${port}/postgres`;
    console.log(`postgres bench: ${files} migrations in ${modules} modules, PostgreSQL at 127.0.0.1:${port}`);
    timeCli('migrate plan', ['migrate', 'plan', platform, '--db', url, '--format', 'json']);
    timeCli('migrate preflight', ['migrate', 'preflight', platform, '--db', url, '--format', 'json']);
  } finally {
    if (started) {
      try {
        run([path.join(bin, 'pg_ctl'), '-D', data, '-m', 'immediate', 'stop']);
      } catch {
        // Already gone.
      }
    }
    rmSync(tmp, { recursive: true, force: true });
  }
}

await main();
