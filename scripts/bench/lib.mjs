// Shared pieces of the benchmark (run.mjs and its sections): child-process timing with peak
// memory, medians, formatting, the cached generated platforms under .bench/.

import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { GENERATOR_VERSION, MARKER_FILE, generatePlatform } from './generate.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = path.resolve(HERE, '..', '..');
export const BENCH_DIR = path.join(ROOT, '.bench');
export const CLI = path.join(ROOT, 'bin', 'module-workbench.js');
export const FLOOR = path.join(HERE, 'floor.mjs');
const RSS_PRELOAD = path.join(HERE, 'rss.cjs');
const RUN_TIMEOUT_MS = 10 * 60 * 1000;

export class BenchAbort extends Error {}

export const log = (s = '') => process.stdout.write(`${s}\n`);
export const fmt = (x, digits = 1) => (x === null || x === undefined || Number.isNaN(x) ? '-' : x.toFixed(digits));
export const indent = (lines) => lines.map((l) => `  ${l}`);
export const firstLines = (text, n) => {
  const all = text.split('\n');
  return all.length > n ? [...all.slice(0, n), `... (${all.length - n} more lines)`] : all;
};

export function median(values) {
  const v = values.filter((x) => x !== null && x !== undefined);
  if (v.length === 0) return null;
  const s = [...v].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

export const maxOf = (values) => {
  const v = values.filter((x) => x !== null && x !== undefined);
  return v.length ? Math.max(...v) : null;
};

/** A generated platform of `n` modules under .bench/, regenerated when absent, stale or `fresh`. */
export function ensurePlatform(n, { seed = 1, fresh = false } = {}) {
  const dir = path.join(BENCH_DIR, `platform-${n}`);
  let reason = fresh ? '--fresh' : null;
  if (!reason) {
    try {
      const marker = JSON.parse(readFileSync(path.join(dir, MARKER_FILE), 'utf8'));
      if (marker.version !== GENERATOR_VERSION) reason = `generator v${marker.version} -> v${GENERATOR_VERSION}`;
      else if (marker.n !== n || String(marker.seed) !== String(seed)) reason = 'other size or seed';
    } catch {
      reason = existsSync(dir) ? 'no marker' : 'absent';
    }
  }
  if (reason) {
    const t0 = performance.now();
    const res = generatePlatform(dir, n, { seed });
    log(`  generated ${path.relative(ROOT, dir)} (${reason}): ${n} modules, ${res.files} files in ${fmt(performance.now() - t0, 0)} ms`);
  }
  return dir;
}

/**
 * Runs a command once (`node -r rss.cjs ...argv` when `argv[0]` is a script; `{ cmd, args }` for
 * anything else) and returns its wall time from spawn to exit and, for node, its peak RSS.
 */
export function runNode(argv, { captureStdout = false, cwd = ROOT, env = {} } = {}) {
  const rssFile = path.join(BENCH_DIR, `rss-${process.pid}.tmp`);
  rmSync(rssFile, { force: true });
  const t0 = performance.now();
  const res = spawnSync(process.execPath, ['-r', RSS_PRELOAD, ...argv], {
    cwd,
    env: { ...process.env, ...env, BENCH_RSS_FILE: rssFile },
    stdio: ['ignore', captureStdout ? 'pipe' : 'ignore', 'pipe'],
    encoding: 'utf8',
    maxBuffer: 1024 * 1024 * 1024,
    timeout: RUN_TIMEOUT_MS,
  });
  const ms = performance.now() - t0;
  let rssKiB = null;
  try {
    // One line per process that ran the preload (worker threads may add lines); keep the peak.
    const values = readFileSync(rssFile, 'utf8').split('\n').filter(Boolean).map(Number);
    if (values.length) rssKiB = Math.max(...values);
  } catch {
    // No file: the process died before its exit handler ran.
  }
  rmSync(rssFile, { force: true });
  return { argv, ms, rssMB: rssKiB === null ? null : rssKiB / 1024, status: res.status, signal: res.signal, error: res.error, stdout: res.stdout ?? '', stderr: res.stderr ?? '' };
}

export function commandLine(argv) {
  return ['node', ...argv.map((a) => (path.isAbsolute(a) ? path.relative(ROOT, a) || '.' : a))].join(' ');
}

/** Throws a BenchAbort saying what failed unless the run exited with one of `okCodes`. */
export function assertOk(run, okCodes, what, explain) {
  if (!run.error && run.signal === null && okCodes.includes(run.status)) return;
  const lines = [`${what} failed: ${commandLine(run.argv)}`, run.error ? `  error: ${run.error.message}` : run.signal ? `  killed by ${run.signal}` : `  exit code ${run.status}`];
  const stderr = run.stderr.trimEnd();
  if (stderr) lines.push('  stderr:', ...indent(firstLines(stderr, 40)));
  if (explain) lines.push(...explain(run));
  throw new BenchAbort(lines.join('\n'));
}

/**
 * Runs each command `runs` times after `warmup` untimed runs, interleaved (a, b, c, a, b, c, ...)
 * so that drift (other load on a shared machine) hits them alike. Returns per command the median
 * wall time, the peak RSS and the single times.
 */
export function interleaved(commands, { runs, warmup }) {
  const out = commands.map(() => ({ times: [], rss: [] }));
  for (let r = 0; r < warmup + runs; r++) {
    commands.forEach((c, i) => {
      const run = runNode(c.argv, { env: c.env, cwd: c.cwd });
      assertOk(run, c.okCodes ?? [0], c.what);
      if (r >= warmup) {
        out[i].times.push(run.ms);
        out[i].rss.push(run.rssMB);
      }
    });
    process.stdout.write('.');
  }
  process.stdout.write('\n');
  return out.map((o) => ({ medianMs: median(o.times), peakRssMB: maxOf(o.rss), timesMs: o.times.map((t) => Number(t.toFixed(0))) }));
}

export function machineInfo() {
  const cpus = os.cpus();
  let commit = null;
  const git = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' });
  if (git.status === 0) commit = git.stdout.trim();
  return {
    node: process.version,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    cpus: cpus.length,
    cpuModel: cpus[0]?.model?.trim() ?? 'unknown',
    totalMemMB: Math.round(os.totalmem() / 1024 / 1024),
    loadavg: os.loadavg().map((x) => Number(x.toFixed(2))),
    commit,
  };
}
