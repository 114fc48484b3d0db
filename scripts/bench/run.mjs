#!/usr/bin/env node
// `npm run bench`: times each scenario against a "floor" process on generated
// platforms and checks the targets (time ratio to the floor, peak memory).
//
//   node scripts/bench/run.mjs [--sizes 1000,5000] [--runs 5] [--warmup 1]
//                              [--scenarios check,...] [--seed S] [--fresh]
//
// Every measurement is a separate child process, `node -r scripts/bench/rss.cjs ...`;
// floor and scenario runs alternate so drift (thermal, other load) hits both alike.
// Platforms are cached under .bench/platform-<n>/ and regenerated when absent,
// stale (other generator version or seed) or when --fresh is given.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { GENERATOR_VERSION, MARKER_FILE, generatePlatform } from './generate.mjs';
import { drupalCheckScenario } from './drupal-site.mjs';
import { hasBrowser, measureGraphRender } from './graph-render.mjs';
import { measureIncremental } from './incremental.mjs';
import { viewSwitchScenario } from './view-switch.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..', '..');
const BENCH_DIR = path.join(ROOT, '.bench');
const CLI = path.join(ROOT, 'bin', 'module-workbench.js');
const RSS_PRELOAD = path.join(HERE, 'rss.cjs');
const FLOOR = path.join(HERE, 'floor.mjs');
const RUN_TIMEOUT_MS = 10 * 60 * 1000;

/** Targets every scenario is held to unless it sets its own. */
const DEFAULT_TARGETS = { ratio: 1.5, rssMB: 500 };

/** The least any checker must do: read and parse every manifest. */
const parseFloor = (dir) => [FLOOR, dir];

/**
 * Scenarios. Each one:
 *   name            column label and key in results.json
 *   command(dir)    argv after `node -r rss.cjs` (script first), run with cwd = repo root
 *   floorCommand?   argv of the floor it is compared with; none = time and memory only
 *   okExitCodes?    exit codes that count as success (default [0])
 *   requires?       files that must exist (e.g. the built CLI)
 *   targets?        { ratio, rssMB }, defaults above
 *   inspect?(dir, stdout)  after the first warm-up run (stdout captured): returns lines to print
 *   explain?(dir, run)     on failure: returns lines explaining it (run = the failed run)
 * `migrate-plan` is held to 2x the time of `check` alone (its floor is `check`).
 */
const SCENARIOS = [
  {
    name: 'check',
    command: (dir) => [CLI, 'check', dir, '--format', 'json'],
    floorCommand: parseFloor,
    floorName: 'read+parse',
    requires: [CLI],
    inspect: inspectCheckJson,
    explain: explainCheckFailure,
  },
  {
    name: 'migrate-plan',
    command: (dir) => [CLI, 'migrate', 'plan', dir, '--format', 'json'],
    floorCommand: (dir) => [CLI, 'check', dir, '--format', 'json'],
    floorName: 'check',
    requires: [CLI],
    targets: { ratio: 2 },
    inspect: inspectPlanJson,
  },
];

/**
 * Scenarios inside a long-running process (not whole-process timings): each runs once per size in
 * `sizes` and returns a figure with its own target.
 */
const LIVE_SCENARIOS = [
  viewSwitchScenario({ cli: CLI }),
  drupalCheckScenario({ cli: CLI, benchDir: BENCH_DIR, runNode, median: (v) => median(v), maxOf: (v) => maxOf(v), fmt: (x, d) => fmt(x, d) }),
  {
    name: 'graph-render',
    sizes: [2000],
    requires: [CLI],
    describe: 'the Graph view in Chromium: first laid-out render, longest main-thread task, p95 frame time while panning',
    skip: () => (hasBrowser() ? null : 'Chromium is not installed (npm run setup:test-tools)'),
    run: async (dir) => {
      const r = await measureGraphRender(CLI, dir);
      return {
        figure: `first render ${fmt(r.firstRenderMs, 0)} ms; layered layout done ${fmt(r.laidOutMs, 0)} ms; longest main-thread task ${fmt(r.longestTaskMs, 0)} ms; ${r.renderedNodes} nodes in the DOM (only visible ones are rendered); ${r.frames} frames while panning`,
        value: r.p95FrameMs,
        target: 16.7,
        formatted: `p95 frame time while panning ${fmt(r.p95FrameMs, 1)} ms`,
        unit: 'ms',
        raw: r,
      };
    },
  },
  {
    name: 'incremental',
    sizes: [5000],
    requires: [CLI],
    describe: 'incremental re-check after one manifest edit, as a fraction of the full scan (mwb serve)',
    run: async (dir) => {
      const r = await measureIncremental(CLI, dir);
      return {
        figure: `full scan ${fmt(r.fullMs, 0)} ms; re-check median ${fmt(r.medianMs, 0)} ms (runs ${r.incrementalMs.map((x) => fmt(x, 0)).join(', ')}); manifests parsed per edit ${[...new Set(r.parsedPerEdit)].join('/')}`,
        value: r.fraction,
        target: 0.05,
        formatted: `${fmt(100 * r.fraction, 1)}% of a full scan`,
        raw: r,
      };
    },
  },
];

// ---------------------------------------------------------------------------

function usage(message) {
  if (message) process.stderr.write(`bench: ${message}\n`);
  process.stderr.write(
    'usage: node scripts/bench/run.mjs [--sizes 1000,5000] [--runs 5] [--warmup 1] ' +
      `[--scenarios ${SCENARIOS.map((s) => s.name).join(',')}] [--seed S] [--fresh]\n`,
  );
  process.exit(2);
}

function parseArgs(argv) {
  const opts = { sizes: [1000, 5000], runs: 5, warmup: 1, seed: 1, fresh: false, scenarios: [...SCENARIOS, ...LIVE_SCENARIOS].map((s) => s.name) };
  for (let i = 0; i < argv.length; i++) {
    let arg = argv[i];
    let value;
    const eq = arg.indexOf('=');
    if (arg.startsWith('--') && eq > 0) {
      value = arg.slice(eq + 1);
      arg = arg.slice(0, eq);
    }
    const next = () => {
      if (value === undefined) value = argv[++i];
      if (value === undefined) usage(`${arg} needs a value`);
      return value;
    };
    const positiveInt = (v, min) => {
      const x = Number(v);
      if (!Number.isInteger(x) || x < min) usage(`${arg}: expected an integer >= ${min}, got "${v}"`);
      return x;
    };
    switch (arg) {
      case '--sizes':
        opts.sizes = next().split(',').filter(Boolean).map((v) => positiveInt(v, 1));
        break;
      case '--runs':
        opts.runs = positiveInt(next(), 1);
        break;
      case '--warmup':
        opts.warmup = positiveInt(next(), 0);
        break;
      case '--seed': {
        const v = next();
        opts.seed = /^\d+$/.test(v) ? Number(v) : v;
        break;
      }
      case '--scenarios':
        opts.scenarios = next().split(',').filter(Boolean);
        for (const s of opts.scenarios) if (![...SCENARIOS, ...LIVE_SCENARIOS].some((x) => x.name === s)) usage(`unknown scenario "${s}"`);
        break;
      case '--fresh':
        opts.fresh = true;
        break;
      case '-h':
      case '--help':
        usage();
        break;
      default:
        usage(`unknown argument "${argv[i]}"`);
    }
  }
  if (opts.sizes.length === 0) usage('--sizes is empty');
  return opts;
}

// ---------------------------------------------------------------------------

class BenchAbort extends Error {}

function ensurePlatform(n, { seed, fresh }) {
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
  } else {
    log(`  using cached ${path.relative(ROOT, dir)}`);
  }
  return dir;
}

/** Run `node -r rss.cjs ...argv` once; wall time from spawn to exit. */
function runNode(argv, { captureStdout = false } = {}) {
  const rssFile = path.join(BENCH_DIR, `rss-${process.pid}.tmp`);
  rmSync(rssFile, { force: true });
  const t0 = performance.now();
  const res = spawnSync(process.execPath, ['-r', RSS_PRELOAD, ...argv], {
    cwd: ROOT,
    env: { ...process.env, BENCH_RSS_FILE: rssFile },
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
  return {
    argv,
    ms,
    rssMB: rssKiB === null ? null : rssKiB / 1024,
    status: res.status,
    signal: res.signal,
    error: res.error,
    stdout: res.stdout ?? '',
    stderr: res.stderr ?? '',
  };
}

function commandLine(argv) {
  return ['node', ...argv.map((a) => (path.isAbsolute(a) ? path.relative(ROOT, a) || '.' : a))].join(' ');
}

function assertOk(run, okCodes, what, explain) {
  if (!run.error && run.signal === null && okCodes.includes(run.status)) return;
  const lines = [
    `${what} failed: ${commandLine(run.argv)}`,
    run.error ? `  error: ${run.error.message}` : run.signal ? `  killed by ${run.signal}` : `  exit code ${run.status}`,
  ];
  const stderr = run.stderr.trimEnd();
  if (stderr) lines.push('  stderr:', ...indent(firstLines(stderr, 40)));
  if (explain) lines.push(...explain(run));
  throw new BenchAbort(lines.join('\n'));
}

// ---------------------------------------------------------------------------
// The check scenario's diagnostics.

function tallyDiagnostics(diagnostics, max = 20) {
  const byRule = new Map();
  for (const d of diagnostics) byRule.set(`${d.severity} ${d.rule}`, (byRule.get(`${d.severity} ${d.rule}`) ?? 0) + 1);
  const lines = [...byRule].sort((a, b) => b[1] - a[1]).map(([k, v]) => `${String(v).padStart(7)}  ${k}`);
  const first = diagnostics.slice(0, max).map((d) => {
    const where = d.file ? `${d.file}${d.line ? `:${d.line}${d.column ? `:${d.column}` : ''}` : ''}` : d.module ?? '';
    return `${d.severity} ${d.rule} ${where} ${d.message}`;
  });
  return { lines, first };
}

function inspectCheckJson(dir, stdout) {
  let report;
  try {
    report = JSON.parse(stdout);
  } catch (err) {
    return [`check --format json did not print JSON (${err.message})`];
  }
  const diagnostics = Array.isArray(report.diagnostics) ? report.diagnostics : [];
  const notes = [];
  const modules = Array.isArray(report.modules) ? report.modules : [];
  const notOk = modules.filter((m) => m.status !== 'ok').length;
  if (notOk) notes.push(`${notOk} of ${modules.length} modules are not ok (blocked or invalid)`);
  if (diagnostics.length) {
    const { lines, first } = tallyDiagnostics(diagnostics);
    notes.push(`the generated platform is not clean: ${diagnostics.length} non-blocking diagnostics`, ...lines, 'first ones:', ...indent(first));
  }
  return notes;
}

function inspectPlanJson(dir, stdout) {
  let plan;
  try {
    plan = JSON.parse(stdout);
  } catch (err) {
    return [`migrate plan --format json did not print JSON (${err.message})`];
  }
  const steps = Array.isArray(plan.steps) ? plan.steps : [];
  const byWave = new Map();
  for (const s of steps) byWave.set(s.wave, (byWave.get(s.wave) ?? 0) + 1);
  const notes = [`${steps.length} steps; by wave ${[...byWave].sort((a, b) => a[0] - b[0]).map(([w, n]) => `${w}: ${n}`).join(', ')}`];
  const diagnostics = Array.isArray(plan.diagnostics) ? plan.diagnostics : [];
  if (diagnostics.length) {
    const { lines, first } = tallyDiagnostics(diagnostics);
    notes.push(`the generated migrations are not clean: ${diagnostics.length} diagnostics`, ...lines, 'first ones:', ...indent(first));
  }
  return notes;
}

function explainCheckFailure(dir) {
  const lines = [];
  const json = runNode([CLI, 'check', dir, '--format', 'json'], { captureStdout: true });
  try {
    const { lines: tally, first } = tallyDiagnostics(JSON.parse(json.stdout).diagnostics ?? []);
    lines.push('  diagnostics by rule:', ...indent(tally), '  first diagnostics:', ...indent(indent(first)));
  } catch {
    // Not JSON; the text output below says what there is to say.
  }
  const text = runNode([CLI, 'check', dir], { captureStdout: true });
  lines.push(`  ${commandLine(text.argv)} (exit ${text.status}), first lines:`, ...indent(indent(firstLines(text.stdout || text.stderr, 30))));
  return lines;
}

// ---------------------------------------------------------------------------

const log = (s = '') => process.stdout.write(`${s}\n`);
const fmt = (x, digits = 1) => (x === null || x === undefined || Number.isNaN(x) ? '-' : x.toFixed(digits));
const indent = (lines) => lines.map((l) => `  ${l}`);
const firstLines = (text, n) => {
  const all = text.split('\n');
  return all.length > n ? [...all.slice(0, n), `... (${all.length - n} more lines)`] : all;
};

function median(values) {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

const maxOf = (values) => {
  const v = values.filter((x) => x !== null);
  return v.length ? Math.max(...v) : null;
};

function machineInfo() {
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

function measureScenario(scenario, dir, opts) {
  const okCodes = scenario.okExitCodes ?? [0];
  const what = `${scenario.name} on ${path.relative(ROOT, dir)}`;
  const explain = scenario.explain ? (run) => scenario.explain(dir, run) : undefined;
  const floorArgv = scenario.floorCommand ? scenario.floorCommand(dir) : null;

  const notes = [];
  for (let w = 0; w < opts.warmup; w++) {
    if (floorArgv) assertOk(runNode(floorArgv), [0], `floor for ${what}`);
    const run = runNode(scenario.command(dir), { captureStdout: w === 0 });
    assertOk(run, okCodes, what, explain);
    if (w === 0 && scenario.inspect) notes.push(...scenario.inspect(dir, run.stdout));
  }

  const floorRuns = [];
  const runs = [];
  for (let r = 0; r < opts.runs; r++) {
    if (floorArgv) {
      const f = runNode(floorArgv);
      assertOk(f, [0], `floor for ${what}`);
      floorRuns.push(f);
    }
    const run = runNode(scenario.command(dir));
    assertOk(run, okCodes, what, explain);
    runs.push(run);
    process.stdout.write('.');
  }
  process.stdout.write('\n');

  const targets = { ...DEFAULT_TARGETS, ...scenario.targets };
  const floorMedianMs = floorArgv ? median(floorRuns.map((x) => x.ms)) : null;
  const medianMs = median(runs.map((x) => x.ms));
  const ratio = floorMedianMs ? medianMs / floorMedianMs : null;
  const peakRssMB = maxOf(runs.map((x) => x.rssMB));
  return {
    scenario: scenario.name,
    floorName: scenario.floorName ?? null,
    command: commandLine(scenario.command(dir)),
    floorCommand: floorArgv ? commandLine(floorArgv) : null,
    floorMedianMs,
    medianMs,
    ratio,
    peakRssMB,
    floorPeakRssMB: maxOf(floorRuns.map((x) => x.rssMB)),
    targets,
    ratioOk: ratio === null ? null : ratio <= targets.ratio,
    rssOk: peakRssMB === null ? null : peakRssMB <= targets.rssMB,
    timesMs: runs.map((x) => Number(x.ms.toFixed(1))),
    floorTimesMs: floorRuns.map((x) => Number(x.ms.toFixed(1))),
    rssMB: runs.map((x) => (x.rssMB === null ? null : Number(x.rssMB.toFixed(1)))),
    notes,
  };
}

function printTable(results) {
  const okCell = (ok) => (ok === null ? '-' : ok ? 'ok' : 'over');
  const header = ['size', 'scenario', 'floor', 'floor median ms', 'median ms', 'ratio', 'peak RSS MB', 'ratio target', 'memory target'];
  const rows = results.map((r) => [
    String(r.size),
    r.scenario,
    r.floorName ?? '-',
    fmt(r.floorMedianMs),
    fmt(r.medianMs),
    r.ratio === null ? '-' : `${fmt(r.ratio, 2)}x`,
    fmt(r.peakRssMB),
    `${okCell(r.ratioOk)} (<= ${r.targets.ratio}x)`,
    `${okCell(r.rssOk)} (<= ${r.targets.rssMB} MB)`,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const leftAligned = new Set([1, 2, 7, 8]);
  const line = (cells) => cells.map((c, i) => (leftAligned.has(i) ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ').trimEnd();
  log(line(header));
  log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of rows) log(line(row));
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const scenarios = SCENARIOS.filter((s) => opts.scenarios.includes(s.name));
  const live = LIVE_SCENARIOS.filter((s) => opts.scenarios.includes(s.name));
  for (const s of [...scenarios, ...live]) {
    for (const file of s.requires ?? []) {
      if (!existsSync(file)) {
        process.stderr.write(`bench: ${path.relative(ROOT, file)} is missing; run \`npm run build\` first (or use \`npm run bench\`)\n`);
        process.exit(2);
      }
    }
  }
  mkdirSync(BENCH_DIR, { recursive: true });

  const machine = machineInfo();
  log(`Module Workbench benchmark: node ${machine.node}, ${machine.cpus} CPUs (${machine.cpuModel}), ${machine.totalMemMB} MB RAM, ${machine.platform}`);
  log(`load average ${machine.loadavg.join(' ')}; ${opts.runs} timed run(s) + ${opts.warmup} warm-up per scenario and size; medians of wall time per child process`);

  const results = [];
  const startedAt = new Date().toISOString();
  try {
    for (const n of scenarios.length > 0 ? opts.sizes : []) {
      log(`\n${n} modules`);
      const dir = ensurePlatform(n, opts);
      for (const scenario of scenarios) {
        process.stdout.write(`  ${scenario.name} `);
        const res = measureScenario(scenario, dir, opts);
        for (const note of res.notes) log(`    | ${note}`);
        results.push({ size: n, ...res });
      }
    }
  } catch (err) {
    if (err instanceof BenchAbort) {
      process.stdout.write('\n');
      process.stderr.write(`\nbench aborted: ${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }

  log('');
  printTable(results);

  const liveResults = [];
  for (const scenario of live) {
    const skip = scenario.skip?.();
    if (skip) {
      log(`\n${scenario.name}: skipped (${skip})`);
      continue;
    }
    for (const n of scenario.sizes) {
      const dir = scenario.platform ? scenario.platform(n, opts) : ensurePlatform(n, opts);
      const r = await scenario.run(dir);
      liveResults.push({ scenario: scenario.name, size: n, ...r });
      log(`\n${scenario.name} (${n} modules): ${scenario.describe}`);
      log(`  ${r.formatted} — ${r.value <= r.target ? 'ok' : 'over'} (goal <= ${r.unit === 'ms' ? `${r.target} ms` : `${r.target * 100}%`})`);
      log(`  ${r.figure}`);
    }
  }
  const out = path.join(BENCH_DIR, 'results.json');
  const doc = {
    startedAt,
    finishedAt: new Date().toISOString(),
    machine,
    options: { sizes: opts.sizes, runs: opts.runs, warmup: opts.warmup, seed: opts.seed, scenarios: opts.scenarios },
    units: { time: 'ms (wall clock, spawn to exit)', memory: 'MB = MiB (getrusage maxRSS / 1024)' },
    results,
    live: liveResults.map(({ raw, ...rest }) => ({ ...rest, raw })),
  };
  writeFileSync(out, JSON.stringify(doc, null, 2) + '\n');
  log(`\nresults written to ${path.relative(ROOT, out)}`);
}

main().catch((err) => {
  process.stderr.write(`bench failed: ${err.stack ?? err}\n`);
  process.exit(1);
});
