#!/usr/bin/env node
// `npm run bench`: every figure of the performance goals (issue 16), measured in one run and
// printed side by side with its goal. Never asserted in tests.
//
//   node scripts/bench/run.mjs [--sections check,graph-nx,...] [--runs 3] [--warmup 1] [--seed S] [--fresh]
//
// Each section is a file of its own; add one to SECTIONS below. A section:
//   name, describe          key for --sections, and what it measures
//   sizes                   generated platform sizes it runs on (each gets .bench/platform-<n>/)
//   platform?(n, ctx)       another checkout than the generated platform (e.g. a Drupal site)
//   skip?(ctx)              a reason to skip it (printed), or null
//   run(ctx, dir, n)        returns figures: figure(label, value, goal, {unit, detail}) of check-section.mjs
// Whole-process timings are child processes (`node -r rss.cjs ...`), interleaved so that drift
// on a shared machine hits the compared commands alike (lib.mjs, `interleaved`).

import { mkdirSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { checkSection, figure, inspectCheck, migratePlanSection } from './check-section.mjs';
import { drupalCheckScenario } from './drupal-site.mjs';
import { odooCheckScenario } from './odoo.mjs';
import { graphNxSection } from './graph-nx.mjs';
import { graphRenderScenario } from './graph-render.mjs';
import { measureIncremental } from './incremental.mjs';
import { viewSwitchScenario } from './view-switch.mjs';
import { BENCH_DIR, BenchAbort, CLI, ensurePlatform, fmt, log, machineInfo, maxOf, median, ROOT, runNode } from './lib.mjs';

const SECTIONS = [
  checkSection,
  graphNxSection,
  {
    name: 'incremental',
    describe: 'incremental re-check after one manifest data edit (a description or a version changed), as a fraction of the full scan, through mwb serve',
    sizes: [5000],
    run: async (ctx, dir, n) => {
      const r = await measureIncremental(CLI, dir);
      const detail = `until the client holds the result: full scan (session.open) ${fmt(r.fullMs, 0)} ms (server ${fmt(r.fullServerMs, 0)}; at startup ${fmt(r.startupMs, 0)}); saved data edit (description, version) median ${fmt(r.medianMs, 0)} ms (${r.incrementalMs.map((x) => fmt(x, 0)).join(', ')}; server ${fmt(r.serverMedianMs, 0)}); comment-only edit ${fmt(r.textOnlyMs, 0)} ms; manifests parsed per edit ${[...new Set(r.parsedPerEdit)].join('/')}; parts reused per edit kind ${JSON.stringify(r.reusedPerKind)}`;
      const beside = (what, ms, fraction) => figure(`incremental re-check after ${what} / full scan, ${n} modules`, fraction, 0.05, { unit: '%', detail: `${fmt(ms, 0)} ms` });
      return [figure(`incremental re-check / full scan, ${n} modules`, r.fraction, 0.05, { unit: '%', detail }), beside("a permission's description", r.recheckAllMs, r.permissionFraction), beside("a provided capability's version", r.capabilityMs, r.capabilityFraction), beside('a dependency edit', r.dependencyMs, r.dependencyFraction), beside("a route's permission edit", r.routeMs, r.routeFraction)];
    },
  },
  migratePlanSection,
  liveSection(drupalCheckScenario({ cli: CLI, benchDir: BENCH_DIR, runNode, median, maxOf, fmt })),
  liveSection(odooCheckScenario({ cli: CLI, benchDir: BENCH_DIR, runNode, median, maxOf, fmt })),
  liveSection(graphRenderScenario({ cli: CLI, fmt })),
  liveSection(viewSwitchScenario({ cli: CLI })),
  {
    name: 'postgres',
    describe: 'migrate plan and preflight of 15,000 migrations (5,000 modules) against a throwaway PostgreSQL server (scripts/bench/postgres.mjs)',
    sizes: [5000],
    platform: () => null,
    run: async (ctx, dir, n) => {
      // Its own process: it generates the platform, starts and stops the server; prints "<label> <seconds> s <summary>".
      const r = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'bench', 'postgres.mjs'), '--modules', String(n)], { encoding: 'utf8' });
      process.stdout.write(r.stdout);
      const seconds = (label) => Number(new RegExp(`^${label}\\s+([0-9.]+) s`, 'm').exec(r.stdout)?.[1] ?? NaN);
      if (/skipped/.test(r.stdout) || r.status !== 0) return [figure(`postgres (${n} modules)`, null, null, { detail: (r.stdout + r.stderr).trim().split('\n').pop() })];
      return ['migrate plan', 'migrate preflight'].map((label) => figure(`${label} against PostgreSQL, ${n * 3} migrations`, seconds(label), null, { unit: ' s', detail: 'for scale' }));
    },
  },
];

/** A section of the older live form ({name, sizes, describe, platform, run(dir) -> {value, target, formatted, figure}}). */
function liveSection(s) {
  return {
    name: s.name,
    describe: s.describe,
    sizes: s.sizes,
    platform: s.platform ? (n, ctx) => s.platform(n, ctx.opts) : undefined,
    skip: s.skip,
    run: async (ctx, dir, n) => {
      const r = await s.run(dir);
      return [{ ...figure(`${s.name}, ${n}`, r.value, r.target ?? null, { unit: r.unit === 'ms' ? ' ms' : '', detail: r.figure }), measured: r.formatted }];
    },
  };
}

function usage(message) {
  if (message) process.stderr.write(`bench: ${message}\n`);
  process.stderr.write(`usage: node scripts/bench/run.mjs [--sections ${SECTIONS.map((s) => s.name).join(',')}] [--runs 3] [--warmup 1] [--seed S] [--fresh]\n`);
  process.exit(2);
}

function parseArgs(argv) {
  const opts = { runs: 3, warmup: 1, seed: 1, fresh: false, sections: SECTIONS.map((s) => s.name) };
  for (let i = 0; i < argv.length; i++) {
    const [arg, inline] = argv[i].startsWith('--') && argv[i].includes('=') ? [argv[i].slice(0, argv[i].indexOf('=')), argv[i].slice(argv[i].indexOf('=') + 1)] : [argv[i], undefined];
    const value = () => inline ?? argv[++i] ?? usage(`${arg} needs a value`);
    const int = (v, min) => (Number.isInteger(Number(v)) && Number(v) >= min ? Number(v) : usage(`${arg}: expected an integer >= ${min}, got "${v}"`));
    if (arg === '--runs') opts.runs = int(value(), 1);
    else if (arg === '--warmup') opts.warmup = int(value(), 0);
    else if (arg === '--seed') {
      const v = value();
      opts.seed = /^\d+$/.test(v) ? Number(v) : v;
    }
    else if (arg === '--fresh') opts.fresh = true;
    else if (arg === '--sections' || arg === '--scenarios') {
      opts.sections = value().split(',').filter(Boolean);
      for (const s of opts.sections) if (!SECTIONS.some((x) => x.name === s)) usage(`unknown section "${s}"`);
    } else if (arg === '-h' || arg === '--help') usage();
    else usage(`unknown argument "${argv[i]}"`);
  }
  return opts;
}

function printSummary(rows) {
  const header = ['figure', 'measured', 'goal', ''];
  const cells = rows.map((f) => [f.label, f.measured, f.goal, f.ok === null ? '' : f.ok ? 'ok' : 'OVER']);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c) => c.map((x, i) => x.padEnd(widths[i])).join('  ').trimEnd();
  log(line(header));
  log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const c of cells) log(line(c));
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  mkdirSync(BENCH_DIR, { recursive: true });
  const machine = machineInfo();
  log(`Module Workbench benchmark: node ${machine.node}, ${machine.cpus} CPUs (${machine.cpuModel}), ${machine.totalMemMB} MB RAM, ${machine.platform}`);
  log(`load average at start ${machine.loadavg.join(' ')}; medians of ${opts.runs} timed run(s) after ${opts.warmup} warm-up, commands interleaved`);
  const ctx = { opts, root: ROOT };
  const rows = [];
  const startedAt = new Date().toISOString();
  for (const section of SECTIONS.filter((s) => opts.sections.includes(s.name))) {
    log(`\n${section.name}: ${section.describe}`);
    const skip = section.skip?.(ctx);
    if (skip) {
      log(`  skipped: ${skip}`);
      rows.push({ label: section.name, measured: 'skipped', goal: '', ok: null, detail: skip });
      continue;
    }
    for (const n of section.sizes) {
      const dir = section.platform ? section.platform(n, ctx) : ensurePlatform(n, opts);
      if (section === checkSection) log(`  ${inspectCheck(dir)}`);
      try {
        for (const f of await section.run(ctx, dir, n)) {
          rows.push(f);
          log(`  ${f.label}: ${f.measured} (goal ${f.goal})${f.ok === false ? ' OVER' : ''}${f.detail ? `\n    ${f.detail}` : ''}`);
        }
      } catch (err) {
        if (!(err instanceof BenchAbort)) throw err;
        log(`  failed: ${err.message}`);
        rows.push({ label: `${section.name}, ${n}`, measured: 'failed', goal: '', ok: false, detail: err.message });
      }
    }
  }
  log(`\nSummary (load average now ${machineInfo().loadavg.join(' ')}; ${machine.cpus} CPUs):`);
  printSummary(rows);
  const out = path.join(BENCH_DIR, 'results.json');
  writeFileSync(out, JSON.stringify({ startedAt, finishedAt: new Date().toISOString(), machine, options: opts, figures: rows }, null, 2) + '\n');
  log(`\nresults written to ${path.relative(ROOT, out)}`);
}

main().catch((err) => {
  process.stderr.write(`bench failed: ${err.stack ?? err}\n`);
  process.exit(1);
});
