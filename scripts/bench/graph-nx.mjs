// Bench section: `mwb graph --format json` against Nx's `nx graph --file=g.json` on an npm
// workspace mirroring the same generated platform (one package per module, its dependencies and
// optional dependencies as the package's). Nx is never a dependency of the project: it is installed
// on first use into .bench/nx/ (when the registry can be reached; otherwise the comparison is
// skipped, saying so), and the workspace under .bench/ links to it. No daemon, no cloud, Nx's cache
// cleared before every run, medians of the runs.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { figure } from './check-section.mjs';
import { buildPlatform } from './generate.mjs';
import { BENCH_DIR, CLI, fmt, interleaved, log } from './lib.mjs';

export const NX_VERSION = '24.0.6';
const NX_DIR = path.join(BENCH_DIR, 'nx');
const NX_PACKAGE = path.join(NX_DIR, 'node_modules', 'nx');

/** Nx's CLI script, from its package.json (`bin.nx`); null when Nx is not installed. */
function nxBin() {
  try {
    const bin = JSON.parse(readFileSync(path.join(NX_PACKAGE, 'package.json'), 'utf8')).bin?.nx;
    return bin && existsSync(path.join(NX_PACKAGE, bin)) ? path.join(NX_PACKAGE, bin) : null;
  } catch {
    return null;
  }
}

/** Installs Nx into .bench/nx/ once; returns null when installed, else why it is not. */
function ensureNx() {
  if (nxBin()) return null;
  mkdirSync(NX_DIR, { recursive: true });
  writeFileSync(path.join(NX_DIR, 'package.json'), JSON.stringify({ name: 'mwb-bench-nx', private: true }, null, 2) + '\n');
  log(`  installing nx@${NX_VERSION} into ${path.relative(process.cwd(), NX_DIR)} (first use; never a dependency of the project)`);
  const res = spawnSync('npm', ['install', '--no-audit', '--no-fund', '--save-exact', `nx@${NX_VERSION}`], { cwd: NX_DIR, encoding: 'utf8', timeout: 10 * 60 * 1000 });
  if (!nxBin()) return `npm install nx@${NX_VERSION} failed (is the registry reachable?): ${(res.stderr || res.error?.message || '').trim().split('\n').slice(-3).join(' ')}`;
  return null;
}

/** The npm workspace with the same graph as the generated platform of `n` modules (cached per size and seed). */
function ensureWorkspace(n, seed) {
  const dir = path.join(BENCH_DIR, `nx-workspace-${n}`);
  const marker = path.join(dir, '.bench-workspace.json');
  const want = JSON.stringify({ n, seed, nx: NX_VERSION, layout: 1 });
  const link = path.join(dir, 'node_modules');
  if (existsSync(marker) && readFileSync(marker, 'utf8') === want) {
    // A .bench copied from another checkout may carry a link to a folder that is gone: relink it.
    if (!existsSync(link)) {
      rmSync(link, { force: true });
      symlinkSync(path.relative(dir, path.join(NX_DIR, 'node_modules')), link, 'dir');
    }
    return dir;
  }
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(path.join(dir, 'packages'), { recursive: true });
  const { modules } = buildPlatform(n, { seed });
  const deps = (list) => Object.fromEntries((list ?? []).map((d) => [d.split(' ')[0], '*']));
  for (const m of modules) {
    const pkg = path.join(dir, 'packages', m.name);
    mkdirSync(pkg);
    const json = { name: m.name, version: m.manifest.version, private: true, dependencies: deps(m.manifest.dependencies), optionalDependencies: deps(m.manifest.optional_dependencies) };
    writeFileSync(path.join(pkg, 'package.json'), JSON.stringify(json, null, 2) + '\n');
  }
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: `bench-${n}`, private: true, workspaces: ['packages/*'] }, null, 2) + '\n');
  writeFileSync(path.join(dir, 'nx.json'), JSON.stringify({ $schema: './node_modules/nx/schemas/nx-schema.json' }, null, 2) + '\n');
  // Relative, so that the .bench folder still works when copied or moved.
  symlinkSync(path.relative(dir, path.join(NX_DIR, 'node_modules')), link, 'dir');
  writeFileSync(marker, want);
  return dir;
}

const NX_ENV = { NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_SKIP_NX_CACHE: 'true', NX_TUI: 'false', NX_INTERACTIVE: 'false' };

/** Nx's cache and workspace data, removed before each of its runs (a cold `nx graph`, as a first run in CI). */
function nxCommand(ws) {
  const bin = JSON.stringify(nxBin());
  const script = `const fs=require('fs');for(const d of ['.nx','node_modules/.cache/nx'])fs.rmSync(require('path').join(${JSON.stringify(ws)},d),{recursive:true,force:true});process.argv=[process.argv[0],${bin},'graph','--file=g.json'];require(${bin});`;
  return ['-e', script];
}

export const graphNxSection = {
  name: 'graph-nx',
  describe: `mwb graph --format json against nx@${NX_VERSION} graph --file=g.json on an npm workspace with the same graph (no daemon, cache cleared)`,
  sizes: [5000],
  skip: () => ensureNx(),
  run(ctx, dir, n) {
    const ws = ensureWorkspace(n, ctx.opts.seed);
    const [mwb, nx] = interleaved(
      [
        { what: `mwb graph on ${n}`, argv: [CLI, 'graph', dir, '--format', 'json'] },
        { what: `nx graph on ${n}`, argv: nxCommand(ws), cwd: ws, env: NX_ENV },
      ],
      ctx.opts,
    );
    const graph = JSON.parse(readFileSync(path.join(ws, 'g.json'), 'utf8')).graph ?? {};
    const nodes = Object.keys(graph.nodes ?? {}).length;
    const edges = Object.values(graph.dependencies ?? {}).reduce((s, l) => s + l.length, 0);
    const detail = `mwb ${fmt(mwb.medianMs, 0)} ms (${mwb.timesMs.join(', ')}), ${fmt(mwb.peakRssMB, 0)} MB; nx ${fmt(nx.medianMs, 0)} ms (${nx.timesMs.join(', ')}); nx saw ${nodes} projects, ${edges} dependencies`;
    return [figure(`graph --format json / nx graph, ${n} modules`, mwb.medianMs / nx.medianMs, 0.5, { unit: 'x', detail })];
  },
};
